from django.views.generic import DetailView

from organs.filters import OrganFilter, StateFilter
from organs.models import Organ, ParticipatingState
from organs.serializers import OrganSerializer, StateSerializer
from osce_kb import charts, mapping
from osce_kb.citation import CitationDownloadMixin
from osce_kb.generic import FilteredListView, PublishedDetailView
from osce_kb.related import bounded, first, latest, list_url
from people.models import Post, Tenure

# Posts a body's page shows, and the latest holders shown under each: the Chairpersons-in-Office back to
# Kazakhstan's Chairmanship in 2010.
POSTS_SHOWN = 20
HOLDERS_SHOWN = 20


class OrganListView(FilteredListView):
    filterset_class = OrganFilter
    csv_serializer = OrganSerializer

    def get_base_queryset(self):
        return Organ.objects.published().select_related("parent", "host_state").alphabetical()


class OrganDetailView(PublishedDetailView):
    def get_base_queryset(self):
        return Organ.objects.all().select_related("parent", "host_state")

    def get_context_data(self, **kwargs):
        organ = self.object
        holders = Tenure.objects.filter(person__is_published=True).select_related("person", "on_behalf_of")
        posts = first(
            Post.objects.filter(organ=organ).with_latest_holders(holders, HOLDERS_SHOWN),
            list_url("people:list", organ=organ.slug),
            limit=POSTS_SHOWN,
        )
        for post in posts:
            url = list_url("people:list", post=post.slug)
            post.holders = bounded(post.latest_holders, url, limit=HOLDERS_SHOWN, latest=True)
        return super().get_context_data(
            ancestors=organ.published_ancestors(),
            children=first(organ.children.published().alphabetical(), list_url("organs:list", parent=organ.slug)),
            posts=posts,
            events=latest(organ.events.published().chronological(), list_url("timeline:list", organ=organ.slug)),
            sources=first(organ.sources.all(), list_url("sources:list", organ=organ.slug)),
            **kwargs,
        )


class StateListView(FilteredListView):
    filterset_class = StateFilter
    csv_serializer = StateSerializer
    paginate_by = 100

    def get_base_queryset(self):
        return ParticipatingState.objects.alphabetical()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The map shows every State: above the whole list, not above a filtered one or a later page.
        if not self.filterset.is_bound and not context["page_obj"].has_previous:
            chaired = ParticipatingState.objects.filter(
                tenures__post__organ__kind=Organ.Kind.CHAIRMANSHIP, tenures__person__is_published=True
            ).values_list("code", flat=True)
            states = ParticipatingState.objects.order_by("code")
            context["states_map"] = charts.states_map(states, set(chaired), mapping.shapes())
        return context


class StateDetailView(CitationDownloadMixin, DetailView):
    model = ParticipatingState
    slug_field = "code"
    slug_url_kwarg = "code"

    def get_context_data(self, **kwargs):
        state = self.object
        code = state.code
        offices = state.tenures.filter(person__is_published=True).select_related("person", "post").in_order()
        return super().get_context_data(
            people=first(state.nationals.published().alphabetical(), list_url("people:list", nationality=code)),
            organs=first(state.hosted_organs.published().alphabetical(), list_url("organs:list", host_state=code)),
            chairmanships=first(offices, list_url("people:list", on_behalf_of=code)),
            events=latest(state.events.published().chronological(), list_url("timeline:list", state=code)),
            sources=first(state.sources.all(), list_url("sources:list", state=code)),
            **kwargs,
        )
