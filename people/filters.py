import django_filters
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_filters.constants import EMPTY_VALUES

from organs.models import ParticipatingState
from osce_kb.filters import ISODateFilter, LinkFilter, RecordFilter, SortFilter, TextFilter
from people.models import Person, Post, Tenure


class PersonFilter(django_filters.FilterSet):
    """People, narrowed by their own fields and by conditions on their tenures.

    The tenure conditions (body, post, in office on) must hold for one and the same tenure: Knut Vollebæk was
    Chairperson-in-Office in 1999 and High Commissioner in 2010, so he did not chair the OSCE on 1 June 2010.
    Their filters are therefore applied to one queryset of tenures (their field names are the tenure's), and
    the people narrowed once to the holders of the tenures that are left.
    """

    tenure_filters = ("organ", "post", "in_office_on", "on_behalf_of", "tenure_source")

    q = TextFilter()
    organ = RecordFilter(chooser="organs", field_name="post__organ", label=_("Body"))
    post = RecordFilter(chooser="posts", field_name="post", label=_("Post"))
    nationality = django_filters.ModelChoiceFilter(
        # Each State asked whether it has a national (an index lookup), not every person joined to a State.
        queryset=lambda request: ParticipatingState.objects.filter(
            Exists(Person.objects.filter(nationality=OuterRef("pk")))
        ).alphabetical(),
        to_field_name="code",
        label=_("Nationality"),
    )
    in_office_on = ISODateFilter(method="filter_in_office_on", label=_("In office on"))
    # The links of a State's page (offices held on its behalf), of a source's page (whom it is cited for) and of
    # an event's page (who took part).
    on_behalf_of = LinkFilter(field_name="on_behalf_of__code", label=_("On behalf of"))
    tenure_source = LinkFilter(field_name="sources__slug", label=_("Source of an office held"))
    source = LinkFilter(field_name="sources__slug", label=_("Source"))
    event = LinkFilter(field_name="events__slug", label=_("Event"))
    # By surname, in the alphabet of the page's language or in the Latin alphabet (the English spelling).
    sort = SortFilter(
        fields=[(SortFilter.ALPHABETICAL, "name"), ("sort_key_en", "slug")],
        field_labels={
            SortFilter.ALPHABETICAL: pgettext_lazy("person", "Name"),
            "sort_key_en": _("Name in Latin script"),
        },
        label=_("Sort by"),
    )

    class Meta:
        model = Person
        fields = []

    def filter_in_office_on(self, tenures, name, value):
        # Certain and possible holders alike: the person page says which dates are only approximate.
        return tenures.possibly_held_on(value)

    def filter_queryset(self, queryset):
        tenures, narrowed = Tenure.objects.all(), False
        for name, value in self.form.cleaned_data.items():
            if name in self.tenure_filters:
                tenures = self.filters[name].filter(tenures, value)
                narrowed = narrowed or value not in EMPTY_VALUES
            else:
                queryset = self.filters[name].filter(queryset, value)
        if narrowed:
            queryset = queryset.filter(pk__in=tenures.values("person"))
        return queryset


class PostFilter(django_filters.FilterSet):
    """Posts, by the body they belong to (the API's /posts/)."""

    organ = RecordFilter(chooser="organs", field_name="organ", label=_("Body"))

    class Meta:
        model = Post
        fields = []


class TenureFilter(django_filters.FilterSet):
    """Tenures, by whom, which post or body, on whose behalf and when (the API's /memberships/); the conditions
    are those of the people's list, said of each tenure."""

    person = RecordFilter(chooser="people", field_name="person", label=_("Person"))
    organ = RecordFilter(chooser="organs", field_name="post__organ", label=_("Body"))
    post = RecordFilter(chooser="posts", field_name="post", label=_("Post"))
    on_behalf_of = LinkFilter(field_name="on_behalf_of__code", label=_("On behalf of"))
    in_office_on = ISODateFilter(method="filter_in_office_on", label=_("In office on"))
    is_current = django_filters.ChoiceFilter(
        choices=[("true", _("yes")), ("false", _("no"))], method="filter_is_current", label=_("In office today")
    )
    source = LinkFilter(field_name="sources__slug", label=_("Source"))

    class Meta:
        model = Tenure
        fields = []

    def filter_in_office_on(self, tenures, name, value):
        return tenures.possibly_held_on(value)

    def filter_is_current(self, tenures, name, value):
        return tenures.filter(is_current=value == "true")
