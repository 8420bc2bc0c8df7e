from django.core.management.base import BaseCommand, CommandError

from osce_kb.page_cache import renew_generation


class Command(BaseCommand):
    help = (
        "Stop serving every page cached so far. Editors' saves and load_kb do this by themselves; run it after "
        "changing content any other way (SQL, a database restored from a backup)."
    )

    def handle(self, *args, **options):
        if not renew_generation():
            raise CommandError("The cache could not be reached; no page is served from it until it answers again.")
        self.stdout.write("Cached pages dropped: every page is rendered afresh on its next read.")
