"""Partial dates: a date known to the day, the month or only the year, and spans of them.

A partial date is stored as the first day of its period plus a precision. This module holds the pure
logic — period arithmetic and rendering in Kazakh, Russian and English — so that it can be tested
without a database and used by models, querysets and template filters alike.
"""

import calendar
import datetime

DAY = "day"
MONTH = "month"
YEAR = "year"
PRECISIONS = (DAY, MONTH, YEAR)

# Every date the knowledge base stores or is asked about lies within these bounds: the OSCE's history and
# its prehistory fit with room to spare, and every computation on a date (the next day, the next year, the
# end of a period) stays far from the limits of Python's and the databases' calendars.
EARLIEST = datetime.date(1900, 1, 1)
LATEST = datetime.date(2100, 12, 31)

EN_DASH = "\u2013"

# Month names per language. Russian needs the genitive after a day number ("10 марта") and the
# nominative on its own ("март 2004 г."); Kazakh uses the same form in both places.
_MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "ru": [
        "январь",
        "февраль",
        "март",
        "апрель",
        "май",
        "июнь",
        "июль",
        "август",
        "сентябрь",
        "октябрь",
        "ноябрь",
        "декабрь",
    ],
    "ru_genitive": [
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ],
    "kk": [
        "қаңтар",
        "ақпан",
        "наурыз",
        "сәуір",
        "мамыр",
        "маусым",
        "шілде",
        "тамыз",
        "қыркүйек",
        "қазан",
        "қараша",
        "желтоқсан",
    ],
}

# How an open end reads: "in office" only when the record says so, otherwise the end is unknown.
_OPEN_END = {
    "present": {"en": "present", "ru": "по настоящее время", "kk": "қазірге дейін"},
    "unknown": {"en": "end unknown", "ru": "дата окончания неизвестна", "kk": "аяқталуы белгісіз"},
}

LANGUAGES = ("kk", "ru", "en")


class PartialDateError(ValueError):
    """A date and precision that do not describe a period (e.g. a year precision on 5 March)."""


def first_day(value, precision):
    """The first day of the period of `precision` that contains `value`."""
    if precision == DAY:
        return value
    if precision == MONTH:
        return value.replace(day=1)
    if precision == YEAR:
        return value.replace(month=1, day=1)
    raise PartialDateError(f"Unknown precision {precision!r}; expected one of {', '.join(PRECISIONS)}.")


def last_day(value, precision):
    """The last day of the period of `precision` that contains `value`."""
    if precision == DAY:
        return value
    if precision == MONTH:
        return value.replace(day=calendar.monthrange(value.year, value.month)[1])
    if precision == YEAR:
        return value.replace(month=12, day=31)
    raise PartialDateError(f"Unknown precision {precision!r}; expected one of {', '.join(PRECISIONS)}.")


def is_first_day(value, precision):
    return first_day(value, precision) == value


def parse(text):
    """Read "2004", "2004-03" or "2004-03-10" into (first day, precision)."""
    parts = text.strip().split("-")
    try:
        numbers = [int(part) for part in parts]
        if len(numbers) == 1:
            return datetime.date(numbers[0], 1, 1), YEAR
        if len(numbers) == 2:
            return datetime.date(numbers[0], numbers[1], 1), MONTH
        if len(numbers) == 3:
            return datetime.date(*numbers), DAY
    except ValueError:
        pass
    raise PartialDateError(f"{text!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD.")


def iso(value, precision):
    """The ISO 8601 form at the known precision, for <time datetime="…">: 2004, 2004-03, 2004-03-10."""
    if precision == YEAR:
        return f"{value.year:04d}"
    if precision == MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def _language(lang):
    code = (lang or "kk").split("-")[0].lower()
    return code if code in LANGUAGES else "en"


def format_date(value, precision, lang):
    """One partial date at exactly its precision: "10 March 2004", "март 2004 г.", "2004 ж."."""
    if value is None:
        return ""
    lang = _language(lang)
    if precision not in PRECISIONS:
        raise PartialDateError(f"Unknown precision {precision!r}; expected one of {', '.join(PRECISIONS)}.")
    year, month, day = value.year, value.month - 1, value.day
    if lang == "en":
        if precision == DAY:
            return f"{day} {_MONTHS['en'][month]} {year}"
        if precision == MONTH:
            return f"{_MONTHS['en'][month]} {year}"
        return f"{year}"
    if lang == "ru":
        if precision == DAY:
            return f"{day} {_MONTHS['ru_genitive'][month]} {year} г."
        if precision == MONTH:
            return f"{_MONTHS['ru'][month]} {year} г."
        return f"{year} г."
    if precision == DAY:
        return f"{year} жылғы {day} {_MONTHS['kk'][month]}"
    if precision == MONTH:
        return f"{year} жылғы {_MONTHS['kk'][month]}"
    return f"{year} ж."


def _same_period_range(start, start_precision, end, end_precision, lang):
    """Compact forms when both ends share a precision and the larger unit: 2–3 December 1998, 1994–1997."""
    if start_precision != end_precision:
        return None
    precision = start_precision
    if precision == YEAR:
        if lang == "en":
            return f"{start.year}{EN_DASH}{end.year}"
        if lang == "ru":
            return f"{start.year}{EN_DASH}{end.year} гг."
        return f"{start.year}{EN_DASH}{end.year} жж."
    if start.year != end.year:
        return None
    if precision == MONTH:
        if lang == "en":
            return f"{_MONTHS['en'][start.month - 1]}{EN_DASH}{_MONTHS['en'][end.month - 1]} {start.year}"
        if lang == "ru":
            return f"{_MONTHS['ru'][start.month - 1]}{EN_DASH}{_MONTHS['ru'][end.month - 1]} {start.year} г."
        return f"{start.year} жылғы {_MONTHS['kk'][start.month - 1]}{EN_DASH}{_MONTHS['kk'][end.month - 1]}"
    # Day precision in the same year.
    if start.month == end.month:
        if lang == "en":
            return f"{start.day}{EN_DASH}{end.day} {_MONTHS['en'][start.month - 1]} {start.year}"
        if lang == "ru":
            return f"{start.day}{EN_DASH}{end.day} {_MONTHS['ru_genitive'][start.month - 1]} {start.year} г."
        return f"{start.year} жылғы {start.day}{EN_DASH}{end.day} {_MONTHS['kk'][start.month - 1]}"
    if lang == "en":
        first = f"{start.day} {_MONTHS['en'][start.month - 1]}"
        return f"{first} {EN_DASH} {end.day} {_MONTHS['en'][end.month - 1]} {start.year}"
    if lang == "ru":
        first = f"{start.day} {_MONTHS['ru_genitive'][start.month - 1]}"
        return f"{first} {EN_DASH} {end.day} {_MONTHS['ru_genitive'][end.month - 1]} {start.year} г."
    first = f"{start.day} {_MONTHS['kk'][start.month - 1]}"
    return f"{start.year} жылғы {first} {EN_DASH} {end.day} {_MONTHS['kk'][end.month - 1]}"


def whole_period(start, start_precision, end, end_precision):
    """The precision (YEAR or MONTH) of the one calendar year or month that a span known to the day covers
    exactly, from its first day to its last; otherwise None. "1 January – 31 December 2010" is the year 2010."""
    if start_precision != DAY or end_precision != DAY or end is None:
        return None
    for precision in (YEAR, MONTH):
        if start == first_day(start, precision) and end == last_day(start, precision):
            return precision
    return None


def format_span(start, start_precision, end, end_precision, lang, open_end=None):
    """A span rendered as a range at each end's precision.

    `open_end` says what a missing end means: None (a single date, e.g. a one-day event),
    "present" (the record says it is current) or "unknown" (the end is simply not known).
    """
    lang = _language(lang)
    if start is None:
        return ""
    if end is None:
        text = format_date(start, start_precision, lang)
        if open_end is None:
            return text
        if open_end not in _OPEN_END:
            raise ValueError(f"open_end must be None, 'present' or 'unknown'; got {open_end!r}.")
        return f"{text} {EN_DASH} {_OPEN_END[open_end][lang]}"
    if (start, start_precision) == (end, end_precision):
        return format_date(start, start_precision, lang)
    # A whole year or month reads as that year or month, so a one-year term is written one way.
    whole = whole_period(start, start_precision, end, end_precision)
    if whole:
        return format_date(start, whole, lang)
    compact = _same_period_range(start, start_precision, end, end_precision, lang)
    if compact:
        return compact
    return f"{format_date(start, start_precision, lang)} {EN_DASH} {format_date(end, end_precision, lang)}"
