"""Pieces shared by the public lists' FilterSets."""

import django_filters
from django import forms
from django.forms.utils import pretty_name
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from osce_kb import partial_dates
from osce_kb.matching import matches
from osce_kb.models import Source, date_bounds_validators, sort_key_column

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
        return queryset.filter(matches(queryset.model, value))


def _descending(fmt, label):
    return str(fmt) % label


descending_label = lazy(_descending, str)


class OrderingFilter(django_filters.OrderingFilter):
    """django-filter's sort menu, with every label evaluated when the form is shown, in the reader's language.

    django-filter builds its "Name (descending)" labels with `%` when the FilterSet class is created, that
    is at import, in whatever language happens to be active then (Kazakh on English pages)."""

    def build_choices(self, fields, labels):
        ascending = [(param, labels.get(field, pretty_name(param))) for field, param in fields.items()]
        descending = [
            (f"-{param}", labels.get(f"-{param}", descending_label(self.descending_fmt, label)))
            for param, label in ascending
        ]
        return [choice for pair in zip(ascending, descending, strict=True) for choice in pair]


class SortFilter(OrderingFilter):
    """The "Sort by" choice of a list; `ALPHABETICAL` stands for the active language's alphabetical order."""

    ALPHABETICAL = "sort_key"

    def get_ordering_value(self, param):
        value = super().get_ordering_value(param)
        field = value.removeprefix("-")
        if field == self.ALPHABETICAL:
            return value.replace(field, sort_key_column())
        return value


class DateInput(forms.DateInput):
    """The browser's date picker, offering only the days the knowledge base can be asked about."""

    input_type = "date"

    def __init__(self, attrs=None, **kwargs):
        bounds = {"min": partial_dates.EARLIEST.isoformat(), "max": partial_dates.LATEST.isoformat()}
        super().__init__(attrs={**bounds, **(attrs or {})}, format="%Y-%m-%d", **kwargs)


class ISODateFilter(django_filters.DateFilter):
    """A day as YYYY-MM-DD, with the browser's date picker, within the bounds of every stored date."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", DateInput())
        super().__init__(input_formats=["%Y-%m-%d"], validators=date_bounds_validators(), **kwargs)


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField

    def __init__(self, **kwargs):
        super().__init__(min_value=partial_dates.EARLIEST.year, max_value=partial_dates.LATEST.year, **kwargs)


class SourceFilter(django_filters.FilterSet):
    q = TextFilter()
    kind = django_filters.ChoiceFilter(choices=Source.Kind.choices, label=_("Kind"))
    sort = OrderingFilter(
        fields=[("title", "title"), ("published_date", "published")],
        field_labels={"title": _("Title"), "published_date": _("Date published")},
        label=_("Sort by"),
    )

    class Meta:
        model = Source
        fields = []
