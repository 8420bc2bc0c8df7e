import datetime

import pytest

from osce_kb import partial_dates
from osce_kb.partial_dates import format_date, format_span

D = datetime.date


@pytest.mark.parametrize(
    ("lang", "precision", "expected"),
    [
        ("en", "day", "10 March 2004"),
        ("en", "month", "March 2004"),
        ("en", "year", "2004"),
        ("ru", "day", "10 марта 2004 г."),
        ("ru", "month", "март 2004 г."),
        ("ru", "year", "2004 г."),
        ("kk", "day", "2004 жылғы 10 наурыз"),
        ("kk", "month", "2004 жылғы наурыз"),
        ("kk", "year", "2004 ж."),
    ],
)
def test_a_date_renders_at_exactly_its_precision(lang, precision, expected):
    value = partial_dates.first_day(D(2004, 3, 10), precision)
    assert format_date(value, precision, lang) == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en", "2–3 December 1998"), ("ru", "2–3 декабря 1998 г."), ("kk", "1998 жылғы 2–3 желтоқсан")],
)
def test_a_two_day_span_in_one_month_shares_month_and_year(lang, expected):
    assert format_span(D(1998, 12, 2), "day", D(1998, 12, 3), "day", lang) == expected


@pytest.mark.parametrize(("lang", "expected"), [("en", "1994–1997"), ("ru", "1994–1997 гг."), ("kk", "1994–1997 жж.")])
def test_a_span_of_years_renders_as_a_year_range(lang, expected):
    assert format_span(D(1994, 1, 1), "year", D(1997, 1, 1), "year", lang) == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en", "March–May 2004"), ("ru", "март–май 2004 г."), ("kk", "2004 жылғы наурыз–мамыр")],
)
def test_a_span_of_months_in_one_year_shares_the_year(lang, expected):
    assert format_span(D(2004, 3, 1), "month", D(2004, 5, 1), "month", lang) == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "30 November – 2 December 1998"),
        ("ru", "30 ноября – 2 декабря 1998 г."),
        ("kk", "1998 жылғы 30 қараша – 2 желтоқсан"),
    ],
)
def test_a_day_span_across_months_keeps_each_month(lang, expected):
    assert format_span(D(1998, 11, 30), "day", D(1998, 12, 2), "day", lang) == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "10 March 2004 – 2010"),
        ("ru", "10 марта 2004 г. – 2010 г."),
        ("kk", "2004 жылғы 10 наурыз – 2010 ж."),
    ],
)
def test_ends_of_different_precision_each_keep_their_own(lang, expected):
    assert format_span(D(2004, 3, 10), "day", D(2010, 1, 1), "year", lang) == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "2005 – present"),
        ("ru", "2005 г. – по настоящее время"),
        ("kk", "2005 ж. – қазірге дейін"),
    ],
)
def test_an_open_end_reads_as_present_only_when_the_record_says_so(lang, expected):
    assert format_span(D(2005, 1, 1), "year", None, "", lang, open_end="present") == expected


def test_an_open_end_without_that_record_reads_as_unknown():
    assert format_span(D(2005, 1, 1), "year", None, "", "en", open_end="unknown") == "2005 – end unknown"


def test_a_single_date_without_end_is_just_the_date():
    assert format_span(D(1975, 8, 1), "day", None, "", "ru") == "1 августа 1975 г."


def test_a_span_whose_ends_are_equal_renders_once():
    assert format_span(D(1992, 1, 1), "year", D(1992, 1, 1), "year", "en") == "1992"


def test_an_unknown_language_falls_back_to_english_rather_than_failing():
    assert format_date(D(2004, 3, 10), "day", "de") == "10 March 2004"


def test_a_regional_language_code_uses_its_base_language():
    assert format_date(D(2004, 3, 1), "month", "ru-RU") == "март 2004 г."


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2004", (D(2004, 1, 1), "year")), ("2004-03", (D(2004, 3, 1), "month")), ("2004-03-10", (D(2004, 3, 10), "day"))],
)
def test_parse_reads_each_precision(text, expected):
    assert partial_dates.parse(text) == expected


@pytest.mark.parametrize("text", ["2010-13-45", "20x4", "", "2004-02-30", "'; DROP TABLE x"])
def test_parse_rejects_what_is_not_a_date(text):
    with pytest.raises(partial_dates.PartialDateError):
        partial_dates.parse(text)


def test_the_last_day_of_a_month_knows_leap_years():
    assert partial_dates.last_day(D(2004, 2, 1), "month") == D(2004, 2, 29)


@pytest.mark.parametrize(("precision", "expected"), [("day", "2004-03-10"), ("month", "2004-03"), ("year", "2004")])
def test_iso_keeps_the_precision_for_machine_readable_dates(precision, expected):
    assert partial_dates.iso(partial_dates.first_day(D(2004, 3, 10), precision), precision) == expected


def test_kazakh_number_and_date_formats_are_supplied():
    from django.utils import formats, translation

    with translation.override("kk"):
        assert formats.number_format(1234567.5, 1, force_grouping=True) == "1\xa0234\xa0567,5"
        assert formats.date_format(D(2004, 3, 10), "SHORT_DATE_FORMAT") == "10.03.2004"
        assert formats.get_format("FIRST_DAY_OF_WEEK") == 1


@pytest.mark.parametrize(("lang", "expected"), [("en", "2010"), ("ru", "2010 г."), ("kk", "2010 ж.")])
def test_a_span_known_to_the_day_covering_one_whole_calendar_year_reads_as_that_year(lang, expected):
    assert format_span(D(2010, 1, 1), "day", D(2010, 12, 31), "day", lang) == expected


@pytest.mark.parametrize(
    ("lang", "expected"), [("en", "February 2012"), ("ru", "февраль 2012 г."), ("kk", "2012 жылғы ақпан")]
)
def test_a_span_known_to_the_day_covering_one_whole_month_reads_as_that_month(lang, expected):
    assert format_span(D(2012, 2, 1), "day", D(2012, 2, 29), "day", lang) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (D(2017, 1, 1), D(2017, 12, 18), None),
        (D(2010, 1, 1), D(2011, 12, 31), None),
        (D(2012, 2, 1), D(2012, 2, 28), None),
        (D(2010, 1, 1), D(2010, 12, 31), "year"),
        (D(2012, 2, 1), D(2012, 2, 29), "month"),
    ],
)
def test_only_a_span_from_the_first_to_the_last_day_of_one_year_or_month_is_a_whole_period(start, end, expected):
    assert partial_dates.whole_period(start, "day", end, "day") == expected
