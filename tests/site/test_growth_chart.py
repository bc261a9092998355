"""The membership-growth chart counts member agencies per year, 2003–2018, on home and History."""

from registry.views.charts import _agencies_per_year, _spans_by_agency, membership_growth


def test_growth_counts_members_of_either_body_per_year(world):
    counts = {row["year"]: row["count"] for row in membership_growth()}
    assert list(counts) == list(range(2003, 2019))
    assert counts[2003] == 1  # UNHCR in the Geneva Migration Group
    assert counts[2006] == 2
    assert counts[2007] == 3
    assert counts[2018] == 3


def test_an_agency_counts_once_a_year_whatever_its_periods():
    periods = [
        (1, 2003, 2006),  # in the Geneva group into 2006…
        (1, 2006, None),  # …and in the GMG from 2006: once in 2006
        (2, 2004, 2004),  # back after a gap
        (2, 2007, 2008),
        (3, 2008, None),
        (4, 2008, None),  # the same span as agency 3's: counted as two agencies
    ]
    assert _agencies_per_year(_spans_by_agency(periods), 2003, 2009) == [1, 2, 1, 1, 2, 4, 3]


def test_the_years_come_from_the_database_as_numbers(world):
    from registry.models import Membership

    rows = list(Membership.objects.published().counted_years())
    assert rows and all(isinstance(start, int) and (end is None or isinstance(end, int)) for _, start, end in rows)
    dates = Membership.objects.published().counted().values_list("agency_id", "counted_from", "end")
    assert sorted(rows, key=str) == sorted(
        ((agency, start.year, end and end.year) for agency, start, end in dates), key=str
    )


def test_the_growth_chart_is_on_home_and_on_history_with_a_data_table(client, world):
    for url in ("/", "/history/"):
        html = client.get(url).content.decode()
        assert 'class="growth-chart"' in html
        assert '<title id="growth-title">Member agencies per year, 2003–2018</title>' in html
        assert '<th scope="row">2007</th><td>3</td>' in html


def test_only_the_history_page_carries_the_chart(client, world):
    from tests.factories import PageFactory

    PageFactory(title="About", slug="about")
    assert 'class="growth-chart"' not in client.get("/about/").content.decode()


def test_the_chart_coordinates_are_numbers_in_every_language(client, world):
    # French writes 47.5 as "47,5": in an SVG attribute that is no number, and the bar is drawn at 0.
    import re

    html = client.get("/fr/").content.decode()
    svg = html[html.index('<svg class="growth-chart"') : html.index("</svg>")]
    coordinates = re.findall(r' (?:x|y|width|height)="([^"]*)"', svg)
    assert coordinates and all(re.fullmatch(r"-?\d+(\.\d+)?", value) for value in coordinates), coordinates
