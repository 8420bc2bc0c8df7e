import datetime
import re
import sys

from django import forms
from django.contrib.auth import get_permission_codename
from django.db.models import Prefetch
from django.http import HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from organs.models import Organ, ParticipatingState
from osce_kb import partial_dates
from osce_kb import search as kb_search
from osce_kb.filters import MAX_QUERY_LENGTH, DateInput, SourceFilter
from osce_kb.middleware import DATABASE_UNAVAILABLE, database_unavailable
from osce_kb.models import DATE_BOUNDS_MESSAGE, Source, date_bounds_validators
from people.models import Person, Post, Tenure
from timeline.models import Event

ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class FilteredListView(ListView):
    """A list narrowed by a FilterSet from the query string.

    A bad filter value never reaches the database: the page is answered with HTTP 400, the form's errors,
    and the unfiltered list, labelled as such so that it cannot be mistaken for a match.
    """

    filterset_class = None
    paginate_by = 50

    def get_base_queryset(self):
        """The rows before filtering; views narrow it to what readers may see."""
        return self.filterset_class._meta.model._default_manager.all()

    def get_queryset(self):
        base = self.get_base_queryset()
        self.filterset = self.filterset_class(self.request.GET or None, queryset=base, request=self.request)
        self.filter_failed = self.filterset.is_bound and not self.filterset.is_valid()
        return base if self.filter_failed else self.filterset.qs

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter=self.filterset, filter_failed=self.filter_failed, **kwargs)

    def render_to_response(self, context, **response_kwargs):
        if self.filter_failed:
            response_kwargs["status"] = 400
        return super().render_to_response(context, **response_kwargs)


class PublishedDetailView(DetailView):
    """Readers see published records only; staff who may change such records may preview a draft with
    ?preview=1. Staff who may only look at records in the admin are readers here."""

    def get_base_queryset(self):
        """Every row, drafts included; only an editor asking for a preview gets past published()."""
        return self.model._default_manager.all()

    def may_preview(self, model):
        user = self.request.user
        return user.is_staff and user.has_perm(
            f"{model._meta.app_label}.{get_permission_codename('change', model._meta)}"
        )

    def get_queryset(self):
        rows = self.get_base_queryset()
        if self.request.GET.get("preview") and self.may_preview(rows.model):
            return rows
        return rows.published()


def bad_request(request, exception):
    """The 400 page, for a request no page can answer (a NUL in the address, too many parameters)."""
    return render(request, "400.html", status=400)


def server_error(request):
    """The 500 page, which needs nothing that could have failed; or the 503 page, when what failed was the
    database (e.g. while a middleware read the session)."""
    if isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE):
        return database_unavailable(request)
    return HttpResponseServerError(loader.get_template("500.html").render())


def home(request):
    # Today's structure, as on the structure page: a body closed decades ago is not shown as part of it.
    standing = Organ.objects.published().standing_on(timezone.localdate())
    context = {
        "organs": standing.top_level().with_published_children(standing),
        # The latest events, the 2010 Chairmanship among them, read in the timeline's order.
        "kazakhstan_events": Event.objects.published().about_kazakhstan().most_recent(8),
        "counts": {
            "organs": Organ.objects.published().count(),
            "people": Person.objects.published().count(),
            "events": Event.objects.published().count(),
            "states": ParticipatingState.objects.participating().count(),
        },
    }
    return render(request, "osce_kb/home.html", context)


class SourceListView(FilteredListView):
    filterset_class = SourceFilter

    def get_base_queryset(self):
        return Source.objects.all()


class SourceDetailView(DetailView):
    model = Source

    def get_context_data(self, **kwargs):
        source = self.object
        return super().get_context_data(
            organs=source.organs.published(),
            people=source.people.published(),
            events=source.events.published().chronological(),
            tenures=source.tenures.select_related("person", "post").filter(person__is_published=True),
            states=source.states.all(),
            **kwargs,
        )


def structure(request):
    """Today's structure as a tree; the bodies closed by today apart, grouped by the body they belonged to."""
    today = timezone.localdate()
    current = Tenure.objects.current().filter(person__is_published=True)
    posts = Post.objects.filter(single_holder=True).prefetch_related(
        Prefetch("tenures", queryset=current.select_related("person", "on_behalf_of"), to_attr="current_holders")
    )
    organs = Organ.objects.published()
    context = {
        "tree": organs.standing_on(today)
        .prefetch_related(Prefetch("posts", queryset=posts, to_attr="single_posts"))
        .tree(),
        "closed": organs.gone_by(today).tree_by_parent(),
    }
    return render(request, "osce_kb/structure.html", context)


class AsOfForm(forms.Form):
    date = forms.DateField(
        label=_("Date"), input_formats=["%Y-%m-%d"], widget=DateInput(), validators=date_bounds_validators()
    )


def parse_day(text):
    """A calendar day written YYYY-MM-DD, or None."""
    if not ISO_DAY.match(text):
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


def as_of_form(request):
    """The date picker's target: /as-of/?date=2010-06-01 goes to /as-of/2010-06-01/."""
    if "date" not in request.GET:
        return redirect("as-of", day=timezone.localdate().isoformat())
    form = AsOfForm(request.GET)
    if form.is_valid():
        return redirect("as-of", day=form.cleaned_data["date"].isoformat())
    return render(request, "osce_kb/as_of.html", {"form": form}, status=400)


def as_of(request, day):
    date = parse_day(day)
    if date is None:
        form = AsOfForm(initial={"date": timezone.localdate()})
        message = _("“%(day)s” is not a calendar date. Write it as YYYY-MM-DD, for example 2010-06-01.") % {
            "day": day[:40]
        }
        return render(request, "osce_kb/as_of.html", {"form": form, "date_error": message}, status=400)
    if not partial_dates.EARLIEST <= date <= partial_dates.LATEST:
        form = AsOfForm(initial={"date": timezone.localdate()})
        return render(request, "osce_kb/as_of.html", {"form": form, "date_error": DATE_BOUNDS_MESSAGE}, status=400)
    certain = set(Tenure.objects.held_on(date).values_list("pk", flat=True))
    holders = list(Tenure.objects.public().possibly_held_on(date).by_office())
    for tenure in holders:
        tenure.certain = tenure.pk in certain
    organs = Organ.objects.published()
    existing = organs.existed_on(date)
    context = {
        "date": date,
        "form": AsOfForm(initial={"date": date}),
        "holders": holders,
        "chairmanship": [t for t in holders if t.post.organ.kind == Organ.Kind.CHAIRMANSHIP],
        "organs": existing.select_related("parent"),
        "maybe_organs": organs.possibly_started_by(date).possibly_not_ended_before(date).exclude(pk__in=existing),
        "events": Event.objects.published()
        .between(date.replace(month=1, day=1), date.replace(month=12, day=31))
        .chronological(),
    }
    return render(request, "osce_kb/as_of.html", context)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=MAX_QUERY_LENGTH, required=False)


def search(request):
    form = SearchForm(request.GET)
    found = kb_search.search(form.cleaned_data["q"]) if form.is_valid() else kb_search.Results()
    context = {
        "form": form,
        "results": found.groups,
        "complete": found.complete,
        "query": form.cleaned_data.get("q", "") if form.is_valid() else "",
    }
    return render(request, "osce_kb/search.html", context, status=200 if form.is_valid() else 400)
