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

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist, ValidationError
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, models, transaction
from django.utils import translation
from modeltranslation.translator import NotRegistered, translator

from osce_kb.history import save_revision
from osce_kb.i18n import in_all_languages
from osce_kb.page_cache import content_changed

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
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise FixtureError(path, f"is not valid UTF-8 JSON: {exc}") from exc
    if not isinstance(data, list):
        raise FixtureError(path, "must hold a JSON list of objects")
    records = []
    for index, item in enumerate(data):
        if (
            not isinstance(item, dict)
            or not isinstance(item.get("model"), str)
            or not isinstance(item.get("fields"), dict)
        ):
            raise FixtureError(path, 'each object needs a "model" name and a "fields" object', index=index)
        record = _Record(Path(path), index, item)
        if record.label not in MODEL_ORDER:
            raise FixtureError(
                path, f"unknown model {item['model']!r}; expected one of {', '.join(MODEL_ORDER)}", index=index
            )
        if "pk" in item:
            raise record.error('objects are named by their natural key (slug or code), never by "pk"')
        unknown = set(item) - {"model", "fields"}
        if unknown:
            raise record.error(f"unknown keys {', '.join(sorted(unknown))}; an object has only model and fields")
        records.append(record)
    return records


def _key_field(model):
    return "code" if model is apps.get_model("organs.participatingstate") else "slug"


def _check_keys(records):
    """Every object names itself, once: a second object with the same name would silently overwrite the first."""
    seen = {}
    for record in records:
        name = _key_field(apps.get_model(record.label))
        key = record.data["fields"].get(name)
        if not isinstance(key, str) or not key.strip():
            raise record.error("missing; every object is named by it", name)
        first = seen.setdefault((record.label, key), record)
        if first is not record:
            raise record.error(f"{key!r} is also the {name} of object #{first.index + 1} in {first.path}", name)


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
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            raise record.error("no such field on this model", name) from None
        if field.auto_created or not field.concrete and not field.many_to_many or name == "edit_token":
            raise record.error("cannot be set from a fixture", name)
    for column in in_all_languages(*translated):
        if column not in fields:
            raise record.error("missing; write every language column, empty when there is no text", column)


def _is_natural_key(value):
    return isinstance(value, list) and bool(value) and all(isinstance(part, str) and part for part in value)


# The JSON type each kind of field takes; anything else (a list in a text field, a number for a date) is
# refused here rather than turned into text by the field.
_JSON_TYPES = [
    (models.BooleanField, (bool,), "true or false"),
    (models.IntegerField, (int,), "a whole number"),
]


def _check_values(record, model):
    """Check each value's JSON type and turn it into Python here, so a bad value is named with its field."""
    for name, value in record.data["fields"].items():
        field = model._meta.get_field(name)
        if value is None:
            # An empty string, not null, is a missing text (for fallback too).
            if field.many_to_many or not field.null or isinstance(field, models.CharField | models.TextField):
                raise record.error("may not be null", name)
            continue
        if field.many_to_many:
            if not isinstance(value, list) or not all(_is_natural_key(key) for key in value):
                raise record.error('must be a list of natural keys, e.g. [["essay"], ["helsinki-final-act"]]', name)
            continue
        if field.is_relation:
            if not _is_natural_key(value):
                raise record.error('must be a natural key, e.g. ["permanent-council"], or null', name)
            continue
        expected = next(((types, what) for kind, types, what in _JSON_TYPES if isinstance(field, kind)), None)
        types, what = expected or ((str,), "a string")
        if not isinstance(value, types) or isinstance(value, bool) and bool not in types:
            raise record.error(f"must be {what}, not {type(value).__name__}", name)
        try:
            field.to_python(value)
        except ValidationError as exc:
            raise record.error(" ".join(exc.messages), name) from None


def _check_references(record, model, keys):
    """Every reference resolves: to a row in the database (earlier objects of this load are saved by now) or,
    for a body's parent, to a body later in this load."""
    for name, value in record.data["fields"].items():
        field = model._meta.get_field(name)
        if not field.is_relation or value is None:
            continue
        related = field.related_model
        for key in value if field.many_to_many else [value]:
            if len(key) == 1 and related._default_manager.filter(**{_key_field(related): key[0]}).exists():
                continue
            if len(key) == 1 and related is model and not field.many_to_many and (record.label, key[0]) in keys:
                continue
            raise record.error(f"refers to {key!r}, which no fixture and no database row provides", name)


def _deserialize(record):
    try:
        (deserialized,) = serializers.deserialize("python", [record.data], handle_forward_references=True)
    except DeserializationError as exc:
        raise record.error(str(exc)) from None
    return deserialized


def _state(instance, m2m):
    """What a fixture can say about a row: not the columns a save derives (the edit token, the folded text,
    the sort keys); a tenure's slug is not editable in the admin, but fixtures set it."""
    values = {
        f.attname: getattr(instance, f.attname)
        for f in instance._meta.concrete_fields
        if f.editable and not f.primary_key or f.name == "slug"
    }
    return values, {name: sorted(pks) for name, pks in m2m.items()}


def _current_m2m(instance, names):
    return {name: list(getattr(instance, name).values_list("pk", flat=True)) for name in names}


def _validate(record, instance):
    try:
        # Messages in the caller's language: English for the command, the editor's for a request.
        instance.full_clean()
    except ValidationError as exc:
        errors = exc.message_dict
        name = next(iter(errors))
        raise record.error(" ".join(errors[name]), None if name == "__all__" else name) from None


def _save(deserialized, method="save"):
    # A translated field's base column takes the active language's value: save as Kazakh, always, so that
    # the result does not depend on the language the caller happens to have active.
    with translation.override(settings.MODELTRANSLATION_DEFAULT_LANGUAGE):
        getattr(deserialized, method)()


def _load_record(record, keys, report):
    """Check and save one object; returns its deserialized form when it changed anything, else None."""
    model = apps.get_model(record.label)
    _check_field_names(record, model)
    _check_values(record, model)
    _check_references(record, model, keys)
    deserialized = _deserialize(record)
    instance = deserialized.object
    m2m = deserialized.m2m_data or {}
    if instance.pk:
        instance._state.adding = False
    _validate(record, instance)
    existing = model._base_manager.filter(pk=instance.pk).first() if instance.pk else None
    if existing and _state(existing, _current_m2m(existing, m2m)) == _state(instance, m2m):
        report.unchanged[record.label] += 1
        return None
    # An editor who opened the record before this load must not overwrite it unknowingly.
    instance.mark_edited()
    _save(deserialized)
    (report.updated if existing else report.created)[record.label] += 1
    return deserialized


# What can go wrong inside one object that the checks above did not foresee; reported with the object.
_OBJECT_ERRORS = (DatabaseError, ObjectDoesNotExist, DeserializationError, TypeError, ValueError, LookupError)


def load_kb(paths=None):
    """Load `paths` (default: every bundled fixture) in one transaction and report what changed.

    Raises FixtureError, leaving the database exactly as it was, when any object is invalid. Each record
    that changed gets a version of its own in the editors' history, so that reverting one record later
    never touches another.
    """
    paths = [Path(p) for p in paths] if paths else bundled_fixture_files()
    records = [record for path in paths for record in _read(path)]
    _check_keys(records)
    keys = {(record.label, record.data["fields"][_key_field(apps.get_model(record.label))]) for record in records}
    records.sort(key=lambda record: MODEL_ORDER.index(record.label))
    report = LoadReport()
    changed = []
    with transaction.atomic():
        for record in records:
            try:
                deserialized = _load_record(record, keys, report)
            except _OBJECT_ERRORS as exc:
                raise record.error(f"cannot be loaded: {exc}") from None
            if deserialized is not None:
                changed.append((record, deserialized))
        for record, deserialized in changed:
            if deserialized.deferred_fields:
                try:
                    _save(deserialized, "save_deferred_fields")
                    # A reference that could only be set now (a parent later in the file) is checked now:
                    # two bodies each other's parent would otherwise form a loop.
                    _validate(record, deserialized.object)
                except _OBJECT_ERRORS as exc:
                    raise record.error(f"cannot be loaded: {exc}") from None
        for _record, deserialized in changed:
            save_revision(deserialized.object, "Loaded from the bundled fixtures (load_kb).")
        if changed:
            # Said here too, not only by the models' signals, so that a faster load (bulk writes) keeps it.
            content_changed()
    return report
