"""Geometry of the timeline's visual axis: where each event sits, drawn across its whole known period.

A year-only date is drawn over the whole year and a month-only date over the whole month, so that the
picture never claims more precision than the record has.
"""

import datetime
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


def _fraction_of_years(day, first_year):
    """Years since 1 January of `first_year`, with the day as a fraction of its year."""
    start = datetime.date(day.year, 1, 1)
    length = (datetime.date(day.year + 1, 1, 1) - start).days
    return day.year - first_year + (day - start).days / length


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

    def x_of(day):
        return LEFT + _fraction_of_years(day, first_year) * scale

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
            width = max(x_of(end + datetime.timedelta(days=1)) - x, MIN_MARK_WIDTH)
            marks.append(Mark(event, round(x, 1), y + (BAND_HEIGHT - MARK_HEIGHT) / 2, round(width, 1), MARK_HEIGHT))
        bands.append(Band(kind, label, y, marks))
    step = next(s for s in (1, 2, 5, 10, 20, 50) if years / s <= 12)
    ticks = [
        Tick(year, round(x_of(datetime.date(year, 1, 1)), 1))
        for year in range(first_year, last_year + 2)
        if year % step == 0 or year == first_year
    ]
    return Axis(WIDTH, TOP + len(bands) * BAND_HEIGHT + 8, bands, ticks, first_year, last_year)
