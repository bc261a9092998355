"""Dates in the site's languages are written exactly as Django's locale formats write them (registry.dates)."""

import datetime

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format

from registry.dates import Precision, format_partial, localized_format

DAYS = [datetime.date(2008, 1, 1) + datetime.timedelta(days=n) for n in range(366)] + [
    datetime.date(999, 3, 9),
    datetime.date(2018, 12, 31),
]


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
@pytest.mark.parametrize("format_name", ["DATE_FORMAT", "YEAR_MONTH_FORMAT"])
def test_the_compiled_format_writes_every_day_as_django_does(language, format_name):
    with translation.override(language):
        write = localized_format(format_name)
        assert [write(day) for day in DAYS] == [date_format(day, format_name) for day in DAYS]


def test_a_format_with_other_characters_is_left_to_django():
    with translation.override("fr"):
        write = localized_format("SHORT_DATE_FORMAT")  # "d/m/Y": `d` is not one of the compiled fields
        assert write(datetime.date(2006, 5, 9)) == date_format(datetime.date(2006, 5, 9), "SHORT_DATE_FORMAT")


def test_russian_months_take_the_genitive_after_a_day():
    with translation.override("ru"):
        assert format_partial(datetime.date(2006, 5, 9)) == date_format(datetime.date(2006, 5, 9), "DATE_FORMAT")
        assert format_partial(datetime.date(2006, 5, 1), Precision.MONTH) == date_format(
            datetime.date(2006, 5, 1), "YEAR_MONTH_FORMAT"
        )
