"""Geometry of the timeline's visual axis: where each event sits, drawn across its whole known period.

A year-only date is drawn over the whole year and a month-only date over the whole month, so that the
picture never claims more precision than the record has.
"""

import calendar
import math
from dataclasses import dataclass

from osce_kb import partial_dates

WIDTH = 1000
LEFT = 12
RIGHT = 12
BAND_HEIGHT = 34
TOP = 28
MARK_HEIGHT = 16
MIN_MARK_WIDTH = 3


@dataclass
class Mark:
    event: object
    x: float
    y: float
    width: float
    height: float


@dataclass
class Band:
    kind: str
    label: str
    y: float
    marks: list


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


def _days_in_year(year):
    return 366 if calendar.isleap(year) else 365


def _fraction_of_years(day, first_year, *, end_of_day=False):
    """Years since 1 January of `first_year`, with the day as a fraction of its year: where the day begins,
    or with `end_of_day` where it ends. Counted within the day's own year, so that no date is built past the
    last day a calendar can hold."""
    days_before = day.timetuple().tm_yday - (0 if end_of_day else 1)
    return day.year - first_year + days_before / _days_in_year(day.year)


def build_axis(events, kinds):
    """Lay out `events` in one band per kind that occurs, in the order of `kinds` ([(value, label), ...])."""
    events = list(events)
    if not events:
        return None
    first_year = min(event.start_date.year for event in events)
    last_year = max(
        partial_dates.last_day(event.end_date or event.start_date, event.end_precision or event.start_precision).year
        for event in events
    )
    years = last_year - first_year + 1
    scale = (WIDTH - LEFT - RIGHT) / years

    def x_of(day, *, end_of_day=False):
        return LEFT + _fraction_of_years(day, first_year, end_of_day=end_of_day) * scale

    present = {event.kind for event in events}
    bands = []
    for kind, label in kinds:
        if kind not in present:
            continue
        y = TOP + len(bands) * BAND_HEIGHT
        marks = []
        for event in events:
            if event.kind != kind:
                continue
            start = event.start_date
            end = partial_dates.last_day(event.end_date or start, event.end_precision or event.start_precision)
            x = x_of(start)
            width = max(x_of(end, end_of_day=True) - x, MIN_MARK_WIDTH)
            marks.append(Mark(event, round(x, 1), y + (BAND_HEIGHT - MARK_HEIGHT) / 2, round(width, 1), MARK_HEIGHT))
        bands.append(Band(kind, label, y, marks))
    step = next((s for s in (1, 2, 5, 10, 20, 50) if years / s <= 12), math.ceil(years / 12))
    ticks = [
        Tick(year, round(LEFT + (year - first_year) * scale, 1))
        for year in range(first_year, last_year + 2)
        if year % step == 0 or year == first_year
    ]
    return Axis(WIDTH, TOP + len(bands) * BAND_HEIGHT + 8, bands, ticks, first_year, last_year)
