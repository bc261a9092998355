"""Charts and tables that work on a phone (issue 10): a labelled scroll, a vacancy drawn unlike a gap no
source covers with a legend, no always-empty column, and chart years taken from the data."""

import datetime

from django.urls import reverse

from registry.models import ChairTerm
from tests.factories import AgencyFactory, MembershipFactory


def section(html, start, end):
    begin = html.index(start)
    return html[begin : html.index(end, begin)]


def test_the_timeline_says_it_scrolls_and_the_region_points_at_that_label(client, world):
    html = client.get(reverse("site:chairs")).content.decode()
    assert 'id="timeline-scroll-hint"' in html
    assert "scroll it sideways for July to December" in html
    assert 'aria-describedby="timeline-scroll-hint"' in html


def test_a_documented_vacancy_is_drawn_unlike_a_gap_no_source_covers_and_the_legend_says_which(client, world):
    html = client.get(reverse("site:chairs")).content.decode()
    svg = section(html, '<svg class="chair-timeline"', "</svg>")
    vacancy = section(svg, '<g class="vacancy">', "</g>")
    assert "Documented vacancy, no chair, January–May 2009: No agency was willing to take the chair." in vacancy
    assert 'class="vacancy-bar"' in vacancy and "url(#no-chair)" not in vacancy
    gap = section(svg, '<g class="gap">', "</g>")
    assert 'fill="url(#no-chair)"' in gap and "No chair on record (no source found)" in gap
    legend = section(html, '<ul class="chart-legend">', "</ul>")
    assert "Documented vacancy: a source records that no agency held the chair" in legend
    assert "No chair on record: no source found for this period" in legend
    table = section(html, '<table class="chair-table">', "</table>")
    assert '<tr class="vacancy-row">' in table and '<tr class="gap-row">' in table


def test_the_principal_column_appears_only_when_a_term_names_a_principal(client, world):
    html = client.get(reverse("site:chairs")).content.decode()
    assert '<th scope="col">Principal</th>' in html and "António Guterres" in html
    ChairTerm.objects.update(principal="")
    html = client.get(reverse("site:chairs")).content.decode()
    assert "Principal" not in section(html, '<table class="chair-table">', "</table>")


def test_the_chair_table_labels_each_cell_for_the_stacked_phone_layout(client, world):
    table = section(client.get(reverse("site:chairs")).content.decode(), '<table class="chair-table">', "</table>")
    assert table.count('data-label="Note"') == table.count("<tr") - 1  # every body row, not the header


def test_the_growth_chart_takes_its_years_from_the_data(client, world):
    MembershipFactory(agency=AgencyFactory(), start=datetime.date(2031, 1, 1), end=datetime.date(2032, 12, 31))
    html = client.get("/").content.decode()
    assert '<title id="growth-title">Member agencies per year, 2003–2032</title>' in html
    assert '<th scope="row">2032</th><td>1</td>' in html


def test_the_growth_chart_is_left_out_when_no_membership_is_dated(client, db):
    html = client.get("/").content.decode()
    assert 'class="growth-chart"' not in html
