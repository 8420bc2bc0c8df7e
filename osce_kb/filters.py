"""Pieces shared by the public lists' FilterSets."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from osce_kb.matching import matches
from osce_kb.models import Source, sort_key_column

# A search box needs no more than this; longer input is refused by the form, not sent to the database.
MAX_QUERY_LENGTH = 200


class TextFilter(django_filters.CharFilter):
    """A free-text filter over a `Searchable` model's text in all three languages, whatever the case, accents
    or script of the query; a name misspelled by a letter is found too."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Text"))
        kwargs.setdefault("max_length", MAX_QUERY_LENGTH)
        super().__init__(method=self.search, **kwargs)

    def search(self, queryset, name, value):
        if not value.strip():
            return queryset
        return queryset.filter(matches(value))


class SortFilter(django_filters.OrderingFilter):
    """The "Sort by" choice of a list; `ALPHABETICAL` stands for the active language's alphabetical order."""

    ALPHABETICAL = "sort_key"

    def get_ordering_value(self, param):
        value = super().get_ordering_value(param)
        field = value.removeprefix("-")
        if field == self.ALPHABETICAL:
            return value.replace(field, sort_key_column())
        return value


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ISODateFilter(django_filters.DateFilter):
    """A day as YYYY-MM-DD, with the browser's date picker."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", DateInput())
        super().__init__(input_formats=["%Y-%m-%d"], **kwargs)


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField

    def __init__(self, **kwargs):
        super().__init__(min_value=1900, max_value=2100, **kwargs)


class SourceFilter(django_filters.FilterSet):
    q = TextFilter()
    kind = django_filters.ChoiceFilter(choices=Source.Kind.choices, label=_("Kind"))
    sort = django_filters.OrderingFilter(
        fields=[("title", "title"), ("published_date", "published")],
        field_labels={"title": _("Title"), "published_date": _("Date published")},
        label=_("Sort by"),
    )

    class Meta:
        model = Source
        fields = []
