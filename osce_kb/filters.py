"""Pieces shared by the public lists' FilterSets."""

import django_filters
from django import forms
from django.forms.utils import pretty_name
from django.urls import reverse_lazy
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from osce_kb import partial_dates
from osce_kb.choosing import CHOOSERS
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


# The empty choice of a "Sort by": the list's own order.
DEFAULT_ORDER = _("Default order")


class SortFilter(OrderingFilter):
    """The "Sort by" choice of a list; `ALPHABETICAL` stands for the active language's alphabetical order."""

    ALPHABETICAL = "sort_key"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("empty_label", DEFAULT_ORDER)
        super().__init__(*args, **kwargs)

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


class AutocompleteInput(forms.TextInput):
    """A text input with a <datalist> that osce_kb/autocomplete.js fills from the JSON endpoint `url`."""

    def __init__(self, url, attrs=None):
        super().__init__(attrs={"data-autocomplete": url, "autocomplete": "off", **(attrs or {})})

    def render(self, name, value, attrs=None, renderer=None):
        attrs = dict(attrs or {})
        suggestions = f"{attrs.get('id') or name}-suggestions"
        attrs["list"] = suggestions
        return super().render(name, value, attrs, renderer) + format_html('<datalist id="{}"></datalist>', suggestions)


class RecordField(forms.CharField):
    """One record of a large table, typed: its slug or its name (see `osce_kb.choosing`). The cleaned value is
    the record; the field shows the record's name in the reader's language."""

    def __init__(self, *, chooser, **kwargs):
        self.chooser = CHOOSERS[chooser]
        kwargs.setdefault("max_length", MAX_QUERY_LENGTH)
        kwargs.setdefault("widget", AutocompleteInput(reverse_lazy(f"autocomplete-{chooser}")))
        super().__init__(**kwargs)
        # What each value typed into this form's field was found to mean, so that it is named, not re-read.
        self.found = {}

    def clean(self, value):
        text = self.to_python(value)
        # Length and NUL are checked before the database is asked: PostgreSQL refuses a NUL in a query.
        self.validate(text)
        self.run_validators(text)
        if not text:
            return None
        self.found[text] = self.chooser.find(text)
        return self.found[text]

    def prepare_value(self, value):
        record = self.found.get(value.strip()) if isinstance(value, str) else value
        return self.chooser.label(record) if record is not None else value


@extend_schema_field(OpenApiTypes.STR)
class RecordFilter(django_filters.Filter):
    """A filter by one record of a large table, chosen with `RecordField` rather than from a <select>; in the
    API's schema, the text it takes (a slug or a name)."""

    field_class = RecordField


class LinkFilter(django_filters.CharFilter):
    """A condition that only links make (the list of what a record's page shows the first rows of): not a field
    of the form a reader fills in, but kept, hidden, when they change the other filters."""

    def __init__(self, **kwargs):
        # One slug or code names one record, so the join adds no duplicate rows and needs no DISTINCT (which on
        # the timeline would sort every event).
        kwargs.setdefault("max_length", MAX_QUERY_LENGTH)
        kwargs.setdefault("widget", forms.HiddenInput())
        super().__init__(**kwargs)


class SourceFilter(django_filters.FilterSet):
    q = TextFilter()
    kind = django_filters.ChoiceFilter(choices=Source.Kind.choices, label=_("Kind"))
    organ = LinkFilter(field_name="organs__slug", label=_("Cited for the body"))
    person = LinkFilter(field_name="people__slug", label=_("Cited for the person"))
    event = LinkFilter(field_name="events__slug", label=_("Cited for the event"))
    state = LinkFilter(field_name="states__code", label=_("Cited for the State"))
    sort = OrderingFilter(
        fields=[("title", "title"), ("published_date", "published")],
        field_labels={"title": _("Title"), "published_date": _("Date published")},
        label=_("Sort by"),
        empty_label=DEFAULT_ORDER,
    )

    class Meta:
        model = Source
        fields = []
