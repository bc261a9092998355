import datetime

import pytest
from django.utils.html import strip_tags

from registry.dates import (
    Precision,
    atom_timestamp,
    format_partial,
    format_period,
    html_period,
    ical_days,
    iso_partial,
    normalise,
    parse_partial,
    sort_key,
)

D = datetime.date


@pytest.mark.parametrize(
    ("value", "precision", "end", "expected"),
    [
        (D(2007, 6, 15), Precision.YEAR, False, D(2007, 1, 1)),
        (D(2018, 3, 1), Precision.YEAR, True, D(2018, 12, 31)),
        (D(2009, 5, 20), Precision.MONTH, False, D(2009, 5, 1)),
        (D(2009, 5, 1), Precision.MONTH, True, D(2009, 5, 31)),
        (D(2008, 2, 3), Precision.MONTH, True, D(2008, 2, 29)),
        (D(2006, 5, 9), Precision.DAY, True, D(2006, 5, 9)),
    ],
)
def test_a_partial_date_is_stored_as_the_first_or_last_day_of_its_period(value, precision, end, expected):
    assert normalise(value, precision, end=end) == expected


@pytest.mark.parametrize(
    ("value", "precision", "shown"),
    [
        (D(2007, 1, 1), Precision.YEAR, "2007"),
        (D(2009, 5, 1), Precision.MONTH, "May 2009"),
        (D(2006, 5, 9), Precision.DAY, "9 May 2006"),
        (None, Precision.DAY, ""),
    ],
)
def test_a_partial_date_is_shown_at_its_precision(value, precision, shown):
    assert format_partial(value, precision) == shown


def test_a_period_of_years_is_shown_as_a_range():
    assert format_period(D(2006, 1, 1), "year", D(2018, 12, 31), "year") == "2006–2018"


def test_an_open_end_is_never_called_present():
    assert format_period(D(2014, 6, 8), "day", None, "day") == "8 June 2014 – end not recorded"
    shown = format_period(D(2011, 1, 1), "year", None, "day", ongoing="until the group ended (2018)")
    assert shown == "2011 – until the group ended (2018)"


def test_a_single_date_with_no_open_end_text_is_just_the_date():
    assert format_period(D(2006, 9, 1), "month", None, "day", ongoing="") == "September 2006"


def test_ends_of_different_precisions_are_both_shown_in_full():
    assert format_period(D(2009, 6, 1), "day", D(2009, 12, 31), "month") == "1 June 2009 – December 2009"


@pytest.mark.parametrize(
    ("start", "start_precision", "end", "end_precision", "shown"),
    [
        (D(2011, 5, 17), "day", D(2011, 5, 18), "day", "17–18 May 2011"),
        (D(2011, 5, 17), "day", D(2011, 6, 18), "day", "17 May – 18 June 2011"),
        (D(2010, 12, 30), "day", D(2011, 1, 2), "day", "30 December 2010 – 2 January 2011"),
        (D(2009, 5, 1), "month", D(2009, 6, 30), "month", "May–June 2009"),
        (D(2009, 1, 1), "month", D(2009, 5, 31), "month", "January–May 2009"),
        (D(2012, 7, 1), "month", D(2013, 6, 30), "month", "July 2012 – June 2013"),
        (D(2006, 1, 1), "year", D(2018, 12, 31), "year", "2006–2018"),
        (D(2014, 1, 1), "year", D(2014, 12, 31), "year", "2014"),
        (D(2006, 5, 9), "day", D(2006, 5, 9), "day", "9 May 2006"),
    ],
)
def test_a_range_within_one_month_or_one_year_is_shortened(start, start_precision, end, end_precision, shown):
    assert format_period(start, start_precision, end, end_precision) == shown


@pytest.mark.parametrize(
    ("value", "precision", "iso"),
    [
        (D(2006, 9, 1), Precision.MONTH, "2006-09"),
        (D(2009, 5, 31), Precision.MONTH, "2009-05"),
        (D(2006, 5, 9), Precision.DAY, "2006-05-09"),
        (D(2007, 1, 1), Precision.YEAR, "2007"),
        (D(2018, 12, 31), Precision.YEAR, "2018"),
    ],
)
def test_iso_8601_is_given_at_reduced_precision(value, precision, iso):
    assert iso_partial(value, precision) == iso


def test_html_puts_each_end_in_a_time_element_at_its_precision():
    html = html_period(D(2011, 5, 17), "day", D(2011, 5, 18), "day")
    assert html == '<time datetime="2011-05-17">17</time>–<time datetime="2011-05-18">18 May 2011</time>'
    assert strip_tags(html) == "17–18 May 2011"
    assert html_period(D(2006, 9, 1), "month", None, "day", ongoing="") == (
        '<time datetime="2006-09">September 2006</time>'
    )
    assert html_period(D(2007, 1, 1), "year", None, "day", ongoing="") == '<time datetime="2007">2007</time>'


def test_html_escapes_the_open_end_text_and_gives_it_no_time_element():
    html = html_period(D(2011, 1, 1), "year", None, "day", ongoing="until <b>the end</b>")
    assert html == '<time datetime="2011">2011</time> – until &lt;b&gt;the end&lt;/b&gt;'


@pytest.mark.parametrize(
    ("start", "start_precision", "end", "end_precision", "days"),
    [
        (D(2006, 5, 9), "day", None, "day", (D(2006, 5, 9), D(2006, 5, 10))),
        (D(2013, 10, 3), "day", D(2013, 10, 4), "day", (D(2013, 10, 3), D(2013, 10, 5))),
        (D(2006, 9, 1), "month", None, "day", None),
        (D(2007, 1, 1), "year", None, "day", None),
        (D(2009, 6, 1), "day", D(2009, 12, 31), "month", None),
    ],
)
def test_a_calendar_gets_days_only_where_the_days_are_known(start, start_precision, end, end_precision, days):
    assert ical_days(start, start_precision, end, end_precision) == days


@pytest.mark.parametrize(
    ("value", "precision", "stamp"),
    [
        (D(2006, 5, 9), Precision.DAY, "2006-05-09T00:00:00+00:00"),
        (D(2009, 5, 1), Precision.MONTH, "2009-05-01T00:00:00+00:00"),
        (D(2006, 1, 1), Precision.YEAR, "2006-01-01T00:00:00+00:00"),
    ],
)
def test_atom_gets_the_first_instant_of_the_day_month_or_year(value, precision, stamp):
    assert atom_timestamp(value, precision).isoformat() == stamp


def test_a_month_sorts_after_its_days_and_a_year_after_everything_dated_within_it():
    dates = [
        ("2006 (year)", D(2006, 1, 1), Precision.YEAR),
        ("September 2006", D(2006, 9, 1), Precision.MONTH),
        ("9 May 2006", D(2006, 5, 9), Precision.DAY),
        ("30 September 2006", D(2006, 9, 30), Precision.DAY),
        ("1 January 2007", D(2007, 1, 1), Precision.DAY),
        ("31 December 2006", D(2006, 12, 31), Precision.DAY),
    ]
    ordered = [label for label, value, precision in sorted(dates, key=lambda d: sort_key(d[1], d[2]))]
    assert ordered == [
        "9 May 2006",
        "30 September 2006",
        "September 2006",
        "31 December 2006",
        "2006 (year)",
        "1 January 2007",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2015", (datetime.date(2015, 1, 1), Precision.YEAR)),
        ("  2015 ", (datetime.date(2015, 1, 1), Precision.YEAR)),
        ("2015-05", (datetime.date(2015, 5, 1), Precision.MONTH)),
        ("May 2015", (datetime.date(2015, 5, 1), Precision.MONTH)),
        ("sept 2009", (datetime.date(2009, 9, 1), Precision.MONTH)),
        ("05/2010", (datetime.date(2010, 5, 1), Precision.MONTH)),
        ("2015-05-09", (datetime.date(2015, 5, 9), Precision.DAY)),
        ("9 May 2015", (datetime.date(2015, 5, 9), Precision.DAY)),
        ("May 9, 2015", (datetime.date(2015, 5, 9), Precision.DAY)),
        ("09/05/2015", (datetime.date(2015, 5, 9), Precision.DAY)),
    ],
)
def test_partial_dates_are_read_as_people_write_them(text, expected):
    assert parse_partial(text) == expected


@pytest.mark.parametrize("text", ["", "15", "2015-13", "30 February 2015", "May", "20155", "2015/05/09"])
def test_what_is_not_a_date_is_refused(text):
    with pytest.raises(ValueError):
        parse_partial(text)
