import django_filters
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from organs.models import ParticipatingState
from osce_kb.filters import LinkFilter, RecordFilter, TextFilter, YearFilter
from timeline.models import Event


class EventFilter(django_filters.FilterSet):
    q = TextFilter()
    kind = django_filters.ChoiceFilter(choices=Event.Kind.choices, label=_("Kind"))
    year_from = YearFilter(method="filter_year_from", label=_("From year"))
    year_to = YearFilter(method="filter_year_to", label=_("To year"))
    organ = RecordFilter(chooser="organs", field_name="organs", label=_("Body"))
    person = RecordFilter(chooser="people", field_name="people", label=_("Person"))
    state = django_filters.ModelChoiceFilter(
        # Each State asked whether it has an event (an index lookup), not every event joined to its States.
        queryset=lambda request: ParticipatingState.objects.filter(
            Exists(Event.states.through.objects.filter(participatingstate=OuterRef("pk")))
        ).alphabetical(),
        to_field_name="code",
        field_name="states",
        label=_("State"),
    )
    source = LinkFilter(field_name="sources__slug", label=_("Source"))

    sort = django_filters.ChoiceFilter(
        choices=[("date", _("Oldest first")), ("-date", _("Newest first"))],
        method="sort_by_date",
        label=_("Sort by"),
        empty_label=None,
    )

    class Meta:
        model = Event
        fields = []

    def sort_by_date(self, queryset, name, value):
        ordered = queryset.chronological()
        return ordered.reverse() if value == "-date" else ordered

    def filter_year_from(self, queryset, name, value):
        return queryset.from_year(int(value))

    def filter_year_to(self, queryset, name, value):
        # between(EARLIEST, 31 December of the year), which holds of every event begun by then, said of the sort
        # key alone, so that the index serving the timeline's order answers it (newest first from that year down).
        return queryset.filter(chronology_key__lt=(int(value) + 1) * 10**12)

    def is_valid(self):
        valid = super().is_valid()
        data = self.form.cleaned_data if valid else {}
        if valid and data.get("year_from") and data.get("year_to") and data["year_from"] > data["year_to"]:
            self.form.add_error("year_to", _("The end year cannot be before the start year."))
            return False
        return valid
