from osce_kb.axis import build_axis
from osce_kb.generic import FilteredListView, PublishedDetailView
from osce_kb.related import first, list_url
from timeline.filters import EventFilter
from timeline.models import Event, EventYearCount
from timeline.serializers import EventSerializer


class EventListView(FilteredListView):
    filterset_class = EventFilter
    csv_serializer = EventSerializer
    # Events carry a summary each: 50 keep a page well under 200 kB however long the summaries are.
    paginate_by = 50
    estimate_whole_table = True

    def get_base_queryset(self):
        return Event.objects.published().chronological()

    def axis_counts(self):
        """Events per year and kind, of every matching event, not only of this page: read from the counts the
        database keeps when the list is narrowed by kind and years alone, else counted among the matching events."""
        narrowed = self.active_filters()
        if narrowed.keys() <= {"kind", "year_from", "year_to"}:
            return EventYearCount.objects.matching(**narrowed).per_year_and_kind()
        return self.object_list.per_year_and_kind()

    def get_context_data(self, **kwargs):
        return super().get_context_data(axis=build_axis(self.axis_counts(), Event.Kind.choices), **kwargs)


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
