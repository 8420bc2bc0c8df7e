"""Events in the open-data API, shaped as Popolo events."""

from rest_framework import serializers

from osce_kb.rest import (
    IdentifiersField,
    PageAddressField,
    PartialDateField,
    SourceLinkSerializer,
    TranslatedSerializer,
)
from timeline.models import Event


class EventSerializer(TranslatedSerializer):
    id = serializers.SlugField(source="slug")
    identifiers = IdentifiersField()
    classification = serializers.CharField(source="kind")
    start_date = PartialDateField("start")
    end_date = PartialDateField("end")
    organization_ids = serializers.SlugRelatedField(source="organs", slug_field="slug", many=True, read_only=True)
    attendee_ids = serializers.SlugRelatedField(source="people", slug_field="slug", many=True, read_only=True)
    state_ids = serializers.SlugRelatedField(source="states", slug_field="code", many=True, read_only=True)
    sources = SourceLinkSerializer(many=True, read_only=True)
    page = PageAddressField()

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
