"""The bodies and the participating States in the open-data API, shaped as Popolo organizations."""

from rest_framework import serializers

from organs.models import Organ, ParticipatingState
from osce_kb.rest import (
    IdentifiersField,
    OtherNamesField,
    PartialDateField,
    RecordSerializer,
)


class OrganSerializer(RecordSerializer):
    other_names = OtherNamesField()
    identifiers = IdentifiersField()
    classification = serializers.CharField(source="kind")
    parent_id = serializers.SerializerMethodField()
    founding_date = PartialDateField("start")
    dissolution_date = PartialDateField("end")
    host_state_id = serializers.SlugRelatedField(source="host_state", slug_field="code", read_only=True)

    class Meta:
        model = Organ
        translated = ("name", "acronym", "summary", "description", "note", "seat", "meeting_schedule")
        fields = [
            "id",
            "other_names",
            "identifiers",
            "classification",
            "parent_id",
            "founding_date",
            "dissolution_date",
            "closed_date_unknown",
            "host_state_id",
            "region",
            "official_url",
            "display_order",
            "sources",
            "page",
        ]

    def get_parent_id(self, organ) -> str | None:
        # A draft is never named, not even as the parent of a published body.
        parent = organ.parent
        return parent.slug if parent is not None and parent.is_published else None


class StateSerializer(RecordSerializer):
    id = serializers.CharField(source="code")
    other_names = OtherNamesField()
    identifiers = IdentifiersField()
    joined_date = PartialDateField("joined")
    left_date = PartialDateField("left")

    class Meta:
        model = ParticipatingState
        translated = ("name", "note")
        fields = ["id", "other_names", "identifiers", "joined_date", "left_date", "sources", "page"]
