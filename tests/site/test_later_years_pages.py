"""What the pages show of the later years: co-chairs, reported totals beside the named members, WFP
without dates, and agency pages that lead with the agency's part in the group."""

import re

from django.urls import reverse


def section(html, start, end):
    begin = html.index(start)
    return html[begin : html.index(end, begin)]


def test_the_growth_table_shows_the_reported_22_for_2018_with_its_source(client, seed):
    html = client.get("/").content.decode()
    table = section(html, '<table class="growth-table">', "</table>")
    row_2018 = section(table, '<th scope="row">2018</th>', "</tr>")
    assert "<td>18</td>" in row_2018  # the members named here
    assert "22 in 2018" in row_2018  # the total the source reported, as a separate column
    assert (
        'href="https://www.iom.int/news/global-migration-group-supports-states-crafting-global-compact-migration"'
        in row_2018
    )
    row_2015 = section(table, '<th scope="row">2015</th>', "</tr>")
    assert "18 on 30 April 2015" in row_2015


def test_the_growth_chart_spans_the_years_of_the_data_and_shows_the_rise_to_18_in_2014(client, seed):
    html = client.get("/history/").content.decode()
    assert '<title id="growth-title">Member agencies per year, 2003–2018</title>' in html
    assert "2013: 16 named; 2014: 18 named" in html
    assert "2018: 18 named, 22 reported" in html
    svg = section(html, '<svg class="growth-chart"', "</svg>")
    assert svg.count('class="reported-marker"') == 2
    assert "22 members reported in 2018, per Global Migration Group supports States" in svg


def test_the_chart_data_table_is_outside_the_figure_after_its_caption(client, seed):
    html = client.get("/").content.decode()
    figure = section(html, '<figure class="chart" aria-labelledby="growth-caption">', "</figure>")
    assert "<details" not in figure
    assert figure.rstrip().endswith("</figcaption>")
    assert html.index("</figure>", html.index('aria-labelledby="growth-caption"')) < html.index(
        '<details class="chart-data">'
    )


def test_the_agencies_page_sets_the_reported_totals_beside_the_agencies_named(client, seed):
    html = client.get(reverse("site:agencies")).content.decode()
    totals = section(html, 'id="reported-totals"', "</section>")
    text = re.sub(r"<[^>]+>", "", totals)
    assert (
        "22 members were reported in 2018; 19 are named here "
        "(18 as members in 2018, and WFP, whose dates are not recorded)." in text
    )
    assert "18 members were reported on 30 April 2015; 19 are named here (18 as members on that date" in text
    assert "Global Migration Group supports States crafting Global Compact for Migration" in text


def test_wfp_appears_as_a_member_with_dates_not_recorded(client, seed):
    listing = client.get(reverse("site:agencies")).content.decode()
    card = section(listing, '<h3><a href="/agencies/wfp/">WFP</a></h3>', "</li>")
    assert "Global Migration Group dates not recorded" in card
    page = client.get(reverse("site:agency", kwargs={"slug": "wfp"})).content.decode()
    assert "Member of the Global Migration Group: dates not recorded." in page
    # A member filter on any date leaves it out: it is counted on no date.
    for day in ("2006-06-30", "2015-04-30", "2018-06-30"):
        filtered = client.get(reverse("site:agencies"), {"member_on": day}).content.decode()
        assert '<h3><a href="/agencies/wfp/">WFP</a></h3>' not in filtered, day
        assert '<h3><a href="/agencies/fao/">FAO</a></h3>' in filtered or day == "2006-06-30"


def test_the_chairs_page_shows_fao_and_iom_as_co_chairs_of_2018(client, seed):
    html = client.get(reverse("site:chairs")).content.decode()
    table = section(html, '<table class="chair-table">', "</table>")
    row = section(table, '<td data-label="Period">2018</td>', "</tr>")
    assert '<a href="/agencies/fao/">FAO</a>' in row and '<a href="/agencies/iom/">IOM</a>' in row
    assert "(co-chairs)" in row
    assert '<tr class="gap-row"><td data-label="Period">2018</td>' not in table  # no longer a gap
    svg = section(html, '<svg class="chair-timeline"', "</svg>")
    assert ">FAO / IOM</text>" in svg
    assert "Co-chairs FAO (Food and Agriculture Organization of the United Nations), IOM" in svg


def test_the_co_chairs_agency_pages_lead_with_the_co_chaired_term(client, seed):
    iom = client.get(reverse("site:agency", kwargs={"slug": "iom"})).content.decode()
    lead = section(iom, 'id="in-group-heading"', "</section>")
    assert "Co-chaired the group with FAO" in lead
    assert "Chaired the group" in lead  # 2007 and 2013 alone
    assert "Member of the Global Migration Group: 2006–2018." in lead
    assert "Member of the Geneva Migration Group: 2003–2006." in lead
    assert iom.index('id="in-group-heading"') < iom.index('id="membership-heading"')
    fao = client.get(reverse("site:agency", kwargs={"slug": "fao"})).content.decode()
    assert "Co-chaired the group with IOM" in section(fao, 'id="in-group-heading"', "</section>")
    assert "co-chairs FAO and IOM" in section(fao, 'id="chair-heading"', "</section>")


def test_the_statement_list_names_the_co_chairs_as_the_chair_then(client, db):
    import datetime

    from tests.factories import AgencyFactory, ChairTermFactory, StatementFactory

    fao, iom = AgencyFactory(acronym="FAO", slug="fao"), AgencyFactory(acronym="IOM", slug="iom")
    ChairTermFactory(holders=[fao, iom], start=datetime.date(2018, 1, 1), end=datetime.date(2018, 12, 31))
    StatementFactory(date=datetime.date(2018, 5, 2))
    html = client.get(reverse("site:statements")).content.decode()
    assert "chair: FAO and IOM" in html
