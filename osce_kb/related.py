"""A detail page's related records, bounded: the first (or latest) few rows and whether there are more.

A record may be linked to thousands of events or people; its page shows at most `LIMIT` of each and, when
there are more, a link to the whole list filtered to the record. One query per list, `LIMIT + 1` rows: the
extra row only says that the list goes on, so no page counts a large table.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse

LIMIT = 20


@dataclass(frozen=True)
class Related:
    """The rows a page shows, whether the database holds more, and where the whole list is."""

    rows: list
    more: bool
    url: str = ""
    latest: bool = False
    limit: int = LIMIT

    def __iter__(self):
        return iter(self.rows)

    def __len__(self):
        return len(self.rows)

    def __bool__(self):
        return bool(self.rows)


def bounded(rows, url="", limit=LIMIT, latest=False):
    """`Related` from up to `limit` + 1 rows already fetched; `latest` rows come newest first and are shown
    oldest first."""
    rows = list(rows)
    shown = rows[:limit]
    return Related(shown[::-1] if latest else shown, len(rows) > limit, url, latest=latest, limit=limit)


def first(queryset, url="", limit=LIMIT):
    """The first `limit` rows of `queryset` in its own order."""
    return bounded(queryset[: limit + 1], url, limit)


def latest(queryset, url="", limit=LIMIT):
    """The last `limit` rows of an ordered `queryset` (the latest events), shown in its order, oldest first."""
    return bounded(queryset.reverse()[: limit + 1], url, limit, latest=True)


def list_url(name, **filters):
    """The address of the list `name` (e.g. "timeline:list") filtered by `filters`."""
    return f"{reverse(name)}?{urlencode(filters)}"
