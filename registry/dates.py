"""Partial dates: history is often known only to the month or the year.

A date of year precision is stored as the first day of the year when it starts a period and as
the last day when it ends one, so that "2006–2018" includes all of 2018. Display follows the
precision: "2007", "May 2009", "9 May 2006".
"""

import calendar
import datetime
import re

from django.db import models
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _


class Precision(models.TextChoices):
    DAY = "day", _("Day")
    MONTH = "month", _("Month")
    YEAR = "year", _("Year")


# English keeps the registry's day-month-year ("9 May 2006"), which Django's "en" format would make "May 9, 2006".
ENGLISH = (None, "en")


def normalise(value, precision, *, end):
    """The first (start) or last (end) day of the period that `value` names at `precision`."""
    if value is None:
        return None
    if precision == Precision.YEAR:
        return datetime.date(value.year, 12, 31) if end else datetime.date(value.year, 1, 1)
    if precision == Precision.MONTH:
        last = calendar.monthrange(value.year, value.month)[1]
        return value.replace(day=last if end else 1)
    return value


def normalise_fields(obj, fields):
    """Store each partial date of `obj` as the first or last day it names, by its `<field>_precision`.

    `fields` maps each date field to whether it ends a period. Models (through
    `registry.models.base.PartialDates`), the admin, the API and the seed all go through here.
    """
    for name, end in fields.items():
        setattr(obj, name, normalise(getattr(obj, name), getattr(obj, f"{name}_precision"), end=end))


def overlaps(start, end, other_start, other_end):
    """Whether two periods share at least one day (dates already normalised). An empty end is still
    ongoing; an empty start is unknown, so it may reach back any distance. `PeriodQuerySet.overlapping`
    asks the database the same question."""
    return (end is None or other_start is None or end >= other_start) and (
        other_end is None or start is None or other_end >= start
    )


def format_partial(value, precision=Precision.DAY):
    """The date as precisely as it is known, in the active language: "9 May 2006", "9 mai 2006", "2006年5月9日"."""
    if value is None:
        return ""
    if precision == Precision.YEAR:
        return str(value.year)
    if get_language() not in ENGLISH:
        # Each language's own order and month names (genitive in Russian), from Django's locale formats.
        return date_format(value, "YEAR_MONTH_FORMAT" if precision == Precision.MONTH else "DATE_FORMAT")
    if precision == Precision.MONTH:
        return f"{calendar.month_name[value.month]} {value.year}"
    return f"{value.day} {calendar.month_name[value.month]} {value.year}"


def format_period(start, start_precision, end, end_precision, *, ongoing=None):
    """'2006–2018', 'July 2006 – December 2006', '9 May 2006', '2014 – present'."""
    ongoing = gettext("present") if ongoing is None else ongoing
    first = format_partial(start, start_precision)
    if end is None:
        return f"{first} – {ongoing}" if ongoing else first
    last = format_partial(end, end_precision)
    if first == last:
        return first
    if start_precision == end_precision == Precision.YEAR:
        return f"{first}–{last}"
    return f"{first} – {last}"


# Partial dates as people type them -----------------------------------------------------------

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
PARTIAL_DATE_HELP = "As precise as the sources are: 2015, May 2015 or 9 May 2015 (also 2015-05, 2015-05-09, 05/2015)."


def parse_partial(text):
    """The date and precision a person meant by `text`: "2015", "May 2015", "9 May 2015", "2015-05-09"…

    Raises ValueError with a message for the editor when `text` is no date at all or no real day.
    """
    cleaned = " ".join((text or "").replace(",", " ").split())
    for pattern, precision in _PARTIAL_PATTERNS:
        match = re.fullmatch(pattern, cleaned, flags=re.IGNORECASE)
        if match:
            parts = match.groupdict()
            year = int(parts["year"])
            month = _month_number(parts.get("month") or "1")
            day = int(parts.get("day") or 1)
            try:
                return datetime.date(year, month, day), precision
            except ValueError:
                raise ValueError(f"“{text}” is not a real date.") from None
    raise ValueError(f"“{text}” is not a date: write 2015, May 2015 or 9 May 2015.")


def _month_number(value):
    number = int(value) if value.isdigit() else MONTHS.get(value.lower().rstrip("."), 0)
    if not 1 <= number <= 12:
        raise ValueError(f"“{value}” is not a month.")
    return number


_YEAR = r"(?P<year>\d{4})"
_MONTH_NAME = r"(?P<month>[a-z]{3,9}\.?)"
_PARTIAL_PATTERNS = [
    (_YEAR, Precision.YEAR),
    (rf"{_YEAR}-(?P<month>\d{{1,2}})", Precision.MONTH),
    (rf"(?P<month>\d{{1,2}})/{_YEAR}", Precision.MONTH),
    (rf"{_MONTH_NAME} {_YEAR}", Precision.MONTH),
    (rf"{_YEAR}-(?P<month>\d{{1,2}})-(?P<day>\d{{1,2}})", Precision.DAY),
    (rf"(?P<day>\d{{1,2}})/(?P<month>\d{{1,2}})/{_YEAR}", Precision.DAY),
    (rf"(?P<day>\d{{1,2}}) {_MONTH_NAME} {_YEAR}", Precision.DAY),
    (rf"{_MONTH_NAME} (?P<day>\d{{1,2}}) {_YEAR}", Precision.DAY),
]


def precision_field(**kwargs):
    kwargs.setdefault("default", Precision.DAY)
    return models.CharField(max_length=5, choices=Precision.choices, **kwargs)
