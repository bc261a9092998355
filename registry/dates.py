"""Partial dates: history is often known only to the month or the year.

A date of year precision is stored as the first day of the year when it starts a period and as
the last day when it ends one, so that "2006–2018" includes all of 2018. Display follows the
precision: "2007", "May 2009", "9 May 2006".
"""

import calendar
import datetime

from django.db import models


class Precision(models.TextChoices):
    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"


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
    if value is None:
        return ""
    if precision == Precision.YEAR:
        return str(value.year)
    if precision == Precision.MONTH:
        return f"{calendar.month_name[value.month]} {value.year}"
    return f"{value.day} {calendar.month_name[value.month]} {value.year}"


def format_period(start, start_precision, end, end_precision, *, ongoing="present"):
    """'2006–2018', 'July 2006 – December 2006', '9 May 2006', '2014 – present'."""
    first = format_partial(start, start_precision)
    if end is None:
        return f"{first} – {ongoing}" if ongoing else first
    last = format_partial(end, end_precision)
    if first == last:
        return first
    if start_precision == end_precision == Precision.YEAR:
        return f"{first}–{last}"
    return f"{first} – {last}"


def precision_field(**kwargs):
    kwargs.setdefault("default", Precision.DAY)
    return models.CharField(max_length=5, choices=Precision.choices, **kwargs)
