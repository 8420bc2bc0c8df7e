"""People, posts and tenures in the open-data API, shaped as Popolo persons, posts and memberships."""

from rest_framework import serializers

from osce_kb.rest import (
    IdentifiersField,
    OtherNamesField,
    PartialDateField,
    RecordSerializer,
)
from people.models import Person, Post, Tenure


class PersonSerializer(RecordSerializer):
    other_names = OtherNamesField()
    identifiers = IdentifiersField()
    birth_date = PartialDateField("birth")
    death_date = PartialDateField("death")
    national_identity = serializers.SlugRelatedField(source="nationality", slug_field="code", read_only=True)

    class Meta:
        model = Person
        translated = ("name", "sort_name", "summary", "biography", "note")
        fields = [
            "id",
            "other_names",
            "identifiers",
            "birth_date",
            "death_date",
            "national_identity",
            "sources",
            "page",
        ]


class PostSerializer(RecordSerializer):
    related = ()  # a post cites no sources of its own: its holders' tenures do

    organization_id = serializers.SlugRelatedField(source="organ", slug_field="slug", read_only=True)
    role = serializers.CharField(source="title")

    class Meta:
        model = Post
        translated = (("label", "title"), "term_note")
        fields = ["id", "role", "organization_id", "single_holder", "display_order", "page"]


class MembershipSerializer(RecordSerializer):
    person_id = serializers.SlugRelatedField(source="person", slug_field="slug", read_only=True)
    organization_id = serializers.SlugRelatedField(source="post.organ", slug_field="slug", read_only=True)
    post_id = serializers.SlugRelatedField(source="post", slug_field="slug", read_only=True)
    role = serializers.CharField(source="post.title")
    on_behalf_of_id = serializers.SlugRelatedField(source="on_behalf_of", slug_field="code", read_only=True)
    start_date = PartialDateField("start")
    end_date = PartialDateField("end")

    class Meta:
        model = Tenure
        translated = ("note",)
        fields = [
            "id",
            "person_id",
            "organization_id",
            "post_id",
            "role",
            "on_behalf_of_id",
            "start_date",
            "end_date",
            "is_current",
            "sources",
            "page",
        ]
