"""/sitemap.xml: an index of sections, whose pages list every public page in Kazakh, Russian and English, each
with its language alternates.

A section's page holds at most `URLS_PER_PAGE` URLs, as the sitemap protocol allows: each record gives one URL
per language, so a page takes the records whose primary keys fall in one range of `records_per_page()`. Pages
by range rather than by OFFSET cost the same however deep, and the index needs only the highest key of each
section, not a count; a page may hold fewer records than the range (drafts and deleted rows leave gaps).
"""

import math

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db.models import Max
from django.urls import reverse

from organs.models import Organ, ParticipatingState
from osce_kb.models import Source
from people.models import Person
from timeline.models import Event

URLS_PER_PAGE = 50_000


def records_per_page():
    return URLS_PER_PAGE // len(settings.LANGUAGES)


class KnowledgeBaseSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class PagesSitemap(KnowledgeBaseSitemap):
    def items(self):
        return ["home", "structure", "organs:list", "people:list", "timeline:list", "states:list", "sources:list"]

    def location(self, item):
        return reverse(item)


class SectionPage:
    def __init__(self, object_list):
        self.object_list = object_list


class KeyRangePaginator:
    """What Django's sitemap views ask of a paginator (`num_pages`, `page()`), for pages of a key range each."""

    def __init__(self, sitemap):
        self.sitemap = sitemap
        self.per_page = records_per_page()

    @property
    def num_pages(self):
        highest = self.sitemap.items().aggregate(highest=Max("pk"))["highest"] or 0
        return max(math.ceil(highest / self.per_page), 1)

    def page(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(number) from None
        if not 1 <= number <= self.num_pages:
            raise EmptyPage(number)
        first = (number - 1) * self.per_page + 1
        records = self.sitemap.items().filter(pk__range=(first, first + self.per_page - 1)).order_by("pk")
        languages = self.sitemap._languages()
        return SectionPage([(record, lang) for record in records for lang in languages])


class RecordSitemap(KnowledgeBaseSitemap):
    """The published records of one model, read with only the fields their addresses need."""

    def __init__(self, queryset, *address_fields):
        self.queryset = queryset
        self.address_fields = address_fields

    def items(self):
        return self.queryset().only("pk", *self.address_fields)

    @property
    def paginator(self):
        return KeyRangePaginator(self)


SITEMAPS = {
    "pages": PagesSitemap(),
    "organs": RecordSitemap(lambda: Organ.objects.published(), "slug"),
    "people": RecordSitemap(lambda: Person.objects.published(), "slug"),
    "events": RecordSitemap(lambda: Event.objects.published(), "slug"),
    "states": RecordSitemap(lambda: ParticipatingState.objects.all(), "code"),
    "sources": RecordSitemap(lambda: Source.objects.all(), "slug"),
}
