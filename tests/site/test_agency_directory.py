"""The agency directory filters by kind, headquarters and membership on a date, as a bookmarkable URL."""

from django.urls import reverse
from django.utils.html import strip_tags

URL = reverse("site:agencies")


def acronyms(response):
    return [agency.acronym for agency in response.context["agencies"]]


def test_the_directory_lists_every_agency(client, world):
    assert acronyms(client.get(URL)) == ["OHCHR", "UNDESA", "UNHCR"]


def test_the_directory_filters_by_kind(client, world):
    assert acronyms(client.get(URL, {"kind": "secretariat"})) == ["OHCHR", "UNDESA"]


def test_the_directory_filters_by_headquarters(client, world):
    assert acronyms(client.get(URL, {"headquarters": "New York"})) == ["UNDESA"]


def test_the_directory_shows_the_members_on_a_date(client, world):
    # UNDESA joined in 2007.
    assert acronyms(client.get(URL, {"member_on": "2006-06-30"})) == ["OHCHR", "UNHCR"]
    assert acronyms(client.get(URL, {"member_on": "2007-06-30"})) == ["OHCHR", "UNDESA", "UNHCR"]


def test_the_directory_can_ask_about_the_geneva_migration_group(client, world):
    assert acronyms(client.get(URL, {"member_on": "2004-01-01", "body": "geneva"})) == ["UNHCR"]


def test_filters_combine(client, world):
    assert acronyms(client.get(URL, {"member_on": "2007-06-30", "headquarters": "Geneva", "kind": "fund"})) == ["UNHCR"]


def test_a_bad_date_is_a_clear_message_not_an_error(client, world):
    response = client.get(URL, {"member_on": "2009-02-30"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Give the date as YYYY-MM-DD" in html
    assert "Clear filters" in html


def test_an_unknown_kind_is_a_clear_message(client, world):
    response = client.get(URL, {"kind": "spaceship"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


def test_each_agency_in_the_directory_shows_when_it_was_a_member(client, world):
    html = strip_tags(client.get(URL).content.decode())
    assert "Member: Geneva Migration Group 2003–2005; Global Migration Group 2006–2018" in html


def test_the_directory_pages_and_counts_as_django_s_paginator_does(client, world, monkeypatch):
    # CountingPaginator reads a page and the count in one query; past the end, 0 or not a number, it gives the
    # page Django's paginator gives (the last, the last, the first), with the same count.
    from registry.views.agencies import AgencyListView

    monkeypatch.setattr(AgencyListView, "paginate_by", 2)
    first, last = ["OHCHR", "UNDESA"], ["UNHCR"]
    asks = [("1", first, 1), ("2", last, 2), ("9", last, 2), ("0", last, 2), ("x", first, 1), (None, first, 1)]
    for asked, shown, number in asks:
        response = client.get(URL, {"page": asked} if asked else {})
        assert acronyms(response) == shown, asked
        assert (response.context["page_obj"].number, response.context["paginator"].count) == (number, 3), asked
    empty = client.get(URL, {"headquarters": "Nowhere"})
    assert acronyms(empty) == [] and empty.context["paginator"].count == 0
