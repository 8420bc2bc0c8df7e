"""Loading the bundled content (fixtures/*.json) into the database, all or nothing.

Django's `loaddata` would do most of this, but its errors name neither the field nor the object clearly, it
does not run model validation, and under django-modeltranslation its result depends on the active language.
Here every object is checked field by field and validated like an admin form before it is saved, the
objects of all files are saved in dependency order, and one transaction holds the whole load.
"""

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import reversion
from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist, ValidationError
from django.core.serializers.base import DeserializationError
from django.db import transaction
from django.utils import translation
from modeltranslation.translator import NotRegistered, translator

from osce_kb.i18n import in_all_languages

FIXTURE_DIR = Path(settings.BASE_DIR) / "fixtures"

# Models in the order their objects must be saved: each refers only to models before it.
MODEL_ORDER = [
    "osce_kb.source",
    "organs.participatingstate",
    "organs.organ",
    "people.person",
    "people.post",
    "people.tenure",
    "timeline.event",
]


class FixtureError(Exception):
    """A fixture that cannot be loaded, with where and why."""

    def __init__(self, path, message, *, index=None, label=None, key=None, field_name=None):
        self.path, self.index, self.label, self.key, self.field_name = path, index, label, key, field_name
        self.message = message
        where = [str(path)]
        if index is not None:
            what = f"object #{index + 1}"
            if label:
                what += f" ({label}"
                what += f" {key!r})" if key else ")"
            where.append(what)
        if field_name:
            where.append(f"field {field_name!r}")
        super().__init__(f"{', '.join(where)}: {message}")


@dataclass
class LoadReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)

    @property
    def changed_anything(self):
        return bool(sum(self.created.values()) or sum(self.updated.values()))

    def lines(self):
        for label in MODEL_ORDER:
            total = self.created[label] + self.updated[label] + self.unchanged[label]
            if total:
                yield (
                    f"{label}: {self.created[label]} created, {self.updated[label]} updated, "
                    f"{self.unchanged[label]} unchanged"
                )


@dataclass
class _Record:
    path: Path
    index: int
    data: dict

    @property
    def label(self):
        return self.data["model"].lower()

    @property
    def key(self):
        fields = self.data["fields"]
        return fields.get("slug") or fields.get("code") or ""

    def error(self, message, field_name=None):
        return FixtureError(self.path, message, index=self.index, label=self.label, key=self.key, field_name=field_name)


def bundled_fixture_files():
    return sorted(FIXTURE_DIR.glob("*.json"))


def _read(path):
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise FixtureError(path, f"cannot be read: {exc.strerror}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FixtureError(path, f"is not valid UTF-8 JSON: {exc}") from exc
    if not isinstance(data, list):
        raise FixtureError(path, "must hold a JSON list of objects")
    records = []
    for index, item in enumerate(data):
        if not isinstance(item, dict) or not isinstance(item.get("fields"), dict) or "model" not in item:
            raise FixtureError(path, 'each object needs a "model" and a "fields" object', index=index)
        record = _Record(Path(path), index, item)
        if record.label not in MODEL_ORDER:
            raise record.error(f"unknown model; expected one of {', '.join(MODEL_ORDER)}")
        if "pk" in item:
            raise record.error('objects are named by their natural key (slug or code), never by "pk"')
        records.append(record)
    return records


def _check_field_names(record, model):
    """Every field must exist, and translated fields come as all three language columns, never bare."""
    try:
        translated = set(translator.get_options_for_model(model).fields)
    except NotRegistered:
        translated = set()
    fields = record.data["fields"]
    for name in fields:
        if name in translated:
            raise record.error(
                f"set the language columns explicitly ({', '.join(in_all_languages(name))}), not the bare field",
                name,
            )
        try:
            model._meta.get_field(name)
        except FieldDoesNotExist:
            raise record.error("no such field on this model", name) from None
    for column in in_all_languages(*translated):
        if column not in fields:
            raise record.error("missing; write every language column, empty when there is no text", column)


def _check_values(record, model):
    """Turn each plain value into Python here, so that a bad value is reported with its field's name."""
    for name, value in record.data["fields"].items():
        model_field = model._meta.get_field(name)
        if model_field.is_relation:
            continue
        try:
            model_field.to_python(value)
        except ValidationError as exc:
            raise record.error(" ".join(exc.messages), name) from None


def _reference_error(record, exc):
    """Django says a lookup failed, not in which field: find the reference that does not resolve."""
    model = apps.get_model(record.label)
    for name, value in record.data["fields"].items():
        model_field = model._meta.get_field(name)
        if not model_field.is_relation or value is None:
            continue
        keys = value if model_field.many_to_many else [value]
        manager = model_field.related_model._default_manager
        for key in keys:
            key = key if isinstance(key, list) else [key]
            try:
                manager.get_by_natural_key(*key)
            except (model_field.related_model.DoesNotExist, TypeError, ValueError):
                return record.error(f"refers to {key!r}, which no fixture and no database row provides", name)
    return record.error(str(exc))


def _deserialize(record):
    try:
        (deserialized,) = serializers.deserialize("python", [record.data], handle_forward_references=True)
    except DeserializationError as exc:
        raise _reference_error(record, exc) from None
    return deserialized


def _state(instance, m2m):
    # What a fixture sets: not the columns a save derives (the edit token, the folded text, the sort keys).
    values = {
        f.attname: getattr(instance, f.attname)
        for f in instance._meta.concrete_fields
        if f.editable and not f.primary_key
    }
    return values, {name: sorted(pks) for name, pks in m2m.items()}


def _current_m2m(instance, names):
    return {name: list(getattr(instance, name).values_list("pk", flat=True)) for name in names}


def load_kb(paths=None):
    """Load `paths` (default: every bundled fixture) in one transaction and report what changed.

    Raises FixtureError, leaving the database exactly as it was, when any object is invalid.
    """
    paths = [Path(p) for p in paths] if paths else bundled_fixture_files()
    records = [record for path in paths for record in _read(path)]
    records.sort(key=lambda record: MODEL_ORDER.index(record.label))
    report = LoadReport()
    with transaction.atomic(), reversion.create_revision():
        # Every change load_kb makes is in the editors' history, like a save in the admin.
        reversion.set_comment("Loaded from the bundled fixtures (load_kb).")
        deferred = []
        for record in records:
            model = apps.get_model(record.label)
            _check_field_names(record, model)
            _check_values(record, model)
            deserialized = _deserialize(record)
            instance = deserialized.object
            m2m = deserialized.m2m_data or {}
            if instance.pk:
                instance._state.adding = False
            try:
                # Messages in the caller's language: English for the command, the editor's for a request.
                instance.full_clean()
            except ValidationError as exc:
                errors = exc.message_dict
                name = next(iter(errors))
                raise record.error(" ".join(errors[name]), None if name == "__all__" else name) from None
            existing = model._base_manager.filter(pk=instance.pk).first() if instance.pk else None
            if existing and _state(existing, _current_m2m(existing, m2m)) == _state(instance, m2m):
                report.unchanged[record.label] += 1
                continue
            # An editor who opened the record before this load must not overwrite it unknowingly.
            instance.mark_edited()
            # A translated field's base column takes the active language's value: save as Kazakh, always,
            # so that the result does not depend on the language the caller happens to have active.
            with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE):
                deserialized.save()
            (report.updated if existing else report.created)[record.label] += 1
            if deserialized.deferred_fields:
                deferred.append((record, deserialized))
        for record, deserialized in deferred:
            try:
                with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE):
                    deserialized.save_deferred_fields()
            except (DeserializationError, ObjectDoesNotExist) as exc:
                raise _reference_error(record, exc) from None
    return report
