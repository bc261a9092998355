"""The two inline SVG charts: the chair rotation timeline and membership growth.

Geometry is computed here so templates only draw; each chart also feeds an accessible table.
"""

import calendar
import dataclasses
import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from registry.dates import Precision, format_period
from registry.models import Membership

# Dark enough for white text at AA contrast; agencies get them in order of acronym.
# Eighteen, so that the group's agencies do not share one.
PALETTE = [
    "#1f4e79", "#7b2d26", "#2e6b30", "#5b3a7a", "#8a4b08", "#0f5e5e",
    "#8c1d4f", "#3d5a14", "#444c5c", "#6b4226", "#00677f", "#9c2a00",
    "#4b3f8c", "#1e6045", "#7a3b69", "#5c5200", "#2d4a6b", "#8b2e3f",
]  # fmt: skip

GROWTH_YEARS = range(2003, 2019)


def agency_colours(agencies):
    ordered = sorted({agency.acronym: agency for agency in agencies}.values(), key=lambda a: a.acronym.lower())
    return {agency.pk: PALETTE[i % len(PALETTE)] for i, agency in enumerate(ordered)}


@dataclasses.dataclass
class Segment:
    x: float
    width: float
    label: str
    title: str
    colour: str = ""
    gap: bool = False
    url: str = ""

    @property
    def text_x(self):
        return round(self.x + self.width / 2, 1)


@dataclasses.dataclass
class Row:
    year: int
    y: float
    segments: list

    @property
    def text_y(self):
        return self.y + TIMELINE["row"] / 2 + 5


TIMELINE = {"left": 64, "width": 920, "row": 34, "gap": 10, "top": 30}


def _month_abbr(month):
    """ "Jan", "janv.", "1月"…: the active language's short month name."""
    return date_format(datetime.date(2000, month, 1), "M")


def _year_fraction(date):
    days = 366 if calendar.isleap(date.year) else 365
    return (date.timetuple().tm_yday - 1) / days


def _split_by_year(start, end):
    for year in range(start.year, end.year + 1):
        yield year, max(start, datetime.date(year, 1, 1)), min(end, datetime.date(year, 12, 31))


def _segment(start, end, **kwargs):
    left = TIMELINE["left"] + _year_fraction(start) * TIMELINE["width"]
    right = TIMELINE["left"] + (_year_fraction(end + datetime.timedelta(days=1)) or 1) * TIMELINE["width"]
    if end.month == 12 and end.day == 31:
        right = TIMELINE["left"] + TIMELINE["width"]
    return Segment(x=round(left, 1), width=round(max(right - left, 2), 1), **kwargs)


def gap_period(gap):
    """A gap at the precision its edges allow: "January 2009 – May 2009", "2015", else day by day."""
    whole_months = gap.start.day == 1 and (gap.end + datetime.timedelta(days=1)).day == 1
    if not whole_months:
        return format_period(gap.start, Precision.DAY, gap.end, Precision.DAY)
    whole_years = (gap.start.month, gap.end.month) == (1, 12)
    precision = Precision.YEAR if whole_years else Precision.MONTH
    return format_period(gap.start, precision, gap.end, precision)


def chair_timeline(terms, gaps):
    """One row per year, a bar per term (split where it crosses a new year), gaps hatched and labelled."""
    if not terms:
        return None
    colours = agency_colours(term.agency for term in terms)
    rows = {}
    for term in terms:
        for year, start, end in _split_by_year(term.start, term.end):
            segment = _segment(
                start,
                end,
                label=term.agency.acronym,
                colour=colours[term.agency_id],
                url=term.agency.get_absolute_url(),
                title=f"{term.agency.acronym} ({term.agency.name}), {term.period_display}",
            )
            rows.setdefault(year, []).append(segment)
    for gap in gaps:
        title = _("No chair on record, %(period)s") % {"period": gap_period(gap)} + (
            f": {gap.note}" if gap.note else ""
        )
        for year, start, end in _split_by_year(gap.start, gap.end):
            rows.setdefault(year, []).append(_segment(start, end, label=_("no chair on record"), title=title, gap=True))
    for segments in rows.values():
        for segment in segments:
            if segment.gap and segment.width < 150:
                segment.label = _("no chair") if segment.width >= 70 else ""
            elif not segment.gap and segment.width < 12 * len(segment.label):
                segment.label = ""
    years = sorted(rows)
    step = TIMELINE["row"] + TIMELINE["gap"]
    return {
        "rows": [Row(year, TIMELINE["top"] + i * step, rows[year]) for i, year in enumerate(years)],
        "height": TIMELINE["top"] + len(years) * step,
        "months": [
            {
                "x": round(TIMELINE["left"] + (m - 1) / 12 * TIMELINE["width"], 1),
                "label": date_format(datetime.date(2000, m, 1), "M"),
            }
            for m in range(1, 13)
        ],
        "row_height": TIMELINE["row"],
        "left": TIMELINE["left"],
        "right": TIMELINE["left"] + TIMELINE["width"],
    }


def membership_growth():
    """Member agencies in each year 2003–2018 (either body: the Geneva Migration Group came first)."""
    rows = Membership.objects.published().values_list("agency_id", "body", "start", "end")
    counts = []
    for year in GROWTH_YEARS:
        first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        agencies = {a for a, _body, start, end in rows if start <= last and (end is None or end >= first)}
        counts.append({"year": year, "count": len(agencies)})
    return counts


def growth_chart(counts):
    width, height, left, bottom, top = 800, 280, 40, 40, 24
    peak = max([c["count"] for c in counts] + [1])
    slot = (width - left - 10) / len(counts)
    bars = []
    for i, item in enumerate(counts):
        bar_height = (height - bottom - top) * item["count"] / peak
        x = left + i * slot + slot * 0.15
        bars.append(
            {
                **item,
                "x": round(x, 1),
                "width": round(slot * 0.7, 1),
                "y": round(height - bottom - bar_height, 1),
                "height": round(bar_height, 1),
                "text_x": round(x + slot * 0.35, 1),
                "label_y": round(height - bottom - bar_height - 6, 1),
            }
        )
    return {"bars": bars, "width": width, "height": height, "baseline": height - bottom, "year_y": height - bottom + 20}
