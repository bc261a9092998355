"""Site-wide search: the obviously relevant record first, snippets with the words marked, no drafts."""

from django.urls import reverse

from registry import search
from tests.factories import AgencyFactory, StatementFactory

URL = reverse("site:search")


def test_an_acronym_finds_the_agency_first(client, world):
    StatementFactory(title="UNHCR and UNHCR partners", summary="UNHCR UNHCR UNHCR", body="<p>UNHCR</p>")
    hits = client.get(URL, {"q": "UNHCR"}).context["hits"]
    assert hits[0].kind == "Agency" and hits[0].title.startswith("Office of the United Nations High Commissioner")
    assert len(hits) >= 2


def test_a_statements_key_words_find_it(client, world):
    hits = client.get(URL, {"q": "irregular situation"}).context["hits"]
    assert hits[0].url == "/statements/human-rights-irregular-2010/"


def test_search_covers_agencies_statements_groups_events_and_publications(client, world):
    kinds = {hit.kind for hit in search.search("human rights")} | {hit.kind for hit in search.search("data")}
    kinds |= {hit.kind for hit in search.search("Geneva")}
    assert {"Agency", "Statement", "Working group", "Event", "Publication"} <= kinds


def test_snippets_mark_the_words_found_and_escape_everything_else(client, world):
    AgencyFactory(acronym="XSS", slug="xss", migration_focus="<script>alert(1)</script> refugees")
    html = client.get(URL, {"q": "refugees"}).content.decode()
    assert "<mark>" in html.lower()
    assert "<script>alert(1)" not in html


def test_drafts_are_never_found(client, world):
    assert not [hit for hit in search.search("remittances") if "Secret" in hit.title]
    assert "Secret draft" not in client.get(URL, {"q": "secret draft"}).content.decode()
    assert "Unfinished handbook" not in client.get(URL, {"q": "unfinished handbook"}).content.decode()


def test_an_empty_or_odd_query_is_not_an_error(client, world):
    for q in ("", "   ", "!!!", "'", "a" * 500, "%_\\"):
        response = client.get(URL, {"q": q})
        assert response.status_code == 200


def test_a_very_long_query_is_cut_with_a_notice(client, world):
    assert "only its first 200 characters were used" in client.get(URL, {"q": "word " * 100}).content.decode()


def test_no_result_says_so_and_suggests_where_to_go(client, world):
    html = client.get(URL, {"q": "zeppelin"}).content.decode()
    assert "Nothing matches" in html
