"""Driving admin pages as a browser would: the data a rendered change, revert or recover page posts back."""

from django.contrib.auth.models import Group, User
from django.urls import reverse

from osce_kb.roles import setup_roles


def staff(username, group):
    setup_roles()
    user = User.objects.create_user(username, password="not-a-real-password", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def change_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def changelist_url(model):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def _form_values(form):
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        if isinstance(value, list | tuple):
            value = [str(getattr(item, "pk", item)) for item in value]
        data[f"{form.prefix}-{name}" if form.prefix else name] = (
            value.isoformat() if hasattr(value, "isoformat") else value
        )
    return data


def submitted(page, **changes):
    """What the browser posts for the admin page `page` (a test client response) as rendered, main form and
    inline rows alike, with `changes` applied by posted name (e.g. tenures-0-note_en)."""
    data = _form_values(page.context["adminform"].form)
    for inline in page.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        data.update({f"{management.prefix}-{name}": management[name].value() for name in management.fields})
        for form in inline.formset.forms:
            data.update(_form_values(form))
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def edit(client, obj, **changes):
    """Open `obj`'s change page and save it with `changes`, as an editor in a browser would."""
    return client.post(change_url(obj), submitted(client.get(change_url(obj)), **changes))
