"""Events, read-only, filtered as the timeline is."""

from osce_kb.rest import ReadOnlyViewSet
from timeline.filters import EventFilter
from timeline.models import Event
from timeline.serializers import EventSerializer


class EventViewSet(ReadOnlyViewSet):
    """The dated history of the OSCE and of Kazakhstan in it (Popolo events), oldest first."""

    serializer_class = EventSerializer
    filterset_class = EventFilter

    def get_queryset(self):
        return Event.objects.published().prefetch_related(*EventSerializer.related).chronological()
