"""A backup of the whole knowledge base as fixtures that `load_kb` accepts (and loads into an empty database).

Every record, published or not, is written with what a fixture may say about it: every language column of each
translated field (never the bare field), references as natural keys (slug or code), a tenure's slug, and none
of the columns a save derives (the edit token, the folded search text, the sort keys). What is written is each
record's current row, which is also its latest state in the editors' history; `load_kb` stores it as a new
version when it loads the dump. A language column holding NULL is written as "", which says the same: no text.
"""

import json
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from modeltranslation.translator import NotRegistered, translator

from osce_kb.loading import MODEL_ORDER


def fixture_fields(model):
    """The names of the fields `load_kb` reads for `model`, in the model's order."""
    try:
        translated = set(translator.get_options_for_model(model).fields)
    except NotRegistered:
        translated = set()
    names = [
        field.name
        for field in model._meta.concrete_fields
        if (field.editable or field.name == "slug") and not field.primary_key and field.name not in translated
    ]
    return names + [field.name for field in model._meta.many_to_many]


def records(label):
    """Every record of the model `label`, as fixture objects ordered by their natural key."""
    model = apps.get_model(label)
    rows = model._base_manager.order_by("pk")
    objects = serializers.serialize(
        "python", rows, fields=fixture_fields(model), use_natural_foreign_keys=True, use_natural_primary_keys=True
    )
    text = {
        field.name for field in model._meta.concrete_fields if isinstance(field, models.CharField | models.TextField)
    }
    for obj in objects:
        obj.pop("pk", None)
        for name, value in obj["fields"].items():
            # A language column a record was created without holds NULL; a fixture says "" (no text in that
            # language), which reads the same everywhere, fallback included.
            if value is None and name in text:
                obj["fields"][name] = ""
            # Many-to-many keys sorted, so that two dumps of the same content are the same files.
            if isinstance(value, list) and value and isinstance(value[0], list | tuple):
                obj["fields"][name] = sorted(value)
    return sorted(objects, key=lambda obj: obj["fields"].get("slug") or obj["fields"].get("code"))


def dump_kb(directory):
    """Write one fixture file per model into `directory` (created if need be); returns the files written."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for number, label in enumerate(MODEL_ORDER, start=1):
        path = directory / f"{number:02d}-{label}.json"
        text = json.dumps(records(label), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        path.write_text(text + "\n", encoding="utf-8")
        written.append(path)
    return written
