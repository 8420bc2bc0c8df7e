"""Counts that stay cheap whatever the size of a table.

A page never counts every row of a large table: it counts at most `LIMIT` + 1 rows, which the database stops
reading once it has them, and says "more than 1,000" beyond that. Lists that need a figure for the whole table
say it is an estimate (see `Count.exact`).
"""

from dataclasses import dataclass

LIMIT = 1000


@dataclass(frozen=True)
class Count:
    """How many rows there are: exactly `value`, or, when `exact` is false, more than `value`."""

    value: int
    exact: bool = True

    def __bool__(self):
        return self.value > 0


def bounded_count(queryset, limit=LIMIT):
    """The number of rows of `queryset` if there are at most `limit`, else Count(limit, exact=False)."""
    found = queryset.order_by()[: limit + 1].count()
    return Count(found) if found <= limit else Count(limit, exact=False)
