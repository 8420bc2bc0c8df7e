from django.contrib import admin
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from organs.models import Organ, ParticipatingState
from osce_kb import partial_dates
from osce_kb.admin import KnowledgeBaseAdmin, KnowledgeBaseInline
from osce_kb.i18n import in_all_languages
from people.models import Post


@admin.register(ParticipatingState)
class ParticipatingStateAdmin(KnowledgeBaseAdmin):
    list_display = ["name", "code", "joined", "left"]
    list_filter = ["joined_precision", ("left_date", admin.EmptyFieldListFilter)]
    search_fields = ["code", *in_all_languages("name")]
    autocomplete_fields = ["sources"]
    fieldsets = [
        (None, {"fields": ["code", "name", "wikidata_id"]}),
        (_("Joined"), {"fields": ["joined_date", "joined_precision"]}),
        (_("No longer taking part"), {"fields": ["left_date", "left_precision"]}),
        (None, {"fields": ["note", "sources"]}),
    ]

    @admin.display(description=_("joined"), ordering="joined_date")
    def joined(self, obj):
        return partial_dates.format_date(obj.joined_date, obj.joined_precision, get_language())

    @admin.display(description=_("no longer taking part from"), ordering="left_date")
    def left(self, obj):
        return partial_dates.format_date(obj.left_date, obj.left_precision, get_language()) if obj.left_date else ""


class PostInline(KnowledgeBaseInline):
    model = Post
    fields = ["title", "slug", "single_holder", "display_order"]
    prepopulated_fields = {"slug": ["title_en"]}
    show_change_link = True


@admin.register(Organ)
class OrganAdmin(KnowledgeBaseAdmin):
    list_display = ["name", "acronym", "kind", "parent", "period", "is_published"]
    list_filter = ["is_published", "kind", "region", "parent"]
    list_select_related = ["parent"]
    search_fields = ["slug", *in_all_languages("name", "acronym", "summary")]
    autocomplete_fields = ["parent", "host_state", "sources"]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [PostInline]
    fieldsets = [
        (None, {"fields": ["slug", "name", "acronym", "kind", "parent", "display_order", "is_published"]}),
        (_("Dates"), {"fields": ["start_date", "start_precision", "end_date", "end_precision", "closed_date_unknown"]}),
        (_("About"), {"fields": ["summary", "description", "note", "seat", "meeting_schedule"]}),
        (_("Field operation"), {"fields": ["host_state", "region"]}),
        (_("Links and sources"), {"fields": ["official_url", "wikidata_id", "sources"]}),
    ]
