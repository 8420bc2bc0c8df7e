"""Events in the open-data API, shaped as Popolo events."""

from django.db.models import Prefetch
from rest_framework import serializers

from organs.models import Organ, ParticipatingState
from osce_kb.rest import (
    IdentifiersField,
    PartialDateField,
    RecordSerializer,
)
from people.models import Person
from timeline.models import Event


class EventSerializer(RecordSerializer):
    # The bodies and people an event names, published ones only: a draft is never named.
    related = (
        Prefetch("organs", queryset=Organ.objects.published().order_by("slug")),
        Prefetch("people", queryset=Person.objects.published().order_by("slug")),
        Prefetch("states", queryset=ParticipatingState.objects.order_by("code")),
        "sources",
    )

    identifiers = IdentifiersField()
    classification = serializers.CharField(source="kind")
    start_date = PartialDateField("start")
    end_date = PartialDateField("end")
    organization_ids = serializers.SlugRelatedField(source="organs", slug_field="slug", many=True, read_only=True)
    attendee_ids = serializers.SlugRelatedField(source="people", slug_field="slug", many=True, read_only=True)
    state_ids = serializers.SlugRelatedField(source="states", slug_field="code", many=True, read_only=True)

    class Meta:
        model = Event
        translated = (("name", "title"), "summary", "description", "note", ("location", "place"))
        fields = [
            "id",
            "identifiers",
            "classification",
            "start_date",
            "end_date",
            "organization_ids",
            "attendee_ids",
            "state_ids",
            "sources",
            "page",
        ]
