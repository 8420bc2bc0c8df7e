"""Counts that stay cheap whatever the size of a table.

A page never counts every row of a large table: it counts at most `LIMIT` + 1 rows, which the database stops
reading once it has them, and says "more than 1,000" beyond that. A list of a whole large table may instead say
"about 1,000,000 (estimate)", from the statistics PostgreSQL keeps of each table (see `bounded_count`).
"""

import math
from dataclasses import dataclass

from django.db import connections

LIMIT = 1000


@dataclass(frozen=True)
class Count:
    """How many rows there are: exactly `value`; when `exact` is false, more than `value`; or, when `estimated`,
    about `value`."""

    value: int
    exact: bool = True
    estimated: bool = False

    def __bool__(self):
        return self.value > 0


def rounded(number):
    """`number` to two significant digits, as an estimate should be given: 1,234,567 → 1,200,000."""
    if number < 100:
        return number
    step = 10 ** (int(math.log10(number)) - 1)
    return round(number / step) * step


def bounded_count(queryset, limit=LIMIT, *, estimate=False):
    """The number of rows of `queryset` if there are at most `limit`, else Count(limit, exact=False).

    With `estimate` (for a list of a whole table), beyond the limit PostgreSQL's estimate of the table's rows is
    given instead when it is larger, read in the same query: the count costs one query whatever the size."""
    bounded = queryset.order_by().values("pk")[: limit + 1]
    connection = connections[queryset.db]
    if estimate and connection.vendor == "postgresql":
        sql, params = bounded.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT COUNT(*), (SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass) "
                f"FROM ({sql}) AS bounded",
                (queryset.model._meta.db_table, *params),
            )
            found, estimated = cursor.fetchone()
        if found > limit and estimated > limit:
            return Count(rounded(estimated), exact=False, estimated=True)
    else:
        found = bounded.count()
    return Count(found) if found <= limit else Count(limit, exact=False)
