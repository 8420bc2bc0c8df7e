from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from osce_kb.dumping import dump_kb


class Command(BaseCommand):
    help = (
        "Back up the whole knowledge base as fixtures that load_kb accepts: one JSON file per model in DIR "
        "(default: var/backups/<date and time>/). Restore with `manage.py load_kb DIR/*.json`."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", nargs="?", help="Where to write the files.")

    def handle(self, *args, **options):
        directory = options["directory"] or (
            settings.BASE_DIR / "var" / "backups" / timezone.now().strftime("%Y-%m-%dT%H%M%SZ")
        )
        for path in dump_kb(directory):
            self.stdout.write(str(path))
        self.stdout.write(self.style.SUCCESS(f"The knowledge base was written to {directory}."))
