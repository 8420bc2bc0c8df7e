import json

from django.core.management.base import BaseCommand, CommandError

from osce_kb import mapping


class Command(BaseCommand):
    help = (
        "Build the participating States map (osce_kb/data/states_map.json) from the npm packages world-atlas and "
        "i18n-iso-countries (npm ci installs them). Run it again only to change the map's data or projection."
    )

    def add_arguments(self, parser):
        parser.add_argument("--countries", default="node_modules/world-atlas/countries-50m.json")
        parser.add_argument("--codes", default="node_modules/i18n-iso-countries/codes.json")

    def handle(self, *args, **options):
        try:
            data = mapping.build(options["countries"], options["codes"])
        except OSError as error:
            raise CommandError(f"{error}. Install the map data first: npm ci") from error
        mapping.DATA.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        self.stderr.write(f"{len(data['states'])} countries written to {mapping.DATA}.")
