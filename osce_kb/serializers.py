"""Sources in the open-data API."""

from rest_framework import serializers

from osce_kb.models import Source
from osce_kb.rest import PageAddressField, PartialDateField, TranslatedSerializer


class SourceSerializer(TranslatedSerializer):
    related = ()

    id = serializers.SlugField(source="slug")
    published_date = PartialDateField("published")
    page = PageAddressField()

    class Meta:
        model = Source
        translated = ("title", "note")
        fields = ["id", "author", "publisher", "published_date", "url", "kind", "language", "page"]
