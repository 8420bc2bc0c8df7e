from osce_kb.axis import build_axis
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
        return super().get_context_data(
            organs=event.organs.published(),
            people=event.people.published(),
            states=event.states.all(),
            sources=event.sources.all(),
            **kwargs,
        )
