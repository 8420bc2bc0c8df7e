from osce_kb.axis import build_axis
from osce_kb.views import FilteredListView, PublishedDetailView
from timeline.filters import EventFilter
from timeline.models import Event


class EventListView(FilteredListView):
    filterset_class = EventFilter
    paginate_by = 100
    estimate_whole_table = True

    def get_base_queryset(self):
        return Event.objects.published().chronological()

    def get_context_data(self, **kwargs):
        # The axis counts every matching event, not only this page of the list, from one count per year and kind.
        axis = build_axis(self.object_list.per_year_and_kind(), Event.Kind.choices)
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
