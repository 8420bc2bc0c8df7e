from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from osce_kb.admin import KnowledgeBaseAdmin
from osce_kb.i18n import in_all_languages
from timeline.models import Event


@admin.register(Event)
class EventAdmin(KnowledgeBaseAdmin):
    list_display = ["title", "period", "kind", "is_published"]
    list_filter = ["is_published", "kind", "start_precision", "organs"]
    search_fields = ["slug", *in_all_languages("title", "summary", "place")]
    autocomplete_fields = ["organs", "people", "states", "sources"]
    prepopulated_fields = {"slug": ["title_en"]}
    fieldsets = [
        (None, {"fields": ["slug", "title", "kind", "is_published"]}),
        (_("Dates"), {"fields": ["start_date", "start_precision", "end_date", "end_precision"]}),
        (_("About"), {"fields": ["summary", "description", "note", "place"]}),
        (_("Linked to"), {"fields": ["organs", "people", "states", "sources", "wikidata_id"]}),
    ]
