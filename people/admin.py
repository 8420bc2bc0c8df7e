from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from osce_kb.admin import KnowledgeBaseAdmin, KnowledgeBaseInline
from osce_kb.i18n import in_all_languages
from people.models import Person, Post, Tenure

TENURE_DATES = ["start_date", "start_precision", "end_date", "end_precision", "is_current"]


class TenureInline(KnowledgeBaseInline):
    model = Tenure
    autocomplete_fields = ["person", "post", "on_behalf_of", "sources"]
    show_change_link = True


class TenureOfPersonInline(TenureInline):
    fields = ["post", *TENURE_DATES, "on_behalf_of", "sources"]


class TenureOfPostInline(TenureInline):
    fields = ["person", *TENURE_DATES, "on_behalf_of", "sources"]


@admin.register(Person)
class PersonAdmin(KnowledgeBaseAdmin):
    list_display = ["name", "nationality", "slug", "is_published"]
    list_filter = ["is_published", "nationality"]
    list_select_related = ["nationality"]
    search_fields = ["slug", "wikidata_id", *in_all_languages("name", "summary")]
    autocomplete_fields = ["nationality", "sources"]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [TenureOfPersonInline]
    history_follows = ("tenures",)
    fieldsets = [
        (None, {"fields": ["slug", "name", "sort_name", "nationality", "is_published"]}),
        (_("Life"), {"fields": ["birth_date", "birth_precision", "death_date", "death_precision"]}),
        (_("About"), {"fields": ["summary", "biography", "note"]}),
        (_("Links and sources"), {"fields": ["wikidata_id", "sources"]}),
    ]


@admin.register(Post)
class PostAdmin(KnowledgeBaseAdmin):
    list_display = ["title", "organ", "single_holder", "display_order"]
    list_filter = ["single_holder", "organ"]
    list_select_related = ["organ"]
    search_fields = ["slug", *in_all_languages("title")]
    autocomplete_fields = ["organ"]
    prepopulated_fields = {"slug": ["title_en"]}
    inlines = [TenureOfPostInline]


@admin.register(Tenure)
class TenureAdmin(KnowledgeBaseAdmin):
    list_display = ["person", "post", "period", "on_behalf_of", "is_current"]
    list_filter = ["is_current", "post", "start_precision"]
    list_select_related = ["person", "post", "on_behalf_of"]
    search_fields = [*in_all_languages("person__name", "post__title", "note")]
    autocomplete_fields = ["person", "post", "on_behalf_of", "sources"]
    fieldsets = [
        (None, {"fields": ["person", "post", "on_behalf_of"]}),
        (_("Dates"), {"fields": TENURE_DATES}),
        (None, {"fields": ["note", "sources"]}),
    ]
