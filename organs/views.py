from django.db.models import Prefetch
from django.views.generic import DetailView

from organs.filters import OrganFilter, StateFilter
from organs.models import Organ, ParticipatingState
from osce_kb.views import FilteredListView, PublishedDetailView
from people.models import Tenure


class OrganListView(FilteredListView):
    filterset_class = OrganFilter

    def get_base_queryset(self):
        return Organ.objects.published().select_related("parent", "host_state").alphabetical()


class OrganDetailView(PublishedDetailView):
    def get_base_queryset(self):
        return Organ.objects.all().select_related("parent", "host_state")

    def get_context_data(self, **kwargs):
        organ = self.object
        holders = Tenure.objects.filter(person__is_published=True).select_related("person", "on_behalf_of")
        posts = organ.posts.prefetch_related(Prefetch("tenures", queryset=holders.in_order()))
        return super().get_context_data(
            ancestors=organ.ancestors(),
            children=organ.children.published(),
            posts=posts,
            events=organ.events.published().chronological(),
            sources=organ.sources.all(),
            **kwargs,
        )


class StateListView(FilteredListView):
    filterset_class = StateFilter
    paginate_by = 100

    def get_base_queryset(self):
        return ParticipatingState.objects.alphabetical()


class StateDetailView(DetailView):
    model = ParticipatingState
    slug_field = "code"
    slug_url_kwarg = "code"

    def get_context_data(self, **kwargs):
        state = self.object
        return super().get_context_data(
            people=state.nationals.published(),
            organs=state.hosted_organs.published(),
            chairmanships=state.tenures.filter(person__is_published=True).select_related("person", "post"),
            events=state.events.published().chronological(),
            sources=state.sources.all(),
            **kwargs,
        )
