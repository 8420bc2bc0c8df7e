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


# ---- The structure as an organisation chart ----

BOX_PADDING = 8
LINE_HEIGHT = 17
CHAR_WIDTH = 7.6  # the average advance of Noto Sans at 14 units, Latin and Cyrillic alike
MAX_LINES = 4
GAP = 12
PANEL_HEADER = 30


@dataclass
class Box:
    organ: object
    x: float
    y: float
    width: float
    height: float
    lines: list
    panel: bool = False  # a body drawn as a frame around its own sub-bodies

    @property
    def text_x(self):
        return round(self.x + self.width / 2, 1)

    @property
    def line_ys(self):
        # A box's text is centred in it (its row is as tall as its longest name); a frame's heads it.
        space = BOX_PADDING if self.panel else (self.height - len(self.lines) * LINE_HEIGHT) / 2
        first = self.y + space + 12
        return [round(first + n * LINE_HEIGHT, 1) for n in range(len(self.lines))]


@dataclass
class Diagram:
    width: int
    height: float
    boxes: list
    links: list  # (x1, y1, x2, y2) connector lines


def wrap(text, width):
    """`text` in lines that fit `width` units, at most MAX_LINES, the last cut with "…" if it must be."""
    per_line = max(int((width - 2 * BOX_PADDING) / CHAR_WIDTH), 8)
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if len(candidate) <= per_line or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    lines.append(line)
    if len(lines) > MAX_LINES:
        lines = lines[:MAX_LINES]
        lines[-1] = lines[-1][: per_line - 1].rstrip() + "…"
    return [line if len(line) <= per_line else line[: per_line - 1] + "…" for line in lines]


def _box_height(lines):
    return 2 * BOX_PADDING + len(lines) * LINE_HEIGHT


def _grid(nodes, name, x, y, width, columns):
    """Boxes for `nodes` in rows of `columns` within [x, x + width], from `y`; returns (boxes, links, bottom)."""
    boxes, links = [], []
    column_width = (width - (columns - 1) * GAP) / columns
    for start in range(0, len(nodes), columns):
        row = nodes[start : start + columns]
        texts = [wrap(name(organ), column_width) for organ, _children in row]
        height = max(_box_height(lines) for lines in texts)
        bus = y - GAP / 2
        centres = []
        for n, ((organ, _children), lines) in enumerate(zip(row, texts, strict=True)):
            left = x + n * (column_width + GAP)
            boxes.append(Box(organ, round(left, 1), round(y, 1), round(column_width, 1), height, lines))
            centres.append(left + column_width / 2)
            links.append((round(centres[-1], 1), round(bus, 1), round(centres[-1], 1), round(y, 1)))
        links.append((round(min(centres), 1), round(bus, 1), round(max(centres), 1), round(bus, 1)))
        y += height + GAP
    return boxes, links, y


def structure_diagram(forest, name, width=1000, columns=4):
    """An organisation chart of `forest` ([(organ, children)], as OrganQuerySet.tree() gives it): each root
    on top; beneath it its bodies without sub-bodies in rows of `columns`, then each body with sub-bodies as a
    frame holding them. `name(organ)` is the text of a box."""
    boxes, links, y = [], [], 0.0
    for root, children in forest:
        lines = wrap(name(root), width / 2)
        top = Box(root, round(width / 4, 1), y, width / 2, _box_height(lines), lines)
        boxes.append(top)
        y += top.height + 2 * GAP
        trunk_top = top.y + top.height
        leaves = [node for node in children if not node[1]]
        frames = [node for node in children if node[1]]
        if leaves:
            more, joins, y = _grid(leaves, name, 0, y, width, columns)
            boxes += more
            links += joins
        for organ, grandchildren in frames:
            lines = wrap(name(organ), width - 2 * GAP)
            header = PANEL_HEADER + (len(lines) - 1) * LINE_HEIGHT
            inner, joins, bottom = _grid(grandchildren, name, GAP, y + header + GAP, width - 2 * GAP, columns)
            frame = Box(organ, 0, round(y, 1), width, round(bottom - y, 1), lines, panel=True)
            links.append((width / 2, round(y - GAP, 1), width / 2, round(y, 1)))
            boxes += [frame, *inner]
            links += joins
            y = bottom + GAP
        # The trunk: from the root down to the last row it leads to.
        last_row_top = max((box.y for box in boxes if box.organ is not root and not box.panel), default=trunk_top)
        links.insert(0, (width / 2, round(trunk_top, 1), width / 2, round(min(last_row_top, y), 1)))
        y += GAP
    return Diagram(width, round(y, 1), boxes, links) if boxes else None


# ---- The map of the participating States ----


@dataclass
class MapState:
    state: object
    d: str
    marker: list | None
    era: int | None  # index into the map's eras, None if the date joined is not recorded
    chaired: bool


@dataclass
class Era:
    first: int
    last: int
    count: int


@dataclass
class StatesMap:
    size: int
    land: str
    states: list
    eras: list  # an Era, or None, for each of ERA_STARTS
    chaired: int
    not_drawn: list  # participating States the map has no shape for (those that no longer exist)


# Where the shading changes: the States of the Helsinki Final Act; those that joined as the Cold War ended and
# the Soviet Union and Yugoslavia dissolved; and those that joined since.
ERA_STARTS = (1973, 1990, 1993)


def states_map(states, chaired_codes, shapes):
    """The map of `states` (every participating State, past and present), shaded by the year each joined, the
    Chairmanship States (`chaired_codes`) marked; `shapes` is osce_kb.mapping.load()."""
    drawn, not_drawn, years = [], [], {}
    for state in states:
        shape = shapes["states"].get(state.code)
        if shape is None or state.left_date:
            not_drawn.append(state)
            continue
        era = None
        if state.joined_date:
            era = sum(1 for start in ERA_STARTS if state.joined_date.year >= start) - 1
            years.setdefault(max(era, 0), []).append(state.joined_date.year)
        drawn.append(
            MapState(
                state,
                shape["d"],
                shape.get("marker"),
                max(era, 0) if era is not None else None,
                state.code in chaired_codes,
            )
        )
    eras = [Era(min(years[n]), max(years[n]), len(years[n])) if n in years else None for n in range(len(ERA_STARTS))]
    others = set(shapes["states"]) - {entry.state.code for entry in drawn}
    land = shapes["land"] + "".join(shapes["states"][code]["d"] for code in sorted(others))
    chaired = sum(1 for entry in drawn if entry.chaired)
    return StatesMap(shapes["size"], land, drawn, eras, chaired, not_drawn)
