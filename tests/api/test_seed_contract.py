"""The contract on the real seed data: what researchers will actually query."""

import pytest


def results(api, query):
    response = api.get(f"/api/v1/{query}")
    assert response.status_code == 200, response.content
    return response.json()


@pytest.mark.parametrize(("date", "count"), [("2006-06-30", 10), ("2008-06-30", 14), ("2010-06-30", 16)])
def test_the_number_of_gmg_members_on_a_date(api, seed, date, count):
    assert results(api, f"agencies/?member_on={date}")["count"] == count


def test_the_geneva_migration_group_had_its_own_members(api, seed):
    # FACTS.md: UNHCR, IOM, ILO and OHCHR founded it in 2003; UNODC and UNCTAD joined soon after.
    geneva = {a["slug"] for a in results(api, "agencies/?member_on=2005-01-01&body=geneva")["results"]}
    assert geneva == {"unhcr", "iom", "ilo", "ohchr", "unodc", "unctad"}
    assert results(api, "agencies/?member_on=2005-01-01")["count"] == 0  # the GMG itself began in 2006


def test_ohchr_chaired_on_1_october_2010(api, seed):
    term = results(api, "chair-terms/current/?on=2010-10-01")
    assert (term["agency"], term["start"], term["end"]) == ("ohchr", "2010-07-01", "2010-12-31")  # Jul–Dec 2010


def test_on_1_march_2009_there_was_no_chair_and_the_404_says_why(api, seed):
    response = api.get("/api/v1/chair-terms/current/?on=2009-03-01")
    assert response.status_code == 404
    body = response.json()
    assert body["detail"].startswith("No chair on record on 2009-03-01 (documented vacancy, January–May 2009)")
    assert body["vacancy"]["note"].startswith("No agency would take the chair")
    assert body["vacancy"]["note"] in body["detail"]
    assert (body["vacancy"]["start"], body["vacancy"]["end"]) == ("2009-01-01", "2009-05-31")


def test_chair_terms_on_a_date_and_in_a_year(api, seed):
    assert [t["agency"] for t in results(api, "chair-terms/?on=2010-10-01")["results"]] == ["ohchr"]
    assert results(api, "chair-terms/?on=2009-03-01")["count"] == 0
    in_2008 = [(t["agency"], t["start"], t["end"]) for t in results(api, "chair-terms/?year=2008")["results"]]
    assert in_2008 == [("unfpa", "2008-01-01", "2008-06-30"), ("unctad", "2008-07-01", "2008-12-31")]
    ohchr = [(t["agency"], t["start"]) for t in results(api, "chair-terms/?agency=ohchr")["results"]]
    assert ohchr == [("ohchr", "2010-07-01")]


def test_memberships_by_agency_body_and_date(api, seed):
    iom = results(api, "memberships/?agency=iom")["results"]
    assert {mb["body"] for mb in iom} == {"gmg", "geneva"}
    assert results(api, "memberships/?active_on=2006-06-30&body=gmg")["count"] == 10  # the ten of early 2006


def slugs(api, query):
    return {row["slug"] for row in results(api, query)["results"]}


def test_agency_kind_un_system_and_headquarters(api, seed):
    assert slugs(api, "agencies/?kind=specialised") == {"fao", "ilo", "unesco", "who", "world-bank"}
    assert slugs(api, "agencies/?in_un_system=false") == set()  # IOM joined the UN system in 2016
    # FACTS.md, "Member agencies": the Geneva-based members.
    assert slugs(api, "agencies/?headquarters=geneva") == {"ilo", "iom", "ohchr", "unctad", "unhcr", "unitar", "who"}


# FACTS.md, "Statements": 30 Sep 2010, 3–4 Oct 2013 (at the High-Level Dialogue), 18 Dec 2013, 19 Sep 2016.
IRREGULAR = "human-rights-of-migrants-in-irregular-situation-2010"
HLD = "statement-to-the-high-level-dialogue-2013"
MIGRANTS_DAY = "international-migrants-day-2013"
SUMMIT = "un-summit-for-refugees-and-migrants-2016"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=joint", {IRREGULAR}),
        ("kind=unspecified", {MIGRANTS_DAY}),  # no source says what kind of statement it was
        ("kind=delivered", {HLD, SUMMIT}),
        ("language=en", {IRREGULAR, HLD, MIGRANTS_DAY, SUMMIT}),
        ("language=fr", set()),
        ("year=2013", {HLD, MIGRANTS_DAY}),
        ("date_after=2013-01-01", {HLD, MIGRANTS_DAY, SUMMIT}),
        ("date_before=2010-12-31", {IRREGULAR}),
        ("topic=migration-and-development", {HLD, MIGRANTS_DAY}),
        ("event=high-level-dialogue-2013", {HLD}),
    ],
)
def test_every_statement_filter_on_the_seed(api, seed, query, expected):
    assert slugs(api, f"statements/?{query}") == expected


def test_working_groups_by_date_and_agency(api, seed):
    # FACTS.md: IOM co-chairs the mainstreaming and data groups and co-convenes the capacity task force.
    iom = {"mainstreaming-migration", "data-and-research", "capacity-development-task-force"}
    assert slugs(api, "working-groups/?agency=iom") == iom
    assert slugs(api, "working-groups/?active_on=2012-01-01") == {*iom, "migration-human-rights-and-gender"}


def test_events_filters_on_the_seed(api, seed):
    assert slugs(api, "events/?kind=hld") == {"high-level-dialogue-2006", "high-level-dialogue-2013"}
    assert slugs(api, "events/?year=2011") == {"symposium-on-migration-and-youth-2011"}
    assert slugs(api, "events/?agency=unicef") == {"symposium-on-migration-and-youth-2011"}  # under UNICEF's chair
    assert slugs(api, "events/?date_after=2011-01-01") == {
        "symposium-on-migration-and-youth-2011", "high-level-dialogue-2013", "un-summit-for-refugees-and-migrants-2016",
    }  # fmt: skip


def test_publications_filters_on_the_seed(api, seed):
    # FACTS.md, "Publications": Nov 2008 report, 2010 handbook, Sep 2016 guidance note, Dec 2017 handbook.
    handbooks = {
        "mainstreaming-migration-into-development-planning-2010",
        "handbook-on-migration-data-for-development-2017",
    }
    assert slugs(api, "publications/?kind=handbook") == handbooks
    assert slugs(api, "publications/?year=2008") == {"international-migration-and-human-rights-2008"}
    assert slugs(api, "publications/?topic=human-rights") == {"international-migration-and-human-rights-2008"}


def test_the_seed_csv_has_the_same_rows(api, seed):
    lines = api.get("/api/v1/agencies/?member_on=2010-06-30&format=csv").content.decode().strip().splitlines()
    assert len(lines) == 16 + 1  # FACTS.md: 16 members on 2010-06-30, and the header
