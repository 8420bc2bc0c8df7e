from django.db.models import Q

from osce_kb.generic import FilteredListView, PublishedDetailView
from osce_kb.related import first, latest, list_url
from people.filters import PersonFilter
from people.models import Person, Tenure
from people.serializers import PersonSerializer


class PersonListView(FilteredListView):
    filterset_class = PersonFilter
    csv_serializer = PersonSerializer
    estimate_whole_table = True

    def get_base_queryset(self):
        return Person.objects.published().select_related("nationality").alphabetical()


class PersonDetailView(PublishedDetailView):
    def get_base_queryset(self):
        return Person.objects.all().select_related("nationality")

    def get_context_data(self, **kwargs):
        person = self.object
        # Offices in bodies that are still drafts are not shown: a draft is never named.
        rows = person.tenures.public().in_order().with_neighbour_pks()
        tenures = first(rows.select_related("post__organ", "on_behalf_of").prefetch_related("sources"))
        # The predecessors and successors of the tenures shown, with their holders, in one query, asked even when
        # there are none so that the page's queries do not depend on the data.
        shown = rows[: tenures.limit]
        neighbours = Tenure.objects.select_related("person").filter(
            Q(pk__in=shown.values("predecessor_pk")) | Q(pk__in=shown.values("successor_pk"))
        )
        neighbours = {tenure.pk: tenure for tenure in neighbours}
        for tenure in tenures:
            tenure.predecessor = neighbours.get(tenure.predecessor_pk)
            tenure.successor = neighbours.get(tenure.successor_pk)
        return super().get_context_data(
            tenures=tenures,
            events=latest(person.events.published().chronological(), list_url("timeline:list", person=person.slug)),
            sources=first(person.sources.all(), list_url("sources:list", person=person.slug)),
            **kwargs,
        )
