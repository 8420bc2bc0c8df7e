"""The editors' roles: who may change the knowledge base, and who may also delete and publish."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

EDITORS = "Editors"
CHIEF_EDITORS = "Chief editors"

KNOWLEDGE_BASE_APPS = ["osce_kb", "organs", "people", "timeline"]


def _permissions(codename_prefixes):
    return Permission.objects.filter(
        content_type__app_label__in=KNOWLEDGE_BASE_APPS,
        codename__regex=rf"^({'|'.join(codename_prefixes)})_",
    )


@transaction.atomic
def setup_roles():
    """Create or bring up to date the two groups; running it again changes nothing.

    Editors add, change and view every knowledge-base record, and may not delete or publish; neither
    group has any permission on users, groups or permissions."""
    editors, _created = Group.objects.get_or_create(name=EDITORS)
    chiefs, _created = Group.objects.get_or_create(name=CHIEF_EDITORS)
    editors.permissions.set(_permissions(["add", "change", "view"]))
    chiefs.permissions.set(_permissions(["add", "change", "view", "delete", "publish"]))
    return editors, chiefs
