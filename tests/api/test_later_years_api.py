"""The API of the later years (issue 15): co-chairs as `holders` with `agency` kept for old clients,
reported totals as a resource, and memberships whose start is not recorded."""

import datetime

import pytest

from registry import models as m
from tests.factories import AgencyFactory, ChairTermFactory, MembershipFactory

D = datetime.date


def get(api, path):
    response = api.get(f"/api/v1/{path}")
    assert response.status_code == 200, response.content
    return response.json()


# On the seed -------------------------------------------------------------------------------------


def test_current_on_30_june_2018_returns_both_co_chairs(api, seed):
    term = get(api, "chair-terms/current/?on=2018-06-30")
    assert term["holders"] == ["fao", "iom"]
    assert term["holder_acronyms"] == ["FAO", "IOM"]
    assert (term["agency"], term["agency_acronym"]) == ("fao", "FAO")  # the first holder, as before co-chairs
    assert (term["start"], term["end"], term["start_precision"]) == ("2018-01-01", "2018-12-31", "year")


def test_the_agency_filter_matches_any_holder_of_a_term(api, seed):
    for slug in ("fao", "iom"):
        starts = [term["start"] for term in get(api, f"chair-terms/?agency={slug}")["results"]]
        assert "2018-01-01" in starts, slug
    assert [t["holders"] for t in get(api, "chair-terms/?year=2018")["results"]] == [["fao", "iom"]]


def test_a_sole_chairs_term_keeps_its_old_shape(api, seed):
    term = get(api, "chair-terms/current/?on=2010-10-01")
    assert (term["agency"], term["agency_acronym"], term["holders"]) == ("ohchr", "OHCHR", ["ohchr"])


def test_chair_terms_sort_by_their_first_holder_without_repeating_co_chaired_terms(api, seed):
    terms = get(api, "chair-terms/?ordering=agency&page_size=200")["results"]
    assert len(terms) == 18 == len({t["id"] for t in terms})
    firsts = [t["agency_acronym"] for t in terms]
    assert firsts == sorted(firsts)


def test_csv_lists_the_holders_in_one_cell(api, seed):
    csv = api.get("/api/v1/chair-terms/?year=2018&format=csv").content.decode()
    assert "fao; iom" in csv


def test_reported_totals_list_the_22_of_2018_beside_the_19_named(api, seed):
    body = get(api, "reported-totals/")
    assert body["count"] == 2
    in_2015, in_2018 = body["results"]
    assert (in_2018["date"], in_2018["date_precision"], in_2018["total"]) == ("2018-01-01", "year", 22)
    assert (in_2018["named"], in_2018["named_on_date"], in_2018["named_undated"]) == (19, 18, ["wfp"])
    assert in_2018["sources"][0]["url"].startswith("https://www.iom.int/news/global-migration-group-supports")
    assert (in_2015["date"], in_2015["total"], in_2015["named_on_date"]) == ("2015-04-30", 18, 18)
    detail = get(api, f"reported-totals/{in_2018['id']}/")
    assert (detail["named"], detail["named_undated"]) == (19, ["wfp"])
    assert get(api, "reported-totals/?year=2015")["count"] == 1


def test_wfp_membership_has_no_dates_and_is_in_no_dated_answer(api, seed):
    [wfp] = get(api, "memberships/?agency=wfp")["results"]
    assert (wfp["start"], wfp["attested_on"], wfp["end"]) == (None, None, None)
    for day in ("2015-04-30", "2018-06-30"):
        assert "wfp" not in {a["slug"] for a in get(api, f"agencies/?member_on={day}&page_size=200")["results"]}
        assert "wfp" not in {mb["agency"] for mb in get(api, f"memberships/?active_on={day}&page_size=200")["results"]}
    assert get(api, "agencies/?member_on=2015-04-30")["count"] == 18
    assert "wfp" in {a["slug"] for a in get(api, "agencies/?body=gmg&page_size=200")["results"]}  # ever a member


# Writing ------------------------------------------------------------------------------------------


@pytest.fixture
def two(db):
    return AgencyFactory(acronym="FAO", slug="fao"), AgencyFactory(acronym="IOM", slug="iom")


def test_an_editor_adds_a_co_chaired_term_with_its_holders_in_order(as_user, editor, two):
    response = as_user(editor).post(
        "/api/v1/chair-terms/",
        {"holders": ["iom", "fao"], "start": "2017-01-01", "start_precision": "year", "end": "2017-12-31"},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["holders"] == ["iom", "fao"]
    assert [a.slug for a in m.ChairTerm.objects.with_holders().get().chairs] == ["iom", "fao"]


def test_an_old_client_writing_agency_makes_it_the_sole_holder(as_user, editor, two):
    client = as_user(editor)
    response = client.post(
        "/api/v1/chair-terms/", {"agency": "fao", "start": "2017-01-01", "end": "2017-06-30"}, format="json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["holders"] == ["fao"]
    term_id = response.json()["id"]
    patched = client.patch(f"/api/v1/chair-terms/{term_id}/", {"holders": ["fao", "iom"]}, format="json")
    assert patched.json()["holders"] == ["fao", "iom"]
    patched = client.patch(f"/api/v1/chair-terms/{term_id}/", {"note": "Interim."}, format="json")
    assert patched.json()["holders"] == ["fao", "iom"]  # holders untouched when not sent


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"holders": ["fao", "fao"]}, "once"),
        ({"holders": []}, "at least one"),
        ({}, "Name the agency"),
        ({"holders": ["nobody"]}, "does not exist"),
    ],
)
def test_a_term_without_a_clear_set_of_holders_is_a_400_on_holders(as_user, editor, two, body, message):
    response = as_user(editor).post(
        "/api/v1/chair-terms/", {**body, "start": "2017-01-01", "end": "2017-06-30"}, format="json"
    )
    assert response.status_code == 400
    assert message in " ".join(response.json()["holders"])
    assert not m.ChairTerm.objects.exists()


def test_a_third_term_overlapping_a_co_chaired_one_is_a_400_naming_both_co_chairs(as_user, editor, two):
    ChairTermFactory(holders=list(two), start=D(2017, 1, 1), end=D(2017, 12, 31))
    response = as_user(editor).post(
        "/api/v1/chair-terms/", {"agency": "fao", "start": "2017-06-01", "end": "2017-06-30"}, format="json"
    )
    assert response.status_code == 400
    assert "FAO and IOM's term" in response.json()["start"][0]
    assert m.ChairTerm.objects.count() == 1


def test_a_membership_may_be_written_with_an_attested_date_instead_of_a_start(as_user, editor, two):
    client = as_user(editor)
    body = {"agency": "fao", "body": "gmg", "attested_on": "2031-04-30", "attested_on_precision": "day"}
    response = client.post("/api/v1/memberships/", body, format="json")
    assert response.status_code == 201, response.content
    assert (response.json()["start"], response.json()["attested_on"]) == (None, "2031-04-30")
    both = client.post("/api/v1/memberships/", {**body, "agency": "iom", "start": "2031-01-01"}, format="json")
    assert both.status_code == 400
    assert "attested_on" in both.json()


@pytest.mark.parametrize("total", [0, -3, "many"])
def test_a_reported_total_must_be_a_positive_number(as_user, editor, total):
    response = as_user(editor).post(
        "/api/v1/reported-totals/", {"date": "2031-01-01", "date_precision": "year", "total": total}, format="json"
    )
    assert response.status_code == 400
    assert "total" in response.json()


def test_a_second_total_for_the_same_body_and_date_is_a_400(as_user, editor):
    client = as_user(editor)
    body = {"date": "2031-01-01", "date_precision": "year", "total": 20}
    assert client.post("/api/v1/reported-totals/", body, format="json").status_code == 201
    again = client.post("/api/v1/reported-totals/", {**body, "total": 21}, format="json")
    assert again.status_code == 400
    assert m.ReportedTotal.objects.count() == 1


def test_anonymous_clients_cannot_write_a_total(api, db):
    assert api.post("/api/v1/reported-totals/", {"date": "2031-01-01", "total": 3}, format="json").status_code == 401


def test_the_reported_totals_list_costs_the_same_queries_at_any_size(api, db, django_assert_max_num_queries):
    from tests.factories import ReportedTotalFactory

    MembershipFactory(start=D(2031, 1, 1))
    for year in range(2031, 2041):
        ReportedTotalFactory(date=D(year, 1, 1))
    with django_assert_max_num_queries(6):
        assert get(api, "reported-totals/")["count"] == 10


def test_the_schema_says_what_changed_for_chair_terms(api, db):
    schema = api.get("/api/v1/schema/?format=json").json()
    term = schema["components"]["schemas"]["ChairTerm"]["properties"]
    assert "co-chair" in term["holders"]["description"]
    assert "Kept from before co-chairs" in term["agency"]["description"]
    assert "/api/v1/reported-totals/" in schema["paths"]
    start = schema["components"]["schemas"]["Membership"]["properties"]["start"]
    assert "null when no source records when it joined" in start["description"]
