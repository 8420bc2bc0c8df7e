import datetime
import re
import sys

from django import forms
from django.db.models import Prefetch
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView

from organs.models import Organ, ParticipatingState
from osce_kb import partial_dates
from osce_kb import search as kb_search
from osce_kb.choosing import CHOOSERS
from osce_kb.citation import CitationDownloadMixin
from osce_kb.counting import bounded_count
from osce_kb.filters import MAX_QUERY_LENGTH, DateInput, SourceFilter
from osce_kb.generic import FilteredListView
from osce_kb.matching import query_words
from osce_kb.middleware import DATABASE_UNAVAILABLE, database_unavailable
from osce_kb.models import DATE_BOUNDS_MESSAGE, Source, date_bounds_validators
from osce_kb.related import LIMIT, bounded, first, latest, list_url
from osce_kb.serializers import SourceSerializer
from people.models import Person, Post, Tenure
from timeline.models import Event

UNREADABLE_REQUEST = _(
    "This address cannot be read: it contains characters that no page of this site accepts. Check the address, "
    "or start again from the home page."
)
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# The office holders and the bodies the as-of page shows: every one on most days, never thousands.
AS_OF_ROWS = 100


def bad_request(request, exception):
    """The 400 page, for a request no page can answer (a NUL in the address, too many parameters); for the
    open-data API, the same said in JSON."""
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": str(UNREADABLE_REQUEST)}, status=400)
    return render(request, "400.html", status=400)


def server_error(request):
    """The 500 page, which needs nothing that could have failed; or the 503 page, when what failed was the
    database (e.g. while a middleware read the session)."""
    if isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE):
        return database_unavailable(request)
    return HttpResponseServerError(loader.get_template("500.html").render())


def home(request):
    # Today's structure, as on the structure page: a body closed decades ago is not shown as part of it. It reads
    # every body's parent, which is cheap: bodies number in the hundreds at most, whatever the events and people.
    standing = Organ.objects.published().standing_on(timezone.localdate())
    context = {
        "organs": standing.top_level().with_published_children(standing),
        # The latest events, the 2010 Chairmanship among them, read in the timeline's order.
        "kazakhstan_events": Event.objects.published().about_kazakhstan().most_recent(8),
        # Bounded counts, and PostgreSQL's estimate for the tables that grow into the millions.
        "counts": {
            "organs": bounded_count(Organ.objects.published()),
            "people": bounded_count(Person.objects.published(), estimate=True),
            "events": bounded_count(Event.objects.published(), estimate=True),
            "states": bounded_count(ParticipatingState.objects.participating()),
        },
    }
    return render(request, "osce_kb/home.html", context)


class SourceListView(FilteredListView):
    filterset_class = SourceFilter
    csv_serializer = SourceSerializer

    def get_base_queryset(self):
        return Source.objects.all()


class SourceDetailView(CitationDownloadMixin, DetailView):
    model = Source

    def get_context_data(self, **kwargs):
        source = self.object
        slug = source.slug
        tenures = source.tenures.select_related("person", "post").filter(person__is_published=True).in_order()
        return super().get_context_data(
            organs=first(source.organs.published().alphabetical(), list_url("organs:list", source=slug)),
            people=first(source.people.published().alphabetical(), list_url("people:list", source=slug)),
            events=latest(source.events.published().chronological(), list_url("timeline:list", source=slug)),
            tenures=first(tenures, list_url("people:list", tenure_source=slug)),
            states=first(source.states.alphabetical(), list_url("states:list", source=slug)),
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
    held = Tenure.objects.public().possibly_held_on(date).by_office()
    on_that_day = date.isoformat()
    holders = first(held, list_url("people:list", in_office_on=on_that_day), limit=AS_OF_ROWS)
    chairmanship = first(held.filter(post__organ__kind=Organ.Kind.CHAIRMANSHIP))
    # Which of the tenures shown were certainly held that day, asked of those rows only.
    shown = [tenure.pk for tenure in (*holders, *chairmanship)]
    certain = set(Tenure.objects.held_on(date).filter(pk__in=shown).values_list("pk", flat=True))
    for tenure in (*holders, *chairmanship):
        tenure.certain = tenure.pk in certain
    organs = Organ.objects.published()
    existing = organs.existed_on(date)
    year = {"year_from": date.year, "year_to": date.year}
    context = {
        "date": date,
        "form": AsOfForm(initial={"date": date}),
        "holders": holders,
        "chairmanship": chairmanship,
        "organs": first(
            existing.select_related("parent"), list_url("organs:list", existed_on=on_that_day), limit=AS_OF_ROWS
        ),
        "maybe_organs": first(
            organs.possibly_started_by(date).possibly_not_ended_before(date).exclude(pk__in=existing), limit=AS_OF_ROWS
        ),
        "events": bounded(
            Event.objects.published().first_in_year(date.year, LIMIT + 1), list_url("timeline:list", **year)
        ),
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
        "words": query_words(form.cleaned_data["q"]) if form.is_valid() else [],
    }
    return render(request, "osce_kb/search.html", context, status=200 if form.is_valid() else 400)


# Suggestions change only when an editor saves; a few minutes' staleness costs a reader nothing.
AUTOCOMPLETE_MAX_AGE = 300


def suggestions_answer(request, suggest):
    """The JSON answer of a suggestions endpoint: {"results": suggest(text)}. Text no field would accept (too
    long, a NUL) is answered 400 with the reason, never passed to the database."""
    text = request.GET.get("q", "")
    if len(text) > MAX_QUERY_LENGTH or "\x00" in text:
        response = JsonResponse({"error": str(AUTOCOMPLETE_REFUSED), "results": []}, status=400)
    else:
        response = JsonResponse({"results": suggest(text.strip())})
    patch_cache_control(response, public=True, max_age=AUTOCOMPLETE_MAX_AGE)
    return response


def autocomplete(request, kind):
    """Suggestions for a filter field that names a record (see `osce_kb.choosing`): at most ten, as JSON
    {"results": [{"value", "label"}]}, named in the request's language."""
    return suggestions_answer(request, CHOOSERS[kind].suggest)


AUTOCOMPLETE_REFUSED = _("The text is too long or holds a character no name has.")
SUGGESTIONS = 8


def search_suggest(request):
    """What the site's search box offers as the reader types: up to SUGGESTIONS names of records of any kind
    that begin like the words typed, in the request's language, answered as `autocomplete` answers."""
    return suggestions_answer(request, lambda text: kb_search.suggestions(text, SUGGESTIONS))


def manifest(request):
    """The web app manifest: the site's name and icons, in the language of the address."""
    icons = [
        {"src": static(f"osce_kb/icons/icon-{size}.png"), "sizes": f"{size}x{size}", "type": "image/png"}
        for size in (192, 512)
    ]
    data = {
        "name": str(_("OSCE and Kazakhstan")),
        "short_name": str(_("OSCE and Kazakhstan")),
        "lang": get_language(),
        "start_url": reverse("home"),
        "display": "browser",
        "background_color": "#ffffff",
        "theme_color": "#0b5394",
        "icons": [*icons, {"src": static("osce_kb/icons/favicon.svg"), "sizes": "any", "type": "image/svg+xml"}],
    }
    response = JsonResponse(data, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False})
    patch_cache_control(response, public=True, max_age=86400)
    return response


def favicon(request):
    """/favicon.ico, which browsers and feed readers ask for whatever the page says."""
    return redirect(static("osce_kb/icons/favicon.ico"), permanent=True)
