import django_filters
from django.utils.translation import gettext_lazy as _

from organs.models import Organ, ParticipatingState
from osce_kb.filters import ISODateFilter, SortFilter, TextFilter
from people.models import Person, Post, Tenure


class PersonFilter(django_filters.FilterSet):
    q = TextFilter()
    organ = django_filters.ModelChoiceFilter(
        queryset=Organ.objects.published().filter(posts__isnull=False).distinct(),
        to_field_name="slug",
        field_name="tenures__post__organ",
        distinct=True,
        label=_("Body"),
    )
    post = django_filters.ModelChoiceFilter(
        queryset=Post.objects.filter(organ__is_published=True),
        to_field_name="slug",
        field_name="tenures__post",
        distinct=True,
        label=_("Post"),
    )
    nationality = django_filters.ModelChoiceFilter(
        queryset=ParticipatingState.objects.filter(nationals__isnull=False).distinct(),
        to_field_name="code",
        label=_("Nationality"),
    )
    in_office_on = ISODateFilter(method="filter_in_office_on", label=_("In office on"))
    # By surname, in the alphabet of the page's language or in the Latin alphabet (the English spelling).
    sort = SortFilter(
        fields=[(SortFilter.ALPHABETICAL, "name"), ("sort_key_en", "slug")],
        field_labels={SortFilter.ALPHABETICAL: _("Name"), "sort_key_en": _("Name in Latin script")},
        label=_("Sort by"),
    )

    class Meta:
        model = Person
        fields = []

    def filter_in_office_on(self, queryset, name, value):
        # Certain and possible holders alike: the person page says which dates are only approximate.
        return queryset.filter(pk__in=Tenure.objects.possibly_held_on(value).values("person"))
