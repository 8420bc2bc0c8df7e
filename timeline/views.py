from osce_kb.axis import build_axis
from osce_kb.related import first, list_url
from osce_kb.views import FilteredListView, PublishedDetailView
from timeline.filters import EventFilter
from timeline.models import Event

AXIS_FIELDS = [
    "slug",
    "kind",
    "start_date",
    "start_precision",
    "end_date",
    "end_precision",
    "title_kk",
    "title_ru",
    "title_en",
]


class EventListView(FilteredListView):
    filterset_class = EventFilter
    paginate_by = 100

    def get_base_queryset(self):
        return Event.objects.published().chronological()

    def get_context_data(self, **kwargs):
        # The axis shows every matching event, not only this page of the list.
        axis = build_axis(self.object_list.only(*AXIS_FIELDS), Event.Kind.choices)
        return super().get_context_data(axis=axis, **kwargs)


class EventDetailView(PublishedDetailView):
    def get_base_queryset(self):
        return Event.objects.all()

    def get_context_data(self, **kwargs):
        event = self.object
        slug = event.slug
        return super().get_context_data(
            organs=first(event.organs.published().alphabetical(), list_url("organs:list", event=slug)),
            people=first(event.people.published().alphabetical(), list_url("people:list", event=slug)),
            states=first(event.states.alphabetical(), list_url("states:list", event=slug)),
            sources=first(event.sources.all(), list_url("sources:list", event=slug)),
            **kwargs,
        )
