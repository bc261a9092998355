"""Site-wide search: every public kind, facets with counts, marked snippets cut at words, no drafts."""

import pytest
from django.urls import reverse

from registry import search
from tests.factories import AgencyFactory, ChairTermFactory, StatementFactory

URL = reverse("site:search")


def kinds_found(query):
    return {hit.kind for hit in search.search(query).hits}


def test_an_acronym_finds_the_agency_first(client, world):
    StatementFactory(title="UNHCR and UNHCR partners", summary="UNHCR UNHCR UNHCR", body="<p>UNHCR</p>")
    hits = client.get(URL, {"q": "UNHCR"}).context["hits"]
    assert hits[0].kind == "Agency" and hits[0].title.startswith("Office of the United Nations High Commissioner")
    assert len(hits) >= 2


def test_a_statements_key_words_find_it(client, world):
    hits = client.get(URL, {"q": "irregular situation"}).context["hits"]
    assert hits[0].url == "/statements/human-rights-irregular-2010/"


def test_search_covers_every_public_kind(client, world):
    found = kinds_found("human rights") | kinds_found("data") | kinds_found("Geneva") | kinds_found("GFMD")
    found |= kinds_found("vacancy") | kinds_found("OHCHR") | kinds_found("history")
    assert found == {
        "Agency", "Membership", "Chair term", "Chair vacancy", "Statement", "Publication", "Working group", "Event",
        "Initiative", "Page", "Topic",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("query", "kind", "title"),
    [
        ("ICPD", "Initiative", "International Conference on Population and Development"),
        ("Berne", "Initiative", "Berne Initiative"),
        ("vacancy", "Chair vacancy", "No chair, January–May 2009"),
    ],
)
def test_the_seed_is_found_by_the_words_readers_use(client, seed, query, kind, title):
    hits = client.get(URL, {"q": query}).context["hits"]
    assert (kind, title) in [(hit.kind, hit.title) for hit in hits]


def test_a_word_in_an_agencys_description_is_found_on_the_site_and_in_the_api(client, world):
    AgencyFactory(acronym="ZEP", slug="zep", description="<p>Keeps the <em>zeppelin</em> registry.</p>")
    assert [hit.url for hit in search.search("zeppelin").hits] == ["/agencies/zep/"]
    assert [a["slug"] for a in client.get("/api/v1/agencies/", {"search": "zeppelin"}).json()["results"]] == ["zep"]


def test_results_have_facets_with_counts_and_a_kind_narrows_them(client, world):
    response = client.get(URL, {"q": "human rights"})
    counts = {facet.kind.key: facet.count for facet in response.context["results"].facets}
    # The world: one statement, its publication and its topic speak of human rights (the French one does not).
    assert counts["statement"] == 1 and counts["publication"] == 1 and counts["topic"] == 1
    assert counts["agency"] == 1  # OHCHR, "Office of the High Commissioner for Human Rights"
    html = response.content.decode()
    assert "Publications (1)" in html and 'href="?q=human%20rights&amp;kind=publication"' in html
    narrowed = client.get(URL, {"q": "human rights", "kind": "publication"})
    assert [hit.title for hit in narrowed.context["hits"]] == ["International Migration and Human Rights"]
    assert "1 result for “human rights” among the publications" in narrowed.content.decode()


def test_an_unknown_kind_is_a_400_that_says_so(client, world):
    response = client.get(URL, {"q": "rights", "kind": "spaceship"})
    assert response.status_code == 400
    assert "There is no kind of record called “spaceship”." in response.content.decode()


def test_snippets_mark_the_words_found_and_escape_everything_else(client, world):
    AgencyFactory(acronym="XSS", slug="xss", migration_focus="<script>alert(1)</script> refugees & <b>others</b>")
    html = client.get(URL, {"q": "refugees"}).content.decode()
    assert "<mark>refugees</mark> &amp; others" in html
    assert "<script>alert(1)" not in html and "<b>" not in html


def test_snippets_are_cut_at_word_boundaries_around_the_first_match():
    text = " ".join(f"word{i}" for i in range(100)) + " the Berne Initiative " + " ".join(f"tail{i}" for i in range(50))
    snippet = search.snippet_of(f"<p>{text}</p>", ["berne"])
    # 32 words, starting 8 before the match: word93 … tail21, whole words only, "…" where text was cut.
    assert snippet.startswith("… word93 word94") and snippet.endswith("tail20 tail21 …")
    assert "<mark>Berne</mark> Initiative" in snippet


def test_drafts_are_never_found(client, world):
    assert not [hit for hit in search.search("remittances").hits if "Secret" in hit.title]
    assert "Secret draft" not in client.get(URL, {"q": "secret draft"}).content.decode()
    assert "Unfinished handbook" not in client.get(URL, {"q": "unfinished handbook"}).content.decode()
    assert "Hidden page" not in client.get(URL, {"q": "hidden page"}).content.decode()


def test_an_empty_or_odd_query_is_not_an_error(client, world):
    for q in ("", "   ", "!!!", "'", "a" * 500, "%_\\"):
        response = client.get(URL, {"q": q})
        assert response.status_code == 200


def test_a_query_without_words_narrowed_to_a_kind_is_not_an_error(client, world):
    """It has no facets to count from: "0 results", not a 500 (StopIteration in Results.count)."""
    for q in ("%", "!!!", ""):
        response = client.get(URL, {"q": q, "kind": "statement"})
        assert response.status_code == 200, q
        assert response.context["results"].count == 0


def test_a_nul_character_is_a_400_not_a_database_error(client, world):
    response = client.get(URL, {"q": "rights\x00"})
    assert response.status_code == 400
    assert "Null characters are not allowed." in response.content.decode()


def test_a_very_long_query_is_cut_with_a_notice(client, world):
    assert "only its first 200 characters were used" in client.get(URL, {"q": "word " * 100}).content.decode()


def test_no_result_says_so_and_suggests_where_to_go(client, world):
    html = client.get(URL, {"q": "zeppelin"}).content.decode()
    assert "Nothing matches" in html


def test_a_search_costs_the_same_number_of_queries_whatever_the_data_size(client, world, django_assert_max_num_queries):
    from tests.site.conftest import build_many

    # One query per kind, the menu, and the holders of the chair terms found.
    with django_assert_max_num_queries(len(search.KINDS) + 3) as small:
        client.get(URL, {"q": "a"})
    build_many(30)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(URL, {"q": "a"}).status_code == 200


def test_a_word_found_in_most_records_ranks_only_the_newest_candidates_and_says_so(client, world, monkeypatch):
    """A common word must not rank and count every record: past `CANDIDATES` the count shows as "N+"."""
    import datetime

    monkeypatch.setattr(search, "CANDIDATES", 2)
    for year in (2011, 2012, 2013, 2014):
        StatementFactory(title=f"Zebra crossing {year}", summary="zebras", date=datetime.date(year, 1, 1))
    StatementFactory(title="Zebra", summary="The old one, whose title is the query.", date=datetime.date(1990, 1, 1))
    results = search.search("zebra")
    count = next(facet.count for facet in results.facets if facet.kind.key == "statement")
    assert count == 2 and str(count) == "2+"
    # The exact title is found first, however old; the others are the newest.
    titles = [hit.title for hit in results.hits if hit.kind == "Statement"]
    assert titles[0] == "Zebra" and set(titles[1:]) <= {
        "Zebra crossing 2014",
        "Zebra crossing 2013",
        "Zebra crossing 2012",
    }
    html = client.get(URL, {"q": "zebra"}).content.decode()
    assert "Statements (2+)" in html and "2+ results" in html


def test_a_word_inside_a_word_is_found_on_every_database(client, world):
    StatementFactory(title="On outmigration", summary="", body="<p>Seasonal outmigration from the highlands.</p>")
    assert "On outmigration" in [hit.title for hit in search.search("igrati").hits]


def test_the_stored_search_documents_read_every_language_of_the_translated_fields():
    from registry.translation import TRANSLATED_FIELDS

    for kind in search.KINDS:
        if hasattr(kind.model, "SEARCH_TRANSLATED"):
            assert kind.fields == kind.model.SEARCH_FIELDS
            assert set(kind.model.SEARCH_TRANSLATED) == set(TRANSLATED_FIELDS[kind.model]) & set(kind.fields)


def test_a_chair_term_is_found_once_by_its_co_chairs_names_in_any_language(db):
    zephyr = AgencyFactory(acronym="ZPH", name_en="Zephyr Agency", name_fr="Agence Zéphyr")
    zenith = AgencyFactory(acronym="ZNT", name_en="Zephyr Fund", name_fr="Fonds Zéphyr")
    ChairTermFactory(holders=[zephyr, zenith])
    for query in ("zephyr", "zéphyr", "ZPH"):
        results = search.search(query, kind="chair-term")
        assert results.count == 1 and len(results.hits) == 1, query
    assert search.search("zinc", kind="chair-term").count == 0


def test_a_statement_title_typed_in_another_case_comes_first(db):
    StatementFactory(title="Joint migration", summary="Joint statement on mixed migration, joint.", body="<p>Joint</p>")
    StatementFactory(title="Joint Statement on Mixed Migration", slug="joint-statement-on-mixed-migration")
    hits = search.search("joint STATEMENT on mixed migration").hits
    assert hits[0].url == "/statements/joint-statement-on-mixed-migration/"
    assert hits[0].rank >= search.EXACT_BOOST
