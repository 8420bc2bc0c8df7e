from django.db.models import Prefetch

from osce_kb.views import FilteredListView, PublishedDetailView
from people.filters import PersonFilter
from people.models import Person, Tenure


class PersonListView(FilteredListView):
    filterset_class = PersonFilter
    estimate_whole_table = True

    def get_base_queryset(self):
        return Person.objects.published().select_related("nationality").alphabetical()


class PersonDetailView(PublishedDetailView):
    def get_base_queryset(self):
        return Person.objects.all().select_related("nationality")

    def get_context_data(self, **kwargs):
        person = self.object
        # Each tenure names its predecessor and successor: all tenures of these posts, in one query.
        neighbours = Tenure.objects.in_order().filter(person__is_published=True).select_related("person")
        tenures = (
            person.tenures.in_order()
            .select_related("post__organ", "on_behalf_of")
            .prefetch_related("sources", Prefetch("post__tenures", queryset=neighbours))
        )
        return super().get_context_data(
            tenures=tenures,
            events=person.events.published().chronological(),
            sources=person.sources.all(),
            **kwargs,
        )
