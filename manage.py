#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "osce_kb.settings")
    # The command line is for developers and operators: it runs with DEBUG on unless told otherwise, so that
    # `manage.py migrate` or `makemigrations --check` work in a fresh clone. Web servers load wsgi.py, where
    # DEBUG stays off (and SECRET_KEY is required) unless the environment says otherwise.
    os.environ.setdefault("DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
