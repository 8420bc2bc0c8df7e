import json
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from osce_kb import popolo
from osce_kb.loading import FixtureError, load_kb


class Command(BaseCommand):
    help = (
        "Load the bundled content (every fixtures/*.json, or the files given) in dependency order, in one "
        "transaction. Running it again changes nothing; a bad fixture changes nothing either."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", help="Fixture files to load instead of the bundled ones.")
        parser.add_argument(
            "--popolo",
            metavar="FILE",
            help="Load a Popolo export of this knowledge base (export_kb --format popolo) instead of fixtures.",
        )

    def handle(self, *args, **options):
        # An operator's command speaks English, whatever the site's default language.
        with translation.override("en"):
            try:
                popolo_file = options["popolo"]
                report = load_popolo(popolo_file) if popolo_file else load_kb(options["files"] or None)
            except (FixtureError, popolo.PopoloError) as exc:
                raise CommandError(f"Nothing was loaded. {exc}") from exc
        for line in report.lines():
            self.stdout.write(line)
        if not report.changed_anything:
            self.stdout.write(self.style.SUCCESS("The database already holds this content; nothing changed."))
        else:
            self.stdout.write(self.style.SUCCESS("Content loaded."))


def load_popolo(path):
    """Load the Popolo export `path` through load_kb, as one fixture named after it (so that an error names it)."""
    objects = popolo.read(path)
    with tempfile.TemporaryDirectory() as directory:
        fixture = Path(directory) / Path(path).name
        fixture.write_text(json.dumps(objects, ensure_ascii=False), encoding="utf-8")
        return load_kb([fixture])
