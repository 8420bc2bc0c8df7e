import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from osce_kb.seeding import Counts, SeedingRefused, seed


class Command(BaseCommand):
    help = (
        "Add synthetic events, people and tenures (three languages, partial dates, links skewed towards "
        "Kazakhstan, the seed essay and the Permanent Council) to a benchmark database that holds the bundled "
        "content, in bulk. Refuses a database without “bench” in its name unless --yes is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--events", type=int, default=0)
        parser.add_argument("--people", type=int, default=0)
        parser.add_argument("--tenures", type=int, default=0)
        parser.add_argument("--seed", type=int, default=1, help="The same seed gives the same records.")
        parser.add_argument("--yes", action="store_true", help="Seed even a database not named for benchmarks.")

    def handle(self, *args, **options):
        counts = Counts(events=options["events"], people=options["people"], tenures=options["tenures"])
        if min(counts.events, counts.people, counts.tenures) < 0:
            raise CommandError("Counts cannot be negative.")
        started = time.monotonic()
        try:
            seed(counts, seed=options["seed"], yes=options["yes"], stream=self.stderr)
        except SeedingRefused as refusal:
            raise CommandError(str(refusal)) from refusal
        elapsed = time.monotonic() - started
        rows = counts.events + counts.people + counts.tenures
        self.stdout.write(
            self.style.SUCCESS(
                f"{counts.events:,} events, {counts.people:,} people and {counts.tenures:,} tenures added to "
                f"{connection.settings_dict['NAME']} in {elapsed:.1f} s ({rows / max(elapsed, 1e-6):,.0f} rows/s)."
            )
        )
