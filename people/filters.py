import django_filters
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from organs.models import Organ, ParticipatingState
from osce_kb.filters import ISODateFilter, OrderingFilter, TextFilter
from people.models import Person, Post, Tenure


class PersonFilter(django_filters.FilterSet):
    q = TextFilter(fields=["name", "summary", "biography"])
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
    sort = OrderingFilter(
        fields=[("name", "name"), ("slug", "slug")],
        field_labels={"name": pgettext_lazy("person", "Name"), "slug": _("Name in Latin script")},
        label=_("Sort by"),
    )

    class Meta:
        model = Person
        fields = []

    def filter_in_office_on(self, queryset, name, value):
        # Certain and possible holders alike: the person page says which dates are only approximate.
        return queryset.filter(pk__in=Tenure.objects.possibly_held_on(value).values("person"))
