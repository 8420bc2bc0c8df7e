"""Pages of a list that cost the same at any depth, and need no count of the rows.

A page is read with one query of `per_page` + 1 rows (the extra row says whether there is a next page). The
first pages may be asked for by number (`?page=3`, which the links of the past used), read with a small OFFSET;
deeper pages are reached by a cursor (`?cursor=…`): the sort values of the row a page starts after or ends
before, so that the database seeks to it through the index that serves the list's order instead of skipping
every row before it. A cursor is signed, so a reader cannot hand the database values of their own, and it names
the order it belongs to: a cursor from another sort order, or no cursor at all, is refused with a message.
"""

import datetime
from dataclasses import dataclass

from django.core import signing
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

PAGE_PARAM = "page"
CURSOR_PARAM = "cursor"
# Pages up to this number are read by OFFSET, whose cost is bounded by it; beyond, only cursors go.
MAX_PAGE_NUMBER = 10
# A list in an order no cursor can follow (by a column that may be empty) is a small one, but still not read
# past this page, however large the number asked for.
MAX_PAGE_NUMBER_WITHOUT_CURSORS = 1000
SALT = "osce_kb.paging"
AFTER, BEFORE, LAST = "after", "before", "last"


class BadCursor(Exception):
    """A cursor that this list did not give out: garbled, forged, or from another sort order."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


class NoSuchPage(BadCursor):
    """A page number that is not one, beyond the list, or deeper than numbers go."""


BAD_CURSOR = _("This page link is broken or out of date. Start again from the first page of the list.")
NO_SUCH_PAGE = _("This list has no such page.")
TOO_DEEP = _("Pages this deep have no number: go to them with the Next and Last links.")
OTHER_SORT = _("This page link belongs to another sort order of the list. Start again from the first page.")


@dataclass
class Page:
    object_list: list
    has_previous: bool
    has_next: bool
    previous_cursor: str = ""
    next_cursor: str = ""
    last_cursor: str = ""
    # Set when the page was asked for by its number (or is the first): deep pages have none.
    number: int | None = None

    def has_other_pages(self):
        return self.has_previous or self.has_next


def ordering_of(queryset):
    """The fields `queryset` is ordered by, each "-name" when descending, ending with the primary key so that no
    two rows tie; None when the order is not by plain fields (no cursor can name a position in it)."""
    query = queryset.query
    fields = list(query.order_by or (query.default_ordering and queryset.model._meta.ordering) or [])
    if not all(isinstance(field, str) and field.lstrip("-") and "__" not in field for field in fields):
        return None
    if not query.standard_ordering:
        fields = [field[1:] if field.startswith("-") else f"-{field}" for field in fields]
    names = {field.lstrip("-") for field in fields}
    if not names & {"pk", "id"}:
        descending = bool(fields) and fields[-1].startswith("-")
        fields.append("-pk" if descending else "pk")
    # A cursor names a position by the values of the sort columns; a column that may be NULL has no such value.
    concrete = {field.attname for field in queryset.model._meta.concrete_fields if not field.null} | {"pk"}
    if not {field.lstrip("-") for field in fields} <= concrete:
        return None
    return fields


def _reversed(fields):
    return [field[1:] if field.startswith("-") else f"-{field}" for field in fields]


def _beyond(fields, values):
    """Q for the rows that come after `values` in the order `fields`: the first field at least as far (a range
    the index seeks to directly), and then strictly beyond on the first field that differs."""
    condition = Q()
    equal = {}
    for field, value in zip(fields, values, strict=True):
        name = field.lstrip("-")
        lookup = "lt" if field.startswith("-") else "gt"
        condition |= Q(**equal, **{f"{name}__{lookup}": value})
        equal[name] = value
    first = fields[0]
    reach = {f"{first.lstrip('-')}__{'lte' if first.startswith('-') else 'gte'}": values[0]}
    return Q(**reach) & condition


def _ordered(queryset, fields):
    """`queryset` ordered by `fields` exactly, even if it was reversed before."""
    queryset = queryset.order_by(*fields)
    return queryset if queryset.query.standard_ordering else queryset.reverse()


def _values(row, fields):
    values = [row.pk if field.lstrip("-") == "pk" else getattr(row, field.lstrip("-")) for field in fields]
    # A cursor is JSON: a date goes in as its ISO form, which the database compares with the column as a date.
    return [value.isoformat() if isinstance(value, datetime.date) else value for value in values]


class Pager:
    """Pages of `queryset` in its own order, `per_page` rows each."""

    def __init__(self, queryset, per_page):
        self.queryset = queryset
        self.per_page = per_page
        self.fields = ordering_of(queryset)
        self.sort = ",".join(self.fields or [])
        if self.fields:
            self.queryset = _ordered(queryset, self.fields)

    @property
    def keyset(self):
        return self.fields is not None

    def cursor(self, direction, values=()):
        return signing.dumps([self.sort, direction, list(values)], salt=SALT, compress=True)

    def read_cursor(self, text):
        if not self.keyset:
            raise BadCursor(BAD_CURSOR)
        try:
            sort, direction, values = signing.loads(text, salt=SALT)
        except (signing.BadSignature, ValueError, TypeError):
            raise BadCursor(BAD_CURSOR) from None
        if sort != self.sort:
            raise BadCursor(OTHER_SORT)
        wanted = 0 if direction == LAST else len(self.fields)
        if direction not in (AFTER, BEFORE, LAST) or not isinstance(values, list) or len(values) != wanted:
            raise BadCursor(BAD_CURSOR)
        if not all(isinstance(value, (int, str)) and not isinstance(value, bool) for value in values):
            raise BadCursor(BAD_CURSOR)
        return direction, values

    def page(self, params):
        """The page that the query string `params` asks for."""
        cursor = params.get(CURSOR_PARAM)
        if cursor:
            direction, values = self.read_cursor(cursor)
            return self._page_at(direction, values)
        number = params.get(PAGE_PARAM) or "1"
        try:
            number = int(number)
        except ValueError:
            raise NoSuchPage(NO_SUCH_PAGE) from None
        if number < 1 or number > (MAX_PAGE_NUMBER if self.keyset else MAX_PAGE_NUMBER_WITHOUT_CURSORS):
            raise NoSuchPage(TOO_DEEP if number > 1 and self.keyset else NO_SUCH_PAGE)
        return self._numbered(number)

    def _numbered(self, number):
        offset = (number - 1) * self.per_page
        rows = list(self.queryset[offset : offset + self.per_page + 1])
        if not rows and number > 1:
            raise NoSuchPage(NO_SUCH_PAGE)
        has_next = len(rows) > self.per_page
        return self._finish(rows[: self.per_page], has_previous=number > 1, has_next=has_next, number=number)

    def _page_at(self, direction, values):
        if direction == AFTER:
            rows = list(self.queryset.filter(_beyond(self.fields, values))[: self.per_page + 1])
            return self._finish(rows[: self.per_page], has_previous=True, has_next=len(rows) > self.per_page)
        backwards = _ordered(self.queryset, _reversed(self.fields))
        if direction == BEFORE:
            backwards = backwards.filter(_beyond(_reversed(self.fields), values))
        rows = list(backwards[: self.per_page + 1])
        if direction == BEFORE and not rows:
            # Every row before the cursor has gone since the link was made.
            return self._numbered(1)
        return self._finish(
            rows[: self.per_page][::-1], has_previous=len(rows) > self.per_page, has_next=direction == BEFORE
        )

    def _finish(self, rows, *, has_previous, has_next, number=None):
        page = Page(rows, has_previous, has_next, number=number)
        if self.keyset and rows:
            if has_previous:
                page.previous_cursor = self.cursor(BEFORE, _values(rows[0], self.fields))
            if has_next:
                page.next_cursor = self.cursor(AFTER, _values(rows[-1], self.fields))
                page.last_cursor = self.cursor(LAST)
        return page
