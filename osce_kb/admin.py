from django.conf import settings
from django.contrib import admin
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from osce_kb import partial_dates
from osce_kb.models import Source


def in_all_languages(*names):
    """Translated fields spelled out per language: the admin's search must look in kk, ru and en at once."""
    return [f"{name}_{lang}" for name in names for lang in settings.MODELTRANSLATION_LANGUAGES]


class KnowledgeBaseAdmin(TabbedTranslationAdmin):
    """Shared ground for the editors' admin: language tabs, save buttons on top, a readable date column."""

    save_on_top = True
    list_per_page = 50
    # An address typed without a scheme is taken as https:// (Django 6's default, without its warning now).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    @admin.display(description=_("dates"), ordering="start_date")
    def period(self, obj):
        return partial_dates.format_span(
            obj.start_date, obj.start_precision, obj.end_date, obj.end_precision, get_language()
        )


@admin.register(Source)
class SourceAdmin(KnowledgeBaseAdmin):
    list_display = ["title", "kind", "publication", "author", "slug"]
    list_filter = ["kind", "language"]
    search_fields = ["slug", "author", "publisher", "url", *in_all_languages("title", "note")]
    prepopulated_fields = {"slug": ["title_en"]}
    fieldsets = [
        (None, {"fields": ["slug", "title", "kind", "author", "publisher", "url", "language"]}),
        (_("Publication date"), {"fields": ["published_date", "published_precision"]}),
        (None, {"fields": ["note"]}),
    ]

    @admin.display(description=_("published"), ordering="published_date")
    def publication(self, obj):
        return partial_dates.format_date(obj.published_date, obj.published_precision, get_language())
