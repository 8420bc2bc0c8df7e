"""Atom feeds, one per language (/<lang>/feeds/…): the events recorded or changed most recently, and the same for
officeholders' tenures. Each lists the latest FEED_ITEMS, read through an index on the time of the last change."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from osce_kb.i18n import translated_value
from people.models import Tenure
from timeline.models import Event

FEED_ITEMS = 50


class KnowledgeBaseFeed(Feed):
    feed_type = Atom1Feed
    url_name = None
    list_url_name = None

    def link(self):
        return reverse(self.list_url_name)

    def feed_url(self):
        return reverse(self.url_name)

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at


class EventFeed(KnowledgeBaseFeed):
    title = _("OSCE and Kazakhstan: new and changed events")
    subtitle = _("Events of the timeline, the latest recorded or changed first.")
    url_name = "feed-events"
    list_url_name = "timeline:list"

    def items(self):
        return Event.objects.published().order_by("-updated_at", "-id")[:FEED_ITEMS]

    def item_title(self, event):
        return f"{event.period}: {translated_value(event, 'title', get_language())[0]}"

    def item_description(self, event):
        return translated_value(event, "summary", get_language())[0]


class OfficeholderFeed(KnowledgeBaseFeed):
    title = _("OSCE and Kazakhstan: officeholder changes")
    subtitle = _("Who held which office, the latest recorded or changed tenures first.")
    url_name = "feed-officeholders"
    list_url_name = "people:list"

    def items(self):
        tenures = Tenure.objects.public().select_related("person", "post__organ", "on_behalf_of")
        return tenures.order_by("-updated_at", "-id")[:FEED_ITEMS]

    def item_title(self, tenure):
        lang = get_language()
        person = translated_value(tenure.person, "name", lang)[0]
        post = translated_value(tenure.post, "title", lang)[0]
        return f"{person}: {post}"

    def item_description(self, tenure):
        lang = get_language()
        parts = [tenure.period, translated_value(tenure.post.organ, "name", lang)[0]]
        if tenure.on_behalf_of:
            parts.append(translated_value(tenure.on_behalf_of, "name", lang)[0])
        return " — ".join(parts)

    def item_link(self, tenure):
        return f"{tenure.person.get_absolute_url()}#tenure-{tenure.slug}"
