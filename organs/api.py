"""The bodies and the participating States, read-only, filtered as their lists are."""

from organs.filters import OrganFilter, StateFilter
from organs.models import Organ, ParticipatingState
from organs.serializers import OrganSerializer, StateSerializer
from osce_kb.rest import ReadOnlyViewSet


class OrganViewSet(ReadOnlyViewSet):
    """The OSCE's bodies (Popolo organizations): institutions, field operations, the Chairmanship…"""

    serializer_class = OrganSerializer
    filterset_class = OrganFilter

    def get_queryset(self):
        return (
            Organ.objects.published()
            .select_related("parent", "host_state")
            .prefetch_related(*OrganSerializer.related)
            .alphabetical()
        )


class StateViewSet(ReadOnlyViewSet):
    """The participating States, past and present, by ISO 3166-1 code."""

    serializer_class = StateSerializer
    filterset_class = StateFilter
    lookup_field = "code"
    page_size = 100

    def get_queryset(self):
        return ParticipatingState.objects.prefetch_related(*StateSerializer.related).alphabetical()
