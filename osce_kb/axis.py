"""Geometry of the timeline's visual axis: how many events of each kind begin in each year.

The axis is drawn from counts, one per year and kind (see `EventQuerySet.per_year_and_kind`), never from the
events themselves, so that it has at most one bar per year per kind whatever the number of events. An event
counts in the year it begins, which every event knows, even one dated only to the year: the picture never claims
more precision than the records have.
"""

import math
from dataclasses import dataclass

from osce_kb import partial_dates

WIDTH = 1000
LEFT = 12
RIGHT = 12
BAND_HEIGHT = 34
TOP = 28
BAR_HEIGHT = 22
MIN_BAR_HEIGHT = 3
GAP = 0.5
# Beyond this many years a bar counts several years, so that the picture stays small (each bar is a link with a
# title) however long the history: 1900–2100 in bars of four years, 51 per band.
MAX_BARS = 60


@dataclass
class Bar:
    year: int
    last_year: int
    count: int
    x: float
    y: float
    width: float
    height: float


@dataclass
class Band:
    kind: str
    label: str
    y: float
    bars: list


@dataclass
class Tick:
    year: int
    x: float


@dataclass
class Axis:
    width: int
    height: int
    bands: list
    ticks: list
    first_year: int
    last_year: int
    span: int = 1


def build_axis(counts, kinds):
    """Lay out `counts` ([(kind, year, number of events), ...]) in one band per kind that occurs, in the order of
    `kinds` ([(value, label), ...]), a bar per year whose height shows its number against the busiest year's."""
    counts = [
        (kind, year, number)
        for kind, year, number in counts
        if number and partial_dates.EARLIEST.year <= year <= partial_dates.LATEST.year
    ]
    if not counts:
        return None
    first_year = min(year for _kind, year, _number in counts)
    last_year = max(year for _kind, year, _number in counts)
    years = last_year - first_year + 1
    scale = (WIDTH - LEFT - RIGHT) / years
    span = math.ceil(years / MAX_BARS)
    by_kind = {}
    for kind, year, number in counts:
        first_of_bar = first_year + (year - first_year) // span * span
        by_kind.setdefault(kind, {})[first_of_bar] = by_kind.get(kind, {}).get(first_of_bar, 0) + number

    busiest = max(number for bars in by_kind.values() for number in bars.values())
    bands = []
    for kind, label in kinds:
        if kind not in by_kind:
            continue
        y = TOP + len(bands) * BAND_HEIGHT
        bars = []
        for year, number in sorted(by_kind[kind].items()):
            height = max(BAR_HEIGHT * number / busiest, MIN_BAR_HEIGHT)
            x = LEFT + (year - first_year) * scale
            bottom = y + (BAND_HEIGHT + BAR_HEIGHT) / 2
            bars.append(
                Bar(
                    year,
                    min(year + span - 1, last_year),
                    number,
                    round(x + GAP, 1),
                    round(bottom - height, 1),
                    round(min(span, last_year - year + 1) * scale - 2 * GAP, 1),
                    round(height, 1),
                )
            )
        bands.append(Band(kind, label, y, bars))
    step = next((s for s in (1, 2, 5, 10, 20, 50) if years / s <= 12), math.ceil(years / 12))
    ticks = [
        Tick(year, round(LEFT + (year - first_year) * scale, 1))
        for year in range(first_year, last_year + 2)
        if year % step == 0 or year == first_year
    ]
    return Axis(WIDTH, TOP + len(bands) * BAND_HEIGHT + 8, bands, ticks, first_year, last_year, span)
