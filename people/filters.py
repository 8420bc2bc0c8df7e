import django_filters
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_filters.constants import EMPTY_VALUES

from organs.models import Organ, ParticipatingState
from osce_kb.filters import ISODateFilter, SortFilter, TextFilter
from people.models import Person, Post, Tenure


class PersonFilter(django_filters.FilterSet):
    """People, narrowed by their own fields and by conditions on their tenures.

    The tenure conditions (body, post, in office on) must hold for one and the same tenure: Knut Vollebæk was
    Chairperson-in-Office in 1999 and High Commissioner in 2010, so he did not chair the OSCE on 1 June 2010.
    Their filters are therefore applied to one queryset of tenures (their field names are the tenure's), and
    the people narrowed once to the holders of the tenures that are left.
    """

    tenure_filters = ("organ", "post", "in_office_on")

    q = TextFilter()
    organ = django_filters.ModelChoiceFilter(
        queryset=lambda request: Organ.objects.published().filter(posts__isnull=False).distinct().alphabetical(),
        to_field_name="slug",
        field_name="post__organ",
        label=_("Body"),
    )
    post = django_filters.ModelChoiceFilter(
        queryset=Post.objects.filter(organ__is_published=True),
        to_field_name="slug",
        field_name="post",
        label=_("Post"),
    )
    nationality = django_filters.ModelChoiceFilter(
        queryset=lambda request: ParticipatingState.objects.filter(nationals__isnull=False).distinct().alphabetical(),
        to_field_name="code",
        label=_("Nationality"),
    )
    in_office_on = ISODateFilter(method="filter_in_office_on", label=_("In office on"))
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
