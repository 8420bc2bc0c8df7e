"""The open-data API's router, its schema and its documentation page (/api/v1/…)."""

from django.urls import include, path, re_path
from django.utils import translation
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.decorators import api_view
from rest_framework.exceptions import NotFound
from rest_framework.routers import DefaultRouter

from organs.api import OrganViewSet, StateViewSet
from osce_kb.filters import SourceFilter
from osce_kb.models import Source
from osce_kb.rest import NOT_FOUND, ReadOnlyViewSet, requested_language
from osce_kb.serializers import SourceSerializer
from people.api import MembershipViewSet, PersonViewSet, PostViewSet
from timeline.api import EventViewSet


class SourceViewSet(ReadOnlyViewSet):
    """The documents every fact is taken from."""

    serializer_class = SourceSerializer
    filterset_class = SourceFilter

    def get_queryset(self):
        return Source.objects.all()


@extend_schema(exclude=True)
@api_view(["GET", "HEAD"])
def not_found(request, rest):
    """Any other address under /api/v1/: a 404 in JSON, in `?lang=`, not the site's HTML page."""
    translation.activate(requested_language(request))
    raise NotFound(NOT_FOUND)


router = DefaultRouter(trailing_slash=True)
router.include_format_suffixes = False
router.register("organizations", OrganViewSet, basename="organization")
router.register("persons", PersonViewSet, basename="person")
router.register("posts", PostViewSet, basename="post")
router.register("memberships", MembershipViewSet, basename="membership")
router.register("events", EventViewSet, basename="event")
router.register("states", StateViewSet, basename="state")
router.register("sources", SourceViewSet, basename="source")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("", include(router.urls)),
    re_path(r"^(?P<rest>.*)$", not_found),
]
