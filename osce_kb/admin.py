"""The editors' admin: language tabs, history with compare and revert, publishing rights, translation
completeness, and saves that never silently overwrite someone else's work."""

import reversion
from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import quote
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import format_html_join
from django.utils.timezone import template_localtime
from django.utils.translation import get_language, get_language_info, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline
from modeltranslation.translator import translator
from reversion.admin import VersionAdmin
from reversion.errors import RevertError
from reversion_compare.admin import CompareVersionAdmin

from osce_kb import partial_dates
from osce_kb.history import RevertState, current_revert, fingerprint, record_versions, revert_record, save_revision
from osce_kb.i18n import in_all_languages
from osce_kb.loading import MODEL_ORDER
from osce_kb.matching import matches
from osce_kb.models import CONFLICT_MESSAGE, EditConflict, Searchable, Source

LANGUAGES = settings.MODELTRANSLATION_LANGUAGES


def translated_fields(model):
    return list(translator.get_options_for_model(model).fields)


def _empty(column):
    return Q(**{column: ""}) | Q(**{f"{column}__isnull": True})


def missing_translation(model, lang):
    """Q for rows where some translated field is empty in `lang` although it is required or written in
    another language: what a translator still has to do."""
    condition = Q()
    for name in translated_fields(model):
        required = not model._meta.get_field(name).blank
        written_elsewhere = Q()
        for other in LANGUAGES:
            if other != lang:
                written_elsewhere |= ~_empty(f"{name}_{other}")
        condition |= _empty(f"{name}_{lang}") & (Q() if required else written_elsewhere)
    return condition


class MissingTranslationFilter(admin.SimpleListFilter):
    title = _("missing translation")
    parameter_name = "missing"

    def lookups(self, request, model_admin):
        return [(lang, get_language_info(lang)["name_translated"]) for lang in LANGUAGES]

    def queryset(self, request, queryset):
        if self.value() in LANGUAGES:
            return queryset.filter(missing_translation(queryset.model, self.value()))
        return queryset


class ConcurrencySafeForm(forms.ModelForm):
    """Carries the record's edit token through the form, on the main form and on every inline row; a save
    based on an older state is refused with a message on the form. The model refuses it too
    (`Versioned.save`), so the form's check only turns the refusal into a message instead of an error."""

    # The token of the state the editor opened (the model's own field is not editable, so not in the form).
    opened_token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        revert = current_revert.get()
        # On a revert page the whole record is guarded by one token for its live rows, checked by the view.
        self.fields["opened_token"].initial = revert.fingerprint if revert else self.instance.edit_token

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None or current_revert.get() is not None:
            return cleaned
        # The admin saves inside a transaction: the row stays locked until this save is committed.
        current = self.instance.current_token()
        if current is not None and cleaned.get("opened_token") != current:
            raise ValidationError(CONFLICT_MESSAGE, code="conflict")
        self.instance.opened_with(cleaned.get("opened_token"))
        return cleaned


class KnowledgeBaseInline(TranslationTabularInline):
    """Rows edited on another record's page, guarded like a record of their own."""

    form = ConcurrencySafeForm
    extra = 0

    def get_fieldsets(self, request, obj=None):
        (name, options), *rest = super().get_fieldsets(request, obj)
        return [(name, {**options, "fields": [*options["fields"], "opened_token"]}), *rest]


class _RollBack(Exception):
    """Leaves the revert page's transaction without keeping the preview of the reverted record."""

    def __init__(self, response):
        self.response = response


class KnowledgeBaseAdmin(CompareVersionAdmin, TabbedTranslationAdmin):
    """Shared ground for every knowledge-base model in the admin."""

    form = ConcurrencySafeForm
    # The inline rows each version of a record keeps, for recovering them with it. django-reversion would
    # follow every inline, and their inlines in turn, so that a body's version held every tenure of its
    # posts and reverting the body rewrote them; here a version holds its record and the rows saved with it,
    # and only a person's version keeps all their tenures (they are deleted with the person).
    history_follows = ()
    save_on_top = True
    list_per_page = 50
    # An address typed without a scheme is taken as https:// (Django 6's default, without its warning now).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def __init__(self, model, admin_site):
        if not reversion.is_registered(model):
            reversion.register(model, follow=self.history_follows)
        super().__init__(model, admin_site)

    # Publishing

    def is_publishable(self):
        return any(field.name == "is_published" for field in self.model._meta.fields)

    def has_publish_permission(self, request):
        opts = self.model._meta
        return self.is_publishable() and request.user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if self.is_publishable() and not self.has_publish_permission(request):
            readonly.append("is_published")
        return readonly

    def _set_published(self, request, queryset, published):
        """Save each record as a form would (new edit token, a version of its own in the history), not a bulk
        update; a record someone else changed since the list was read is left alone and named."""
        comment = _("Published from the list.") if published else _("Withdrawn from the list.")
        done = 0
        for obj in queryset.filter(is_published=not published):
            obj.is_published = published
            try:
                with transaction.atomic():
                    obj.save(update_fields=["is_published"])
                    save_revision(obj, comment, request.user)
            except EditConflict:
                messages.error(
                    request, _("“%(record)s” was changed by someone else; it was left as it is.") % {"record": obj}
                )
            else:
                done += 1
        return done

    @admin.action(description=_("Publish the selected records"), permissions=["publish"])
    def publish(self, request, queryset):
        count = self._set_published(request, queryset, True)
        self.message_user(request, ngettext("%d record published.", "%d records published.", count) % count)

    @admin.action(description=_("Withdraw the selected records from the public site"), permissions=["publish"])
    def withdraw(self, request, queryset):
        count = self._set_published(request, queryset, False)
        self.message_user(request, ngettext("%d record withdrawn.", "%d records withdrawn.", count) % count)

    actions = ["publish", "withdraw"]

    def view_on_site(self, obj):
        # Drafts are not on the public site; editors see them through the preview link.
        url = obj.get_absolute_url()
        return url if getattr(obj, "is_published", True) else f"{url}?preview=1"

    # Safe saving

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if any("opened_token" in options.get("fields", ()) for _name, options in fieldsets):
            return fieldsets
        return [*fieldsets, (None, {"fields": ["opened_token"], "classes": ["hidden"]})]

    def save_model(self, request, obj, form, change):
        if self.is_publishable() and not self.has_publish_permission(request):
            # Without the publishing right nothing may change what readers see: not a revert to a published
            # version, not the recovery of a published record, not a new record.
            obj.is_published = self._published_before(obj, change)
        super().save_model(request, obj, form, change)

    @staticmethod
    def _published_before(obj, change):
        revert = current_revert.get()
        if revert is not None:
            return revert.published
        if not change:
            return False
        return bool(type(obj)._base_manager.filter(pk=obj.pk).values_list("is_published", flat=True).first())

    # History: one record at a time

    def changelist_view(self, request, extra_context=None):
        # django-reversion wraps the whole list page in one revision, so a list action on fifty records
        # would store them as one; each action below saves a revision per record instead.
        extra_context = {"has_change_permission": self.has_change_permission(request), **(extra_context or {})}
        return super(VersionAdmin, self).changelist_view(request, extra_context)

    def _reversion_revisionform_view(self, request, version, template_name, extra_context=None):
        """django-reversion's revert and recover view, restoring the record and its inline rows only (not
        every record of the revision), refusing a revert when someone changed them after the page was
        opened, and keeping the publishing state for editors who may not publish."""
        try:
            with transaction.atomic(using=version.db):
                versions = record_versions(version)
                live = fingerprint(versions)
                if request.method == "POST" and request.POST.get("opened_token") != str(live):
                    messages.error(request, CONFLICT_MESSAGE)
                    return redirect(request.path)
                published = (
                    bool(
                        version._model._base_manager.filter(pk=version.object_id)
                        .values_list("is_published", flat=True)
                        .first()
                    )
                    if self.is_publishable()
                    else False
                )
                state = current_revert.set(RevertState(live, published))
                try:
                    revert_record(versions)
                    with self.create_revision(request):
                        response = self.changeform_view(request, quote(version.object_id), request.path, extra_context)
                        if request.method == "POST" and response.status_code == 302:
                            reversion.set_comment(
                                _("Reverted to the version saved on %(datetime)s")
                                % {"datetime": localize(template_localtime(version.revision.date_created))}
                            )
                        elif response.status_code == 200:
                            response.template_name = template_name
                            response.render()
                            raise _RollBack(response)
                        else:
                            raise RevertError(_("This version could not be opened."))
                finally:
                    current_revert.reset(state)
        except (RevertError, models.ProtectedError, IntegrityError) as exc:
            # A version stored before a rule existed (a date out of bounds, a slug taken since) cannot return.
            refused = _("This version breaks a rule the knowledge base keeps now, so it cannot be restored.")
            messages.error(request, refused if isinstance(exc, IntegrityError) else str(exc))
            opts = self.model._meta
            return redirect(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_changelist")
        except _RollBack as rollback:
            return rollback.response
        return response

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        obj = form.instance
        if getattr(obj, "is_published", False) and hasattr(obj, "sources") and not obj.sources.exists():
            messages.warning(request, _("“%(record)s” is published but cites no source. Add one.") % {"record": obj})

    # Search

    def get_search_results(self, request, queryset, search_term):
        """The search box also finds what the public search finds: any case, accents or script, a name
        misspelled by a letter."""
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if issubclass(self.model, Searchable) and search_term.strip():
            found |= queryset.filter(matches(self.model, search_term))
        return found, may_have_duplicates

    # Translation completeness

    def get_list_display(self, request):
        return [*super().get_list_display(request), "languages_filled"]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), MissingTranslationFilter]

    @admin.display(description=_("languages"))
    def languages_filled(self, obj):
        names = translated_fields(type(obj))

        def state(lang):
            missing = any(not getattr(obj, f"{name}_{lang}") and self._expected(obj, name) for name in names)
            return ("missing" if missing else "filled", lang, "✗" if missing else "✓")

        return format_html_join(" ", '<span class="lang-{}">{} {}</span>', (state(lang) for lang in LANGUAGES))

    @staticmethod
    def _expected(obj, name):
        return not obj._meta.get_field(name).blank or any(getattr(obj, f"{name}_{lang}") for lang in LANGUAGES)

    @admin.display(description=_("dates"), ordering="start_date")
    def period(self, obj):
        return obj.period


@admin.register(Source)
class SourceAdmin(KnowledgeBaseAdmin):
    list_display = ["title", "kind", "publication", "author", "slug"]
    list_filter = ["kind", "language"]
    search_fields = ["slug", "author", "publisher", "url", *in_all_languages("title", "note")]
    prepopulated_fields = {"slug": ["title_en"]}
    fieldsets = [
        (None, {"fields": ["slug", "title", "kind", "author", "publisher", "url", "language"]}),
        (_("Publication date"), {"fields": ["published_date", "published_precision"]}),
        (None, {"fields": ["note", "opened_token"]}),
    ]

    @admin.display(description=_("published"), ordering="published_date")
    def publication(self, obj):
        return partial_dates.format_date(obj.published_date, obj.published_precision, get_language())


def translation_report(request):
    """Per model and language: how many records still lack a translation, each count linking to them."""
    context = {**admin.site.each_context(request), "title": _("Translation completeness"), "rows": []}
    for label in MODEL_ORDER:
        model = apps.get_model(label)
        changelist = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        missing = [model._default_manager.filter(missing_translation(model, lang)).count() for lang in LANGUAGES]
        cells = [(count, f"{changelist}?missing={lang}") for lang, count in zip(LANGUAGES, missing, strict=True)]
        context["rows"].append((model._meta.verbose_name_plural, model._default_manager.count(), changelist, cells))
    context["languages"] = [get_language_info(lang)["name_translated"] for lang in LANGUAGES]
    return TemplateResponse(request, "admin/translation_report.html", context)
