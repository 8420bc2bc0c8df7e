from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from osce_kb.loading import FixtureError, load_kb


class Command(BaseCommand):
    help = (
        "Load the bundled content (every fixtures/*.json, or the files given) in dependency order, in one "
        "transaction. Running it again changes nothing; a bad fixture changes nothing either."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", help="Fixture files to load instead of the bundled ones.")

    def handle(self, *args, **options):
        # An operator's command speaks English, whatever the site's default language.
        with translation.override("en"):
            try:
                report = load_kb(options["files"] or None)
            except FixtureError as exc:
                raise CommandError(f"Nothing was loaded. {exc}") from exc
        for line in report.lines():
            self.stdout.write(line)
        if not report.changed_anything:
            self.stdout.write(self.style.SUCCESS("The database already holds this content; nothing changed."))
        else:
            self.stdout.write(self.style.SUCCESS("Content loaded."))
