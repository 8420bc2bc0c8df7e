"""The base classes of the public pages that the apps' views build on: a list narrowed by its FilterSet (also as
CSV), and the detail page of a published record. The apps import this module, never osce_kb.views, which imports
the apps."""

import csv

from django.contrib.auth import get_permission_codename
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView
from django_filters.constants import EMPTY_VALUES

from osce_kb.citation import CitationDownloadMixin
from osce_kb.counting import bounded_count
from osce_kb.paging import BadCursor, NoSuchPage, Pager
from osce_kb.rest import csv_rows

# Rows read at a time for ?format=csv; and the most one answer gives, so that a download, like a page, costs
# the same whatever the size of the database (the whole of it is `manage.py export_kb`'s, or the API's).
CSV_CHUNK = 200
CSV_MAX_ROWS = 10_000
CSV_TOO_MANY = _(
    "This list has more than %(limit)s rows, more than one download gives. Narrow it with the filters, or read "
    "the whole knowledge base from its open data (the API at /api/v1/)."
)


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
            active_filter_count=len(self.active_filters()),
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
