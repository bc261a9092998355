"""Every page of the URL map answers, server-rendered, with the landmarks a screen reader needs."""

import pytest
from django.urls import reverse

PAGES = [
    ("site:home", {}, "The Global Migration Group, 2006–2018"),
    ("site:agencies", {}, "Member agencies"),
    ("site:agency", {"slug": "unhcr"}, "Office of the United Nations High Commissioner for Refugees"),
    ("site:chairs", {}, "The chair rotation"),
    ("site:statements", {}, "Statements"),
    ("site:statement", {"slug": "human-rights-irregular-2010"}, "human rights of migrants in irregular situation"),
    ("site:working-groups", {}, "Working groups"),
    ("site:working-group", {"slug": "data-research"}, "Working group on data and research"),
    ("site:events", {}, "Events"),
    ("site:event", {"slug": "principals-2010"}, "Principals' meeting, Geneva 2010"),
    ("site:publications", {}, "Publications"),
    ("site:publication", {"slug": "migration-hr-2008"}, "International Migration and Human Rights"),
    ("site:initiatives", {}, "Global Forum on Migration and Development"),
    ("site:topic", {"slug": "human-rights"}, "Human rights"),
    ("site:search", {}, "Search the registry"),
    ("site:page", {"slug": "history"}, "From Geneva to the world."),
]


@pytest.mark.parametrize(("name", "kwargs", "text"), PAGES, ids=[p[0] + str(p[1].get("slug", "")) for p in PAGES])
def test_each_public_page_renders_with_its_content_and_landmarks(client, world, name, kwargs, text):
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200
    html = response.content.decode()
    assert text in html
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert '<nav class="site-nav" aria-label="Main">' in html
    assert html.count("<h1") == 1
    assert 'rel="canonical"' in html and 'property="og:title"' in html
    assert " style=" not in html


def test_pages_use_the_one_stylesheet_and_no_cdn(client, world):
    html = client.get("/").content.decode()
    assert 'href="/static/css/site.css"' in html
    assert "cdn" not in html.lower()


def test_the_home_page_names_the_last_chair_once_the_group_has_ended(client, world):
    html = client.get("/").content.decode()
    assert "last chair on record was" in html
    assert "Office of the High Commissioner for Human Rights (OHCHR)" in html


def test_the_home_page_lists_the_latest_statements_and_events(client, world):
    html = client.get("/").content.decode()
    assert "Statement on the human rights of migrants in irregular situation" in html
    assert "Principals&#x27; meeting, Geneva 2010" in html


def test_the_working_group_page_shows_co_chairs_members_and_activities(client, world):
    html = client.get(reverse("site:working-group", kwargs={"slug": "data-research"})).content.decode()
    assert "Co-chair" in html and "UNDESA" in html and "UNHCR" in html
    assert "Handbook launch" in html and "Mexico, Philippines" in html


def test_the_event_page_shows_who_took_part_at_what_level(client, world):
    html = client.get(reverse("site:event", kwargs={"slug": "principals-2010"})).content.decode()
    assert "Principal" in html and "Deputy" in html
    assert "Statement on the human rights of migrants" in html


def test_the_topic_page_lists_its_published_statements_and_publications(client, world):
    html = client.get(reverse("site:topic", kwargs={"slug": "human-rights"})).content.decode()
    assert "Statement on the human rights of migrants" in html
    assert "International Migration and Human Rights" in html


def test_an_unknown_slug_is_a_friendly_404_in_the_sites_style(client, world):
    response = client.get("/agencies/nobody/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html and "site.css" in html and "Search the registry" in html


def test_the_500_page_renders_without_a_request_or_database(db):
    from django.template import loader

    html = loader.get_template("500.html").render({})
    assert "Something went wrong" in html and "site.css" in html


def test_content_pages_come_from_published_pages_only(client, world):
    assert client.get("/history/").status_code == 200
    assert client.get("/hidden/").status_code == 404
    assert "Hidden page" not in client.get("/").content.decode()


def test_the_home_page_names_the_current_chair_while_the_group_meets(client, world):
    import time_machine

    with time_machine.travel("2010-10-01 12:00 +0000"):
        html = client.get("/").content.decode()
    assert "Current chair" in html
    assert (
        "Office of the High Commissioner for Human Rights (OHCHR)</a>, "
        '<time datetime="2010-07">July</time>–<time datetime="2010-12">December 2010</time>'
    ) in html


def test_the_home_page_says_so_during_a_vacancy(client, world):
    import time_machine

    with time_machine.travel("2009-03-01 12:00 +0000"):
        html = client.get("/").content.decode()
    assert "No chair on record today. The last chair was" in html and "UNHCR" in html
    assert "no longer meets" not in html
