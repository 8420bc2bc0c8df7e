"""Events, read-only, filtered as the timeline is."""

from django.db.models import Prefetch

from organs.models import Organ, ParticipatingState
from osce_kb.rest import ReadOnlyViewSet
from people.models import Person
from timeline.filters import EventFilter
from timeline.models import Event
from timeline.serializers import EventSerializer


class EventViewSet(ReadOnlyViewSet):
    """The dated history of the OSCE and of Kazakhstan in it (Popolo events), oldest first."""

    serializer_class = EventSerializer
    filterset_class = EventFilter

    def get_queryset(self):
        # The bodies and people an event names, published ones only: a draft is never named.
        return (
            Event.objects.published()
            .prefetch_related(
                Prefetch("organs", queryset=Organ.objects.published().order_by("slug")),
                Prefetch("people", queryset=Person.objects.published().order_by("slug")),
                Prefetch("states", queryset=ParticipatingState.objects.order_by("code")),
                "sources",
            )
            .chronological()
        )
