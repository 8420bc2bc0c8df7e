import csv
import datetime
import re
import sys

from django import forms
from django.contrib.auth import get_permission_codename
from django.db.models import Prefetch
from django.http import HttpResponseServerError, JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.utils import formats, timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView
from django_filters.constants import EMPTY_VALUES

from organs.models import Organ, ParticipatingState
from osce_kb import partial_dates
from osce_kb import search as kb_search
from osce_kb.choosing import CHOOSERS
from osce_kb.citation import CitationDownloadMixin
from osce_kb.counting import bounded_count
from osce_kb.filters import MAX_QUERY_LENGTH, DateInput, SourceFilter
from osce_kb.middleware import DATABASE_UNAVAILABLE, database_unavailable
from osce_kb.models import DATE_BOUNDS_MESSAGE, Source, date_bounds_validators
from osce_kb.paging import BadCursor, NoSuchPage, Pager
from osce_kb.related import LIMIT, bounded, first, latest, list_url
from osce_kb.rest import csv_rows
from osce_kb.serializers import SourceSerializer
from people.models import Person, Post, Tenure
from timeline.models import Event

UNREADABLE_REQUEST = _(
    "This address cannot be read: it contains characters that no page of this site accepts. Check the address, "
    "or start again from the home page."
)
# Rows read at a time for ?format=csv; and the most one answer gives, so that a download, like a page, costs
# the same whatever the size of the database (the whole of it is `manage.py export_kb`'s, or the API's).
CSV_CHUNK = 200
CSV_MAX_ROWS = 10_000
CSV_TOO_MANY = _(
    "This list has more than %(limit)s rows, more than one download gives. Narrow it with the filters, or read "
    "the whole knowledge base from its open data (the API at /api/v1/)."
)
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# The office holders and the bodies the as-of page shows: every one on most days, never thousands.
AS_OF_ROWS = 100


class _Line:
    """What csv.writer writes to, handing back each line instead of keeping it."""

    def write(self, line):
        return line


def csv_lines(rows):
    writer = csv.writer(_Line())
    for row in rows:
        yield writer.writerow(row)


class FilteredListView(ListView):
    """A list narrowed by a FilterSet from the query string.

    A bad filter value never reaches the database: the page is answered with HTTP 400, the form's errors,
    and the unfiltered list, labelled as such so that it cannot be mistaken for a match.

    The list is paged without counting it (see `osce_kb.paging`) and its size is given as a bounded count, or,
    for the whole of a large table, as PostgreSQL's estimate (see `osce_kb.counting`).
    """

    filterset_class = None
    # The API's serializer of these records: ?format=csv gives every matching row in its fields.
    csv_serializer = None
    paginate_by = 50
    # Lists of tables that grow into the millions say "about N (estimate)" when shown unfiltered.
    estimate_whole_table = False

    def get(self, request, *args, **kwargs):
        if request.GET.get("format") == "csv" and self.csv_serializer is not None:
            response = self.csv(request)
            if response is not None:
                return response
        try:
            return super().get(request, *args, **kwargs)
        except NoSuchPage as error:
            return render(request, "404.html", {"message": error.message}, status=404)
        except BadCursor as error:
            return render(request, "400.html", {"message": error.message}, status=400)

    def csv(self, request):
        """Every row the list matches, in its order, as CSV in the API's fields, streamed; a list of more than
        CSV_MAX_ROWS rows is refused with 400. None for a bad filter: the list's own 400 page then says why."""
        rows = self.get_queryset()
        if self.filter_failed:
            return None
        if not bounded_count(rows, CSV_MAX_ROWS).exact:
            message = CSV_TOO_MANY % {"limit": formats.number_format(CSV_MAX_ROWS, force_grouping=True)}
            return render(request, "400.html", {"message": message}, status=400)
        serializer = self.csv_serializer
        rows = rows.prefetch_related(*serializer.related).iterator(chunk_size=CSV_CHUNK)
        context = {"request": request}
        records = (serializer(row, context=context).data for row in rows)
        lines = csv_lines(csv_rows(list(serializer(context=context).fields), records))
        response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
        name = self.filterset_class._meta.model._meta.model_name
        response["Content-Disposition"] = f'attachment; filename="{name}-list.csv"'
        return response

    def paginate_queryset(self, queryset, page_size):
        page = Pager(queryset, page_size).page(self.request.GET)
        return None, page, page.object_list, page.has_other_pages()

    def active_filters(self):
        """{name: value} of the filters that narrow the list shown (none when the filter failed)."""
        if self.filter_failed or not self.filterset.is_bound:
            return {}
        data = self.filterset.form.cleaned_data
        return {name: value for name, value in data.items() if name != "sort" and value not in EMPTY_VALUES}

    def is_unfiltered(self):
        return not self.active_filters()

    def get_base_queryset(self):
        """The rows before filtering; views narrow it to what readers may see."""
        return self.filterset_class._meta.model._default_manager.all()

    def get_queryset(self):
        base = self.get_base_queryset()
        self.filterset = self.filterset_class(self.request.GET or None, queryset=base, request=self.request)
        self.filter_failed = self.filterset.is_bound and not self.filterset.is_valid()
        return base if self.filter_failed else self.filterset.qs

    def get_context_data(self, **kwargs):
        # A hidden filter comes from a record's page ("all on the timeline"); the reader is told the list is narrowed.
        narrowed = not self.filter_failed and any(field.value() for field in self.filterset.form.hidden_fields())
        result_count = bounded_count(self.object_list, estimate=self.estimate_whole_table and self.is_unfiltered())
        return super().get_context_data(
            filter=self.filterset,
            filter_failed=self.filter_failed,
            narrowed_by_link=narrowed,
            result_count=result_count,
            **kwargs,
        )

    def render_to_response(self, context, **response_kwargs):
        if self.filter_failed:
            response_kwargs["status"] = 400
        return super().render_to_response(context, **response_kwargs)


class PublishedDetailView(CitationDownloadMixin, DetailView):
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
    }
    return render(request, "osce_kb/search.html", context, status=200 if form.is_valid() else 400)


# Suggestions change only when an editor saves; a few minutes' staleness costs a reader nothing.
AUTOCOMPLETE_MAX_AGE = 300


def autocomplete(request, kind):
    """Suggestions for a filter field that names a record (see `osce_kb.choosing`): at most ten, as JSON
    {"results": [{"value", "label"}]}, named in the request's language. Text no field would accept (too long,
    a NUL) is answered 400 with the reason, never passed to the database."""
    text = request.GET.get("q", "")
    if len(text) > MAX_QUERY_LENGTH or "\x00" in text:
        response = JsonResponse({"error": str(AUTOCOMPLETE_REFUSED), "results": []}, status=400)
    else:
        response = JsonResponse({"results": CHOOSERS[kind].suggest(text.strip())})
    patch_cache_control(response, public=True, max_age=AUTOCOMPLETE_MAX_AGE)
    return response


AUTOCOMPLETE_REFUSED = _("The text is too long or holds a character no name has.")
