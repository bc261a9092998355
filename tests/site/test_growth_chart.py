"""The membership-growth chart counts member agencies per year, 2003–2018, on home and History."""

from registry.views.charts import membership_growth


def test_growth_counts_members_of_either_body_per_year(world):
    counts = {row["year"]: row["count"] for row in membership_growth()}
    assert list(counts) == list(range(2003, 2019))
    assert counts[2003] == 1  # UNHCR in the Geneva Migration Group
    assert counts[2006] == 2
    assert counts[2007] == 3
    assert counts[2018] == 3


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
