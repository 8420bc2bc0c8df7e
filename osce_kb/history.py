"""The editors' history (django-reversion), one record at a time.

A revision holds one record and the rows edited with it on its form (a person and their tenures, a post
and its tenures, a body and its posts). Reverting or recovering a record restores that record and those
rows only — never another record that happens to share the revision — and is refused when any of them was
changed by someone else after the editor opened the revert page.
"""

import uuid
from contextvars import ContextVar
from dataclasses import dataclass

import reversion
from django.contrib.contenttypes.models import ContentType
from django.db import models

_NAMESPACE = uuid.UUID("0b8a5c1e-6f59-4d4e-9a61-4f3c1d2b7a90")


def save_revision(obj, comment, user=None):
    """Store the current state of `obj` (and what its registration follows) as a revision of its own."""
    with reversion.create_revision():
        if user is not None:
            reversion.set_user(user)
        reversion.set_comment(comment)
        reversion.add_to_revision(obj)


def _points_to(version, record):
    """Whether `version` is a row whose foreign key names the record of `record` (an inline row of it)."""
    fields = version._local_field_dict
    for field in version._model._meta.concrete_fields:
        if (
            isinstance(field, models.ForeignKey)
            and field.related_model is record._model
            and str(fields.get(field.attname)) == record.object_id
        ):
            return True
    return False


def record_versions(version):
    """The versions a revert of `version`'s record restores: its own, then those of its inline rows in the
    same revision."""
    # Only rows of models with a foreign key to the record can be its inline rows; old revisions may hold a
    # whole load of other records, which are not even read.
    inline_models = [
        model
        for model in reversion.get_registered_models()
        if any(f.many_to_one and f.related_model is version._model for f in model._meta.concrete_fields)
    ]
    others = version.revision.version_set.exclude(pk=version.pk).filter(
        content_type__in=[ContentType.objects.get_for_model(model) for model in inline_models]
    )
    return [version, *(other for other in others if _points_to(other, version))]


def fingerprint(versions):
    """A token for the live state of the rows these versions would overwrite (absent rows included), read
    with a row lock; it changes whenever anyone saves, deletes or recovers one of them."""
    parts = []
    for version in versions:
        model = version._model
        token = (
            model._base_manager.select_for_update()
            .filter(pk=version.object_id)
            .values_list("edit_token", flat=True)
            .first()
        )
        parts.append(f"{model._meta.label}:{version.object_id}:{token}")
    return uuid.uuid5(_NAMESPACE, "|".join(sorted(parts)))


def revert_record(versions):
    """Write these versions back as they were stored (the record first, then its inline rows)."""
    for version in versions:
        version.revert()


@dataclass(frozen=True)
class RevertState:
    """What the admin knew about the live record before a revert rewrote it inside the transaction."""

    fingerprint: uuid.UUID
    published: bool


# Set while the admin's revert or recover view runs, so that its forms and save know the live state.
current_revert = ContextVar("current_revert", default=None)
