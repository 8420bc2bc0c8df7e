#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "osce_kb.settings")
    # DEBUG is what the environment says, off unless set, as for the web server: `manage.py check --deploy`,
    # `migrate` or `collectstatic` run by an operator see the settings production runs. Development commands
    # say DEBUG=1 themselves (`make run`, `make messages`).
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
