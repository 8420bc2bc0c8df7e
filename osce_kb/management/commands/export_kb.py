import json
import os
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from osce_kb import exporting, wikidata


class Command(BaseCommand):
    help = (
        "Write the whole published knowledge base as open data: --format popolo (one JSON document of Popolo "
        "collections) or jsonld (one schema.org graph) to FILE or standard output, or csv (one file per "
        "collection) to the directory FILE. Drafts are never written; rows are streamed in constant memory. "
        "--format quickstatements writes the Kazakh and Russian labels and descriptions that the records' "
        "Wikidata items lack, after checking every id against its item's labels."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["popolo", "csv", "jsonld", "quickstatements"], required=True)
        parser.add_argument("output", nargs="?", help="The file (a directory for csv); standard output if absent.")
        parser.add_argument(
            "--lang",
            choices=[code for code, _name in settings.LANGUAGES],
            default=settings.LANGUAGE_CODE,
            help="The language of the plain fields (every field is also written in each language).",
        )
        parser.add_argument(
            "--base-url",
            default=os.environ.get("SITE_URL", "http://127.0.0.1:8000"),
            help="The site's address, for the records' page URLs (default: $SITE_URL, else http://127.0.0.1:8000).",
        )
        parser.add_argument(
            "--entities",
            action="append",
            metavar="JSON",
            help="For quickstatements: a saved wbgetentities answer with the items' labels, instead of asking "
            "Wikidata (repeat for several); without it the items are read from --wikidata-api.",
        )
        parser.add_argument("--wikidata-api", default=wikidata.API, help="For quickstatements: Wikidata's API.")

    def handle(self, *args, **options):
        output, base_url, lang = options["output"], options["base_url"].rstrip("/"), options["lang"]
        if "://" not in base_url:
            raise CommandError(f"--base-url must be an address such as https://kb.example.org; got {base_url!r}.")
        if options["format"] == "quickstatements":
            self.quickstatements(output, options["entities"], options["wikidata_api"])
            return
        if options["format"] == "csv":
            if not output:
                raise CommandError("--format csv writes one file per collection: give the directory to write to.")
            for path in exporting.write_csv(output, base_url, lang):
                self.stderr.write(str(path))
            return
        write = exporting.write_popolo if options["format"] == "popolo" else exporting.write_jsonld
        if not output:
            write(sys.stdout, base_url, lang)
            return
        with open(output, "w", encoding="utf-8") as out:
            write(out, base_url, lang)
        self.stderr.write(f"The knowledge base was written to {output}.")

    def quickstatements(self, output, entity_files, api):
        documents = None
        if entity_files:
            documents = []
            for path in entity_files:
                try:
                    with open(path, encoding="utf-8") as answer:
                        documents.append(json.load(answer))
                except (OSError, ValueError) as error:
                    raise CommandError(f"{path} could not be read as JSON: {error}") from error
        try:
            lines = wikidata.statements(documents, api)
        except wikidata.WikidataError as error:
            raise CommandError(str(error)) from error
        text = "".join(line + "\n" for line in lines)
        if not output:
            sys.stdout.write(text)
        else:
            with open(output, "w", encoding="utf-8") as out:
                out.write(text)
        self.stderr.write(f"{len(lines)} statements were written{' to ' + output if output else ''}.")
