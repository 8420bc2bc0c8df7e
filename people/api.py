"""People, posts and tenures, read-only, filtered as the people's list is."""

from osce_kb.rest import ReadOnlyViewSet
from people.filters import PersonFilter, PostFilter, TenureFilter
from people.models import Person, Post, Tenure
from people.serializers import MembershipSerializer, PersonSerializer, PostSerializer


class PersonViewSet(ReadOnlyViewSet):
    """The people who held the OSCE's offices, or took part in its events (Popolo persons)."""

    serializer_class = PersonSerializer
    filterset_class = PersonFilter

    def get_queryset(self):
        rows = Person.objects.published().select_related("nationality")
        return rows.prefetch_related(*PersonSerializer.related).alphabetical()


class PostViewSet(ReadOnlyViewSet):
    """The offices of the OSCE's bodies (Popolo posts)."""

    serializer_class = PostSerializer
    filterset_class = PostFilter

    def get_queryset(self):
        return Post.objects.filter(organ__is_published=True).select_related("organ").order_by("slug")


class MembershipViewSet(ReadOnlyViewSet):
    """Who held which post, when, and on whose behalf (Popolo memberships), oldest first."""

    serializer_class = MembershipSerializer
    filterset_class = TenureFilter

    def get_queryset(self):
        rows = Tenure.objects.public().select_related("person", "post__organ", "on_behalf_of")
        return rows.prefetch_related(*MembershipSerializer.related).order_by("start_date", "pk")
