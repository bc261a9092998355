"""The statements list: words, filters, sorting and pages, all in a query string that can be bookmarked."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import StatementFactory

URL = reverse("site:statements")


def titles(response):
    return [statement.title for statement in response.context["statements"]]


def test_the_list_shows_published_statements_newest_first(client, world):
    StatementFactory(title="Older statement", date=datetime.date(2007, 1, 1))
    shown = titles(client.get(URL))  # once: a second GET is served from the response cache, with no context
    assert shown[-1] == "Older statement"
    assert "Secret draft on remittances" not in shown


def test_words_search_the_title_summary_and_body(client, world):
    StatementFactory(title="On remittances", summary="Money sent home.", body="<p>Remittances matter.</p>")
    assert titles(client.get(URL, {"q": "remittances"})) == ["On remittances"]
    assert titles(client.get(URL, {"q": "deeply concerned"})) == [world["statement"].title]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"year": "2010"}, 2),
        ({"year": "2011"}, 0),
        ({"agency": "undesa"}, 1),
        ({"topic": "human-rights"}, 1),
        ({"kind": "joint"}, 2),
        ({"kind": "position"}, 0),
        ({"language": "fr"}, 1),
        ({"language": "en", "agency": "ohchr", "year": "2010"}, 1),
    ],
)
def test_each_filter_narrows_the_list(client, world, params, expected):
    response = client.get(URL, params)
    assert response.status_code == 200
    assert len(titles(response)) == expected


def test_sorting_by_title_and_by_date(client, world):
    StatementFactory(title="A first statement", date=datetime.date(2007, 1, 1))
    assert titles(client.get(URL, {"sort": "title"}))[0] == "A first statement"
    assert titles(client.get(URL, {"sort": "oldest"}))[0] == "A first statement"
    assert titles(client.get(URL, {"sort": "newest"}))[-1] == "A first statement"


def test_pages_of_twenty_keep_the_filters_in_their_links(client, db):
    StatementFactory.create_batch(45, date=datetime.date(2012, 1, 1))
    response = client.get(URL, {"year": "2012", "page": "2"})
    html = response.content.decode()
    assert len(titles(response)) == 20
    assert "Page 2 of 3" in html
    assert 'href="?year=2012&amp;page=3"' in html and 'href="?year=2012&amp;page=1"' in html


def test_a_page_past_the_end_shows_the_last_page(client, db):
    StatementFactory.create_batch(3)
    response = client.get(URL, {"page": "99"})
    assert response.status_code == 200 and len(titles(response)) == 3
    assert client.get(URL, {"page": "two"}).status_code == 200


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"year": "twenty-ten"}, "Give the year as four digits"),
        ({"agency": "nobody"}, "There is no agency with that name"),
        ({"topic": "nothing"}, "There is no topic with that name"),
        ({"kind": "poem"}, "Select a valid choice"),
        ({"language": "xx"}, "Select a valid choice"),
        ({"sort": "random"}, "Select a valid choice"),
    ],
)
def test_an_invalid_filter_is_a_friendly_400_page(client, world, params, message):
    response = client.get(URL, params)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and "clear all filters" in html


def test_each_statement_shows_the_chair_at_the_time_computed_for_the_whole_page(client, world):
    html = client.get(URL).content.decode()
    assert "chair: OHCHR" in html
