import datetime

import pytest

from registry.dates import Precision, format_partial, format_period, normalise, parse_partial

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


def test_an_ongoing_period_says_so():
    assert format_period(D(2014, 6, 8), "day", None, "day") == "8 June 2014 – present"


def test_a_period_within_one_month_shows_both_ends():
    assert format_period(D(2009, 6, 1), "day", D(2009, 12, 31), "month") == "1 June 2009 – December 2009"


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
