"""The two inline SVG charts: the chair rotation timeline and membership growth.

Geometry is computed here so templates only draw (the chair timeline's hundreds of bars are drawn
here too); each chart also feeds an accessible table.
"""

import calendar
import collections
import dataclasses
import datetime
import itertools

from django.utils.formats import date_format
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from registry.dates import Precision, format_period
from registry.models import Membership, ReportedTotal
from registry.sanitise import escape_text

# Dark enough for white text at AA contrast; agencies get them in order of acronym.
# Eighteen, so that the group's agencies do not share one.
PALETTE = [
    "#1f4e79", "#7b2d26", "#2e6b30", "#5b3a7a", "#8a4b08", "#0f5e5e",
    "#8c1d4f", "#3d5a14", "#444c5c", "#6b4226", "#00677f", "#9c2a00",
    "#4b3f8c", "#1e6045", "#7a3b69", "#5c5200", "#2d4a6b", "#8b2e3f",
]  # fmt: skip


def agency_colours(agencies):
    ordered = sorted({agency.acronym: agency for agency in agencies}.values(), key=lambda a: a.acronym.lower())
    return {agency.pk: PALETTE[i % len(PALETTE)] for i, agency in enumerate(ordered)}


@dataclasses.dataclass
class Segment:
    x: float
    width: float
    label: str
    title: str
    gap: bool = False
    documented: bool = False  # a gap a source explains (a vacancy), drawn unlike a gap no source covers
    bands: list = dataclasses.field(default_factory=list)  # one horizontal stripe per holder: co-chairs share a bar

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


def chair_timeline(terms, gaps, periods):
    """One row per year, a bar per term (split where it crosses a new year; one stripe per co-chair),
    documented vacancies and gaps no source covers drawn and labelled differently. `periods` gives
    each term's period (by pk)."""
    if not terms:
        return None
    colours = agency_colours(agency for term in terms for agency in term.chairs)
    # Each message translated once, not once per bar.
    co_chairs_title, chair_title = _("Co-chairs %(names)s, %(period)s"), _("%(names)s, %(period)s")
    rows = {}
    for term in terms:
        chairs = term.chairs
        names = ", ".join(f"{agency.acronym} ({agency.name})" for agency in chairs)
        title = (co_chairs_title if len(chairs) > 1 else chair_title) % {"names": names, "period": periods[term.pk]}
        label = " / ".join(agency.acronym for agency in chairs)
        for year, start, end in _split_by_year(term.start, term.end):
            segment = _segment(start, end, label=label, title=title, bands=[{"colour": colours[a.pk]} for a in chairs])
            rows.setdefault(year, []).append(segment)
    for gap in gaps:
        if gap.documented:
            title = _("Documented vacancy, no chair, %(period)s: %(note)s") % {
                "period": gap_period(gap),
                "note": gap.note,
            }
            label = _("vacancy")
        else:
            title = _("No chair on record (no source found), %(period)s") % {"period": gap_period(gap)}
            label = _("no chair on record")
        for year, start, end in _split_by_year(gap.start, gap.end):
            segment = _segment(start, end, label=label, title=title, gap=True, documented=gap.documented)
            rows.setdefault(year, []).append(segment)
    no_chair = _("no chair")
    for segments in rows.values():
        for segment in segments:
            if segment.gap and segment.width < 150 and not segment.documented:
                segment.label = no_chair if segment.width >= 70 else ""
            elif segment.width < 12 * len(segment.label):
                segment.label = ""
    years = sorted(rows)
    step = TIMELINE["row"] + TIMELINE["gap"]
    timeline_rows = [Row(year, TIMELINE["top"] + i * step, rows[year]) for i, year in enumerate(years)]
    for row in timeline_rows:
        for segment in row.segments:
            height = TIMELINE["row"] / max(len(segment.bands), 1)
            for i, band in enumerate(segment.bands):
                band.update(y=round(row.y + i * height, 1), height=round(height, 1))
    height = TIMELINE["top"] + len(years) * step
    months = [
        {"x": round(TIMELINE["left"] + (m - 1) / 12 * TIMELINE["width"], 1), "label": _month_abbr(m)}
        for m in range(1, 13)
    ]
    return {
        "height": height,
        "drawing": draw_timeline(timeline_rows, months, height),
        "has_vacancy": any(gap.documented for gap in gaps),
        "has_unsourced_gap": any(not gap.documented for gap in gaps),
        "has_co_chairs": any(len(term.chairs) > 1 for term in terms),
    }


def draw_timeline(rows, months, height):
    """The month ticks and the bars as SVG markup, text escaped.

    Built here rather than in the template: a template loop over hundreds of bars, a dozen nodes
    each, was most of the chairs page's time. Numbers keep a decimal point in every language, as
    SVG requires (the template wrote "64,0" in French, which a browser ignores).
    """
    parts = [
        f'<text class="month" x="{month["x"]}" y="18">{escape_text(month["label"])}</text>'
        f'<line class="tick" x1="{month["x"]}" x2="{month["x"]}" y1="22" y2="{height}"></line>'
        for month in months
    ]
    for row in rows:
        parts.append(f'<g class="year-row">\n<text class="year" x="0" y="{row.text_y}">{row.year}</text>')
        parts.extend(_draw_segment(segment, row) for segment in row.segments)
        parts.append("</g>")
    return mark_safe("\n".join(parts))  # noqa: S308 - every text and title is escaped above


def _draw_segment(segment, row):
    """One bar: a term (a stripe per holder), a documented vacancy, or a gap no source covers."""
    place = f'x="{segment.x}" y="{row.y}" width="{segment.width}" height="{TIMELINE["row"]}"'
    if segment.documented:
        kind, shapes = "vacancy", f'<rect class="vacancy-bar" {place}></rect>'
    elif segment.gap:
        kind, shapes = "gap", f'<rect {place} fill="url(#no-chair)" stroke="#6b6b6b" stroke-dasharray="4 3"></rect>'
    else:
        kind = "term"
        shapes = "".join(
            f'<rect class="term" x="{segment.x}" y="{band["y"]}" width="{segment.width}" height="{band["height"]}"'
            f' fill="{band["colour"]}"></rect>'
            for band in segment.bands
        )
    label = ""
    if segment.label:
        label = (
            f'<text class="{kind}-label" x="{segment.text_x}" y="{row.text_y}" text-anchor="middle">'
            f"{escape_text(segment.label)}</text>"
        )
    group = "term-bar" if kind == "term" else kind
    return f'<g class="{group}"><title>{escape_text(segment.title)}</title>\n{shapes}{label}</g>'


def membership_growth():
    """Member agencies named for each year (either body: the Geneva Migration Group came first), over
    the years the records cover, with the totals sources reported beside them.

    A membership counts from its start, or from the date a source attests it when the start is not
    recorded; one with no date at all counts in no year (see MembershipQuerySet).
    """
    # Only years: the database computes them (2,000 memberships' dates were each read and parsed in Python).
    # Unordered: the counts need no order, and the default one joins every membership's agency and sorts.
    spans = _spans_by_agency(Membership.objects.published().counted_years().order_by())
    totals = list(ReportedTotal.objects.published().prefetch_related("sources"))
    # The years covered, from the few hundred different spans rather than from every membership.
    years = {year for agency_spans in spans for span in agency_spans for year in span if year is not None}
    years |= {total.date.year for total in totals}
    if not years:
        return []
    first, last = min(years), max(years)
    counts = _agencies_per_year(spans, first, last)
    return [
        {"year": year, "count": counts[year - first], "reported": [t for t in totals if t.date.year == year]}
        for year in range(first, last + 1)
    ]


def _spans_by_agency(periods):
    """How many agencies have each set of spans: {((first year, last year or None), …): agencies}, from
    (agency, first year, last year or None while open) rows. Most agencies have one period, and there are a
    few hundred different spans among 2,000 agencies: the counting then goes by span, not by agency."""
    spans_of = {}
    for agency, low, high in periods:
        spans_of[agency] = spans_of.get(agency, ()) + ((low, high),)
    return collections.Counter(spans_of.values())


def _agencies_per_year(spans, first, last):
    """How many agencies count in each year from `first` to `last`, each agency once a year whatever its periods.

    `spans` as `_spans_by_agency` gives them. A period counts in every year from its first to its last (to
    `last` while open). Each agency's years are marked as one step up at their first and one down after
    their last, summed once at the end; agencies with the same spans are marked together.
    """
    steps = [0] * (last - first + 2)
    for agency_spans, agencies in spans.items():
        runs = [(low, last if high is None else high) for low, high in agency_spans]
        if len(runs) > 1:  # an agency in both bodies, or back after a gap: each of its years once
            years = sorted({year for low, high in runs for year in range(low, high + 1)})
            runs = [(year, year) for year in years]
        for low, high in runs:
            steps[low - first] += agencies
            steps[high - first + 1] -= agencies
    return list(itertools.accumulate(steps[:-1]))


def growth_chart(counts):
    """Bars for the agencies named each year; a marker for each total a source reported that year."""
    if not counts:
        return None
    width, height, left, bottom, top = 800, 280, 40, 40, 24
    peak = max([c["count"] for c in counts] + [t.total for c in counts for t in c["reported"]] + [1])
    slot = (width - left - 10) / len(counts)
    scale = (height - bottom - top) / peak
    bars = []
    for i, item in enumerate(counts):
        bar_height = scale * item["count"]
        x = left + i * slot + slot * 0.15
        centre = round(x + slot * 0.35, 1)
        # The marker sits on the bar's right edge so that it never hides the bar's own number; its
        # number is written only when it stands clear of the bar's.
        edge = round(x + slot * 0.7, 1)
        markers = []
        for total in item["reported"]:
            y = round(height - bottom - scale * total.total, 1)
            markers.append(
                {
                    "total": total.total,
                    "title": _reported_title(total),
                    "points": _diamond(edge, y),
                    "x": edge,
                    "label_y": round(y - 9, 1),
                    "labelled": abs(total.total - item["count"]) * scale > 16,
                }
            )
        bars.append(
            {
                **item,
                "x": round(x, 1),
                "width": round(slot * 0.7, 1),
                "y": round(height - bottom - bar_height, 1),
                "height": round(bar_height, 1),
                "text_x": centre,
                "label_y": round(height - bottom - bar_height - 6, 1),
                "markers": markers,
            }
        )
    return {
        "bars": bars,
        "desc": _growth_desc(bars),
        "drawn_bars": _draw_growth_bars(bars, height - bottom + 20),
        "width": width,
        "height": height,
        "baseline": height - bottom,
        "year_y": height - bottom + 20,
        "first_year": counts[0]["year"],
        "last_year": counts[-1]["year"],
        "has_reported": any(bar["markers"] for bar in bars),
    }


def _growth_desc(bars):
    """The chart's text alternative: each year's named count and reported totals, as the template wrote it
    (`blocktranslate`: the numbers escaped, the message not)."""
    named, reported = _("%(year)s: %(count)s named"), _("%(total)s reported")
    years = []
    for bar in bars:
        text = named % {"year": bar["year"], "count": bar["count"]}
        text += "".join(", " + reported % {"total": marker["total"]} for marker in bar["markers"])
        years.append(text)
    return mark_safe("; ".join(years))  # noqa: S308 - numbers in the site's own messages


def _draw_growth_bars(bars, year_y):
    """The bars and markers as SVG markup, titles escaped: built here rather than in the template, where
    a loop of a dozen nodes a year was a good part of the home page's time. Numbers are written as Python
    writes them (`localize off` in the template): SVG needs a decimal point in every language."""
    parts = []
    for bar in bars:
        value = (
            f'<text class="value" x="{bar["text_x"]}" y="{bar["label_y"]}" text-anchor="middle">{bar["count"]}</text>'
            if bar["count"]
            else ""
        )
        markers = "".join(
            f'\n      <g class="reported"><title>{conditional_escape(marker["title"])}</title>'
            f'\n        <polygon class="reported-marker" points="{marker["points"]}"></polygon>\n        '
            + (
                f'<text class="reported-value" x="{marker["x"]}" y="{marker["label_y"]}" text-anchor="middle">'
                f"{marker['total']}</text>"
                if marker["labelled"]
                else ""
            )
            + "\n      </g>"
            for marker in bar["markers"]
        )
        parts.append(
            f'    <g>\n      <rect class="bar" x="{bar["x"]}" y="{bar["y"]}" width="{bar["width"]}"'
            f' height="{bar["height"]}"></rect>\n      {value}\n      <text class="year" x="{bar["text_x"]}"'
            f' y="{year_y}" text-anchor="middle">{bar["year"]}</text>{markers}\n    </g>'
        )
    return mark_safe("\n".join(parts))  # noqa: S308 - every title is escaped above


def _diamond(x, y, r=6):
    return f"{x},{y - r} {x + r},{y} {x},{y + r} {x - r},{y}"


def _reported_title(total):
    sources = "; ".join(source.title for source in total.sources.all())
    if sources:
        return _("%(total)s members reported %(when)s, per %(sources)s") % {
            "total": total.total, "when": total.when_display, "sources": sources,
        }  # fmt: skip
    return _("%(total)s members reported %(when)s") % {"total": total.total, "when": total.when_display}
