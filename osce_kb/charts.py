"""Pictures drawn on the server as SVG: the holders of an office through time, as Wikipedia's succession
timelines show them.

A date known only to its year or month is drawn as what it is, a period: a term that began "in 2004" fades in
across 2004, one that ended "in March 2011" fades out across March. A term still held runs to today and is
marked; one whose end is simply unknown fades out over a year, so that it claims no end date. Positions are
percentages of the chart's width, so that the chart fills any screen while its text keeps its size."""

import datetime
from dataclasses import dataclass

from osce_kb import partial_dates

ROW_HEIGHT = 34
AXIS_HEIGHT = 22
BAR_HEIGHT = 10
MIN_WIDTH = 0.4  # per cent: a term of a few days still shows
UNKNOWN_END_FADE = 365  # days over which a term without a known end fades out
MAX_TICKS = 7


@dataclass
class HolderBar:
    tenure: object
    left: float  # per cent of the chart's width
    width: float
    fade_in: float  # the share of the bar, at its start, that fades in
    fade_out: float  # and at its end, that fades out
    current: bool
    end_known: bool
    y: int

    @property
    def label_at_end(self):
        """Whether the name is written to the left of the bar's end (a bar in the right part of the chart)."""
        return self.left > 55

    @property
    def label_x(self):
        return round(self.left + self.width, 2) if self.label_at_end else self.left

    @property
    def stops(self):
        """(offset, opacity) of the bar's gradient, from its start to its end."""
        return [
            (0, 0 if self.fade_in else 1),
            (self.fade_in, 1),
            (round(1 - self.fade_out, 4), 1),
            (1, 0 if self.fade_out else 1),
        ]


@dataclass
class Tick:
    year: int
    x: float
    minor: bool = False  # every other label, left out on a phone so that the years do not run together


@dataclass
class HolderChart:
    bars: list
    ticks: list
    height: int
    today_x: float | None


def _span(tenure, today):
    """(first day, first day of certainty, last day of certainty, last day, current, end known) of a term."""
    start = partial_dates.first_day(tenure.start_date, tenure.start_precision)
    sure_from = partial_dates.last_day(tenure.start_date, tenure.start_precision)
    if tenure.end_date:
        sure_to = partial_dates.first_day(tenure.end_date, tenure.end_precision)
        end = partial_dates.last_day(tenure.end_date, tenure.end_precision)
        return start, sure_from, max(sure_from, sure_to), end, False, True
    if tenure.is_current:
        end = max(today, sure_from)
        return start, sure_from, end, end, True, True
    return start, sure_from, sure_from, sure_from + datetime.timedelta(days=UNKNOWN_END_FADE), False, False


def _ticks(first, last):
    years = last.year - first.year + 1
    step = next((s for s in (1, 2, 5, 10, 20, 50) if years / s <= MAX_TICKS), 100)
    start = first.year + (-first.year % step)
    return list(range(start, last.year + 1, step))


def officeholder_chart(tenures, today=None):
    """The chart of `tenures` (one office's, oldest first), or None when there is nothing to draw."""
    today = today or datetime.date.today()
    spans = [(tenure, _span(tenure, today)) for tenure in tenures if tenure.start_date]
    if not spans:
        return None
    first = min(span[0] for _tenure, span in spans)
    last = max(span[3] for _tenure, span in spans)
    first, last = datetime.date(first.year, 1, 1), datetime.date(last.year, 12, 31)
    days = (last - first).days + 1

    def x(day):
        return round(100 * (day - first).days / days, 2)

    bars = []
    for row, (tenure, (start, sure_from, sure_to, end, current, end_known)) in enumerate(spans):
        left, right = x(start), x(end + datetime.timedelta(days=1))
        width = max(right - left, MIN_WIDTH)
        length = (end - start).days + 1
        fade_in = round(((sure_from - start).days + 1) / length, 4) if tenure.start_precision != "day" else 0
        if not end_known:
            fade_out = round((end - sure_to).days / length, 4)
        elif tenure.end_date and tenure.end_precision != "day":
            fade_out = round(((end - sure_to).days + 1) / length, 4)
        else:
            fade_out = 0
        if fade_in + fade_out > 1:  # a term within one year, both ends known only to it
            fade_in = fade_out = 0.5
        bars.append(
            HolderBar(tenure, left, width, fade_in, fade_out, current, end_known, AXIS_HEIGHT + row * ROW_HEIGHT)
        )
    years = _ticks(first, last)
    ticks = [Tick(year, x(datetime.date(year, 1, 1)), len(years) > 4 and n % 2 == 1) for n, year in enumerate(years)]
    today_x = x(today) if any(bar.current for bar in bars) and first <= today <= last else None
    return HolderChart(bars, ticks, AXIS_HEIGHT + len(bars) * ROW_HEIGHT + 4, today_x)
