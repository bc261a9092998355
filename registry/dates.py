"""Partial dates: history is often known only to the month or the year.

A date of year precision is stored as the first day of the year when it starts a period and as
the last day when it ends one, so that "2006–2018" includes all of 2018. Display follows the
precision: "2007", "May 2009", "9 May 2006".

Every output formats a partial date here and nowhere else: text and HTML (`format_partial`,
`format_period`, `html_period`, shown through the `when` template filter), ISO 8601 at reduced
precision for `<time datetime>` and JSON-LD (`iso_partial`), the iCalendar days (`ical_days`) and
the Atom timestamps (`atom_timestamp`). The API and CSV give the stored date with its precision.
"""

import calendar
import dataclasses
import datetime
import re

from django.db import models
from django.utils import dates as django_dates
from django.utils.formats import date_format, get_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Precision(models.TextChoices):
    DAY = "day", _("Day")
    MONTH = "month", _("Month")
    YEAR = "year", _("Year")


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


# English month names, as the registry writes them whatever the server's locale (calendar.month_name asks
# the C library's strftime on every lookup, and follows the process locale).
MONTH_NAMES = ("", "January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")  # fmt: skip


def in_english():
    """English keeps the registry's day-month-year ("9 May 2006"); Django's "en" format says "May 9, 2006"."""
    return get_language() in (None, "en")


def format_partial(value, precision=Precision.DAY, *, english=None):
    """The date as a reader sees it, in the active language: "2007", "May 2009", "9 May 2006", "9 mai 2006".
    `english`: whether the active language is English (`in_english()`), when the caller knows already."""
    if value is None:
        return ""
    if precision == Precision.YEAR:
        return str(value.year)
    if not (in_english() if english is None else english):
        # Each language's own order and month names (genitive in Russian), from Django's locale formats.
        return localized_format("YEAR_MONTH_FORMAT" if precision == Precision.MONTH else "DATE_FORMAT")(value)
    if precision == Precision.MONTH:
        return f"{MONTH_NAMES[value.month]} {value.year}"
    return f"{value.day} {MONTH_NAMES[value.month]} {value.year}"


# Django's date format characters, and the few the locales' DATE_FORMAT and YEAR_MONTH_FORMAT use, as fields.
FORMAT_CHARACTER = re.compile(r"(?<!\\)([aAbcdeEfFgGhHiIjlLmMnNoOPrsStTUuwWyYzZ])")
FORMAT_FIELDS = {"j": "{0.day}", "n": "{0.month}", "Y": "{0.year:04d}", "F": "{F}", "E": "{E}"}
_FORMATTERS = {}  # (format name, language): function; the locale formats and month names never change


def localized_format(format_name):
    """A function writing a date as `django.utils.formats.date_format(date, format_name)` does in the active
    language, made once per language and format: a `str.format` template and the language's month names
    ("j F Y" in French: "{0.day} {F} {0.year:04d}"). Django's formatter reads the format, splits it and
    translates the month's name on every call: 20 µs a date, 3 ms of the chairs page in French. A format
    with other characters than these few is left to Django (`tests/site/test_dates_in_every_language.py`
    compares the two on every day of a year in every language)."""
    key = (format_name, get_language())
    formatter = _FORMATTERS.get(key)
    if formatter is None:
        formatter = _FORMATTERS[key] = _compile_format(format_name)
    return formatter


def _compile_format(format_name):
    pieces = FORMAT_CHARACTER.split(str(get_format(format_name)))  # text, a character, text, …
    if any(piece not in FORMAT_FIELDS for piece in pieces[1::2]):
        return lambda value: date_format(value, format_name)
    template = "".join(
        FORMAT_FIELDS[piece] if i % 2 else re.sub(r"\\(.)", r"\1", piece).replace("{", "{{").replace("}", "}}")
        for i, piece in enumerate(pieces)
    )
    full, genitive = (
        [""] + [str(names[m]) for m in range(1, 13)] for names in (django_dates.MONTHS, django_dates.MONTHS_ALT)
    )
    return lambda value: template.format(value, F=full[value.month], E=genitive[value.month])


def iso_partial(value, precision=Precision.DAY):
    """ISO 8601 at the precision known ("2006", "2006-09", "2006-05-09"): JSON-LD and `<time datetime>`."""
    if value is None:
        return ""
    if precision == Precision.YEAR:
        return f"{value.year:04d}"
    if precision == Precision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


# What an open end means depends on what the period belongs to: an event without an end lasted
# one day (or one period), a role in a body that has ended ended with it at the latest.
END_NOT_RECORDED = _("end not recorded")


def period_parts(start, start_precision, end, end_precision, *, ongoing=END_NOT_RECORDED):
    """(first, separator, last) of a period, shortened where both ends share a month or a year.

    "17–18 May 2011", "May–June 2009", "2006–2018", "17 May – 18 June 2011", "July 2006 – June 2007";
    an empty end gives `ongoing` as the last part ("" for none at all).
    """
    # The active language asked once (a context-local lookup, a microsecond each: hundreds of periods a page).
    english = in_english()
    first = format_partial(start, start_precision, english=english)
    if end is None:
        ongoing = str(ongoing)  # in the active language
        return (first, " – ", ongoing) if ongoing and first else (first, "", "")
    last = format_partial(end, end_precision, english=english)
    if not first:
        return ("", "", last)
    if first == last:
        return (first, "", "")
    same_year = start.year == end.year
    if start_precision == end_precision == Precision.YEAR:
        return (first, "–", last)
    if not english:
        return (first, " – ", last)  # each language shortens differently; both ends in full are right in all
    if same_year and start_precision == end_precision == Precision.MONTH:
        return (MONTH_NAMES[start.month], "–", last)
    if same_year and start_precision == end_precision == Precision.DAY:
        if start.month == end.month:
            return (str(start.day), "–", last)
        return (f"{start.day} {MONTH_NAMES[start.month]}", " – ", last)
    return (first, " – ", last)


def format_period(start, start_precision, end, end_precision, *, ongoing=END_NOT_RECORDED):
    """A period as text: '2006–2018', 'July–December 2006', '17–18 May 2011', '2011 – end not recorded'."""
    return "".join(period_parts(start, start_precision, end, end_precision, ongoing=ongoing))


def html_period(start, start_precision, end, end_precision, *, ongoing=END_NOT_RECORDED):
    """The same text with each end in a `<time datetime>` at its own precision (HTML-escaped)."""
    first, separator, last = period_parts(start, start_precision, end, end_precision, ongoing=ongoing)
    parts = []
    if first:
        parts.append(format_html('<time datetime="{}">{}</time>', iso_partial(start, start_precision), first))
    if separator:
        parts.append(separator)
    if last and end is not None:
        parts.append(format_html('<time datetime="{}">{}</time>', iso_partial(end, end_precision), last))
    elif last:
        parts.append(conditional_escape(last))
    return mark_safe("".join(str(part) for part in parts))  # noqa: S308 - every part is escaped above


@dataclasses.dataclass(frozen=True)
class Span:
    """What a record says about when: one date (`end` None, `ongoing` "") or a period.

    Records expose theirs as `.span`; templates print it through the `when` filter, plain text
    (titles, citations, chart labels) uses `.text()`.
    """

    start: datetime.date | None
    start_precision: str = Precision.DAY
    end: datetime.date | None = None
    end_precision: str = Precision.DAY
    ongoing: str = ""
    unknown: str = ""  # what to say when no start is recorded ("dates not recorded")

    def text(self):
        if self.start is None:
            return self.unknown
        return format_period(self.start, self.start_precision, self.end, self.end_precision, ongoing=self.ongoing)

    def html(self):
        if self.start is None:
            return conditional_escape(self.unknown)
        return html_period(self.start, self.start_precision, self.end, self.end_precision, ongoing=self.ongoing)

    def __str__(self):
        return self.text()


def ical_days(start, start_precision, end, end_precision):
    """(DTSTART, exclusive DTEND) as dates for a calendar, or None when a day is not known.

    A calendar entry is a claim about days; "2006" or "September 2006" would become 1 January or
    1 September (or a month-long event), which no source says. Such events stay out of the calendar.
    """
    if start is None or start_precision != Precision.DAY:
        return None
    if end is not None and end_precision != Precision.DAY:
        return None
    return start, (end or start) + datetime.timedelta(days=1)


def atom_timestamp(value, precision=Precision.DAY):
    """Atom (RFC 3339) needs a full timestamp: the first instant (UTC) of the day, month or year named.

    The precision itself travels with the entry's text and category; the timestamp is the period's start,
    as the API's `date` is.
    """
    start = normalise(value, precision, end=False)
    return datetime.datetime(start.year, start.month, start.day, tzinfo=datetime.UTC)


PRECISION_RANK = {Precision.DAY: 0, Precision.MONTH: 1, Precision.YEAR: 2}


def sort_key(value, precision):
    """Chronological order in Python, as `models.base.chronological()` orders in SQL: a date known only
    to the month comes after the dated days of that month, one known only to the year after that year's."""
    return (
        value.year,
        13 if precision == Precision.YEAR else value.month,
        32 if precision in (Precision.YEAR, Precision.MONTH) else value.day,
    )


# Partial dates as people type them -----------------------------------------------------------

MONTHS = {name.lower(): number for number, name in enumerate(MONTH_NAMES) if name}
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
