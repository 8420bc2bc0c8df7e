from django.views.generic import DetailView

from osce_kb.views import FilteredListView
from people.filters import PersonFilter
from people.models import Person


class PersonListView(FilteredListView):
    filterset_class = PersonFilter

    def get_base_queryset(self):
        return Person.objects.published().select_related("nationality").order_by("name", "slug")


class PersonDetailView(DetailView):
    def get_queryset(self):
        return Person.objects.published().select_related("nationality")

    def get_context_data(self, **kwargs):
        person = self.object
        return super().get_context_data(
            tenures=person.tenures.in_order().select_related("post__organ", "on_behalf_of").prefetch_related("sources"),
            events=person.events.published(),
            sources=person.sources.all(),
            **kwargs,
        )
