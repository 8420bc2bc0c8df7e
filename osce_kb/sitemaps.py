"""/sitemap.xml: every public page in Kazakh, Russian and English, each with its language alternates."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from organs.models import Organ, ParticipatingState
from osce_kb.models import Source
from people.models import Person
from timeline.models import Event


class KnowledgeBaseSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class PagesSitemap(KnowledgeBaseSitemap):
    def items(self):
        return ["home", "structure", "organs:list", "people:list", "timeline:list", "states:list", "sources:list"]

    def location(self, item):
        return reverse(item)


class ObjectSitemap(KnowledgeBaseSitemap):
    def __init__(self, queryset):
        self.queryset = queryset

    def items(self):
        return self.queryset()


SITEMAPS = {
    "pages": PagesSitemap(),
    "organs": ObjectSitemap(lambda: Organ.objects.published()),
    "people": ObjectSitemap(lambda: Person.objects.published()),
    "events": ObjectSitemap(lambda: Event.objects.published()),
    "states": ObjectSitemap(lambda: ParticipatingState.objects.all()),
    "sources": ObjectSitemap(lambda: Source.objects.all()),
}
