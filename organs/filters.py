import django_filters
from django.utils.translation import gettext_lazy as _

from organs.models import Organ, ParticipatingState
from osce_kb.filters import ISODateFilter, LinkFilter, RecordFilter, SortFilter, TextFilter, YearFilter


class OrganFilter(django_filters.FilterSet):
    q = TextFilter()
    kind = django_filters.ChoiceFilter(choices=Organ.Kind.choices, label=_("Kind"))
    parent = RecordFilter(chooser="organs", label=_("Part of"))
    region = django_filters.ChoiceFilter(choices=Organ.Region.choices, label=_("Region"))
    host_state = django_filters.ModelChoiceFilter(
        queryset=lambda request: (
            ParticipatingState.objects.filter(hosted_organs__is_published=True).distinct().alphabetical()
        ),
        to_field_name="code",
        label=_("Host State"),
    )
    existed_on = ISODateFilter(method="filter_existed_on", label=_("Existed on"))
    source = LinkFilter(field_name="sources__slug", label=_("Source"))
    event = LinkFilter(field_name="events__slug", label=_("Event"))
    sort = SortFilter(
        fields=[(SortFilter.ALPHABETICAL, "name"), ("start_date", "established")],
        field_labels={SortFilter.ALPHABETICAL: _("Name"), "start_date": _("Established")},
        label=_("Sort by"),
    )

    class Meta:
        model = Organ
        fields = []

    def filter_existed_on(self, queryset, name, value):
        return queryset.existed_on(value)


class StateFilter(django_filters.FilterSet):
    q = TextFilter()
    joined_year = YearFilter(field_name="joined_date", lookup_expr="year", label=_("Year joined"))
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[("participating", _("Participating today")), ("former", _("Former participating States"))],
        method="filter_status",
        empty_label=_("All, past and present"),
    )
    source = LinkFilter(field_name="sources__slug", label=_("Source"))
    event = LinkFilter(field_name="events__slug", label=_("Event"))
    sort = SortFilter(
        fields=[(SortFilter.ALPHABETICAL, "name"), ("joined_date", "joined"), ("code", "code")],
        field_labels={SortFilter.ALPHABETICAL: _("Name"), "joined_date": _("Date joined"), "code": _("Code")},
        label=_("Sort by"),
    )

    class Meta:
        model = ParticipatingState
        fields = []

    def filter_status(self, queryset, name, value):
        return queryset.former() if value == "former" else queryset.participating()
