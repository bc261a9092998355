"""Every published record of the seed appears in each download with the same dates, precisions and relations.

Expected values are the database rows themselves (read here directly, not through the builder) and facts
from FACTS.md written out as literals.
"""

import pytest

from registry import models as m
from tests.opendata.conftest import stored, stored_csv, stored_json

pytestmark = pytest.mark.django_db


def _iso(value):
    return value.isoformat() if value else None


def _popolo(value, precision):
    if value is None:
        return None
    return {"year": value.isoformat()[:4], "month": value.isoformat()[:7], "day": value.isoformat()}[precision]


def _csv_value(value):
    return "" if value is None else value


def _by(rows, key):
    return {row[key]: row for row in rows}


# JSON ------------------------------------------------------------------------------------------------


def test_every_agency_and_membership_is_in_the_json_with_its_dates_and_precisions(built):
    data = stored_json(built, "gmg-registry.json")
    agencies = _by(data["agencies"], "slug")
    assert set(agencies) == set(m.Agency.objects.values_list("slug", flat=True))
    memberships = _by(data["memberships"], "id")
    assert set(memberships) == set(m.Membership.objects.values_list("pk", flat=True))
    for membership in m.Membership.objects.select_related("agency"):
        row = memberships[membership.pk]
        assert row["agency"] == membership.agency.slug
        assert row["body"] == membership.body
        assert (row["start"], row["start_precision"]) == (
            _iso(membership.start), membership.start_precision if membership.start else None,
        )  # fmt: skip
        assert row["end"] == _iso(membership.end)
        assert row["end_precision"] == (membership.end_precision if membership.end else None)
        assert row["attested_on"] == _iso(membership.attested_on)


def test_the_json_holds_the_facts_of_the_group(built):
    data = stored_json(built, "gmg-registry.json")
    unu = [row for row in data["memberships"] if row["agency"] == "unu"]
    assert [(r["body"], r["start"], r["start_precision"], r["end"], r["end_precision"]) for r in unu] == [
        ("gmg", "2014-06-08", "day", "2018-12-31", "year")
    ]
    members_2006 = {
        row["agency"]
        for row in data["memberships"]
        if row["body"] == "gmg" and (row["start"] or "9999") <= "2006-06-30" and (row["end"] or "9999") >= "2006-06-30"
    }
    assert len(members_2006) == 10  # FACTS.md: members on 2006-06-30: 10
    [vacancy] = data["chair_vacancies"]
    assert (vacancy["start"], vacancy["start_precision"], vacancy["end"], vacancy["end_precision"]) == (
        "2009-01-01", "month", "2009-05-31", "month",
    )  # fmt: skip
    unitar = next(term for term in data["chair_terms"] if term["holders"] == ["unitar"])
    assert (unitar["start"], unitar["start_precision"], unitar["end"], unitar["end_precision"]) == (
        "2009-06-01", "day", "2009-12-31", "month",
    )  # fmt: skip
    statement = _by(data["statements"], "slug")["human-rights-of-migrants-in-irregular-situation-2010"]
    assert (statement["date"], statement["date_precision"]) == ("2010-09-30", "day")
    assert statement["topics"] == ["human-rights", "irregular-migration"]
    report = _by(data["publications"], "slug")["international-migration-and-human-rights-2008"]
    assert (report["date"], report["date_precision"]) == ("2008-11-01", "month")


def test_every_record_in_the_json_carries_its_sources(built):
    data = stored_json(built, "gmg-registry.json")
    for agency in m.Agency.objects.prefetch_related("sources"):
        row = _by(data["agencies"], "slug")[agency.slug]
        assert [s["title"] for s in row["sources"]] == [s.title for s in agency.sources.all()]
        assert row["sources"], f"{agency} has no sources"
    for term in m.ChairTerm.objects.prefetch_related("sources"):
        row = _by(data["chair_terms"], "id")[term.pk]
        assert [(s["title"], s["url"], s["note"]) for s in row["sources"]] == [
            (s.title, s.url or None, s.note or None) for s in term.sources.all()
        ]


def test_every_published_statement_event_group_and_publication_is_in_the_json_with_its_relations(built):
    data = stored_json(built, "gmg-registry.json")
    statements = _by(data["statements"], "slug")
    assert set(statements) == set(m.Statement.objects.values_list("slug", flat=True))
    for statement in m.Statement.objects.prefetch_related("signatories", "topics").select_related("event"):
        row = statements[statement.slug]
        assert (row["date"], row["date_precision"]) == (_iso(statement.date), statement.date_precision)
        assert row["event"] == (statement.event.slug if statement.event else None)
        assert row["signatories"] == sorted(a.slug for a in statement.signatories.all())
        assert row["topics"] == sorted(t.slug for t in statement.topics.all())
    events = _by(data["events"], "slug")
    for event in m.Event.objects.prefetch_related("participations__agency"):
        row = events[event.slug]
        assert (row["start"], row["start_precision"], row["end"]) == (
            _iso(event.start), event.start_precision, _iso(event.end),
        )  # fmt: skip
        assert [p["agency"] for p in row["participants"]] == [p.agency.slug for p in event.participations.all()]
    groups = _by(data["working_groups"], "slug")
    for group in m.WorkingGroup.objects.prefetch_related("roles__agency"):
        row = groups[group.slug]
        assert (row["established"], row["established_precision"]) == (
            _iso(group.established), group.established_precision if group.established else None,
        )  # fmt: skip
        assert sorted((r["agency"], r["role"]) for r in row["roles"]) == sorted(
            (r.agency.slug, r.role) for r in group.roles.all()
        )
    publications = _by(data["publications"], "slug")
    for publication in m.Publication.objects.prefetch_related("lead_agencies", "topics"):
        row = publications[publication.slug]
        assert (row["date"], row["date_precision"]) == (_iso(publication.date), publication.date_precision)
        assert row["topics"] == sorted(t.slug for t in publication.topics.all())
    assert set(_by(data["initiatives"], "slug")) == set(m.Initiative.objects.values_list("slug", flat=True))
    assert set(_by(data["topics"], "slug")) == set(m.Topic.objects.values_list("slug", flat=True))
    assert set(_by(data["pages"], "slug")) == {"about", "history"}


# CSV ------------------------------------------------------------------------------------------------


def test_every_membership_and_chair_term_is_in_the_csv_files_with_its_dates_and_holders(built):
    memberships = _by(stored_csv(built, "memberships"), "id")
    assert len(memberships) == m.Membership.objects.count()
    for membership in m.Membership.objects.select_related("agency"):
        row = memberships[str(membership.pk)]
        assert row["agency"] == membership.agency.slug
        assert (row["start"], row["start_precision"]) == (
            _csv_value(_iso(membership.start)), membership.start_precision if membership.start else "",
        )  # fmt: skip
        assert row["end"] == _csv_value(_iso(membership.end))
        assert row["attested_on"] == _csv_value(_iso(membership.attested_on))
    terms = _by(stored_csv(built, "chair_terms"), "id")
    holders = {(row["chair_term"], row["agency"]) for row in stored_csv(built, "chair_holders")}
    for term in m.ChairTerm.objects.prefetch_related("holders"):
        row = terms[str(term.pk)]
        assert (row["start"], row["start_precision"], row["end"], row["end_precision"]) == (
            _iso(term.start), term.start_precision, _iso(term.end), term.end_precision,
        )  # fmt: skip
        for agency in term.holders.all():
            assert (str(term.pk), agency.slug) in holders
    assert len(terms) == 18  # FACTS.md: the chair rotation lists 18 terms
    assert len(holders) == 19  # FACTS.md: one chair a term, but FAO and IOM co-chaired 2018


def test_every_statement_and_its_relations_are_in_the_csv_files(built):
    statements = _by(stored_csv(built, "statements"), "slug")
    topics = {(row["statement"], row["topic"]) for row in stored_csv(built, "statement_topics")}
    signatories = {(row["statement"], row["agency"]) for row in stored_csv(built, "statement_signatories")}
    expected_topics, expected_signatories = set(), set()
    for statement in m.Statement.objects.prefetch_related("topics", "signatories").select_related("event"):
        row = statements[statement.slug]
        assert (row["date"], row["date_precision"]) == (_iso(statement.date), statement.date_precision)
        assert row["event"] == (statement.event.slug if statement.event else "")
        expected_topics |= {(statement.slug, t.slug) for t in statement.topics.all()}
        expected_signatories |= {(statement.slug, a.slug) for a in statement.signatories.all()}
    assert topics == expected_topics
    assert signatories == expected_signatories
    assert len(statements) == m.Statement.objects.count()


def test_the_sources_table_lists_every_source_of_every_record(built):
    rows = stored_csv(built, "sources")
    assert len(rows) == m.Source.objects.count()
    unitar = m.ChairTerm.objects.get(holders__slug="unitar")
    mine = [row for row in rows if row["table"] == "chair_terms" and row["record"] == str(unitar.pk)]
    assert [(row["position"], row["title"]) for row in mine] == [
        ("1", "Global Migration Group (GMG)"),
        ("2", "UNITAR slides, 12–13 November 2009"),
    ]
    assert mine[1]["url"] == ""  # the slides have no address


def test_the_vacancy_and_partial_dates_read_back_from_the_csv(built):
    [vacancy] = stored_csv(built, "chair_vacancies")
    assert (vacancy["start"], vacancy["start_precision"], vacancy["end"], vacancy["end_precision"]) == (
        "2009-01-01", "month", "2009-05-31", "month",
    )  # fmt: skip
    events = _by(stored_csv(built, "events"), "slug")
    assert (events["gfmd-brussels-2007"]["start"], events["gfmd-brussels-2007"]["start_precision"]) == (
        "2007-01-01", "year",
    )  # fmt: skip


# Popolo ---------------------------------------------------------------------------------------------


def test_every_agency_membership_and_event_is_in_the_popolo_export(built):
    data = stored_json(built, "gmg-registry-popolo.json")
    organizations = _by(data["organizations"], "id")
    for agency in m.Agency.objects.all():
        org = organizations[f"agency/{agency.slug}"]
        assert org["name"] == agency.name
        assert {"name": agency.acronym, "note": "acronym"} in org["other_names"]
    memberships = _by(data["memberships"], "id")
    for membership in m.Membership.objects.select_related("agency"):
        item = memberships[f"membership/{membership.pk}"]
        assert item["organization_id"] == f"body/{membership.body}"
        assert item["member"] == {"@type": "Organization", "id": f"agency/{membership.agency.slug}"}
        assert item.get("start_date") == _popolo(membership.start, membership.start_precision)
        assert item["end_date"] == _popolo(membership.end, membership.end_precision)
    events = _by(data["events"], "id")
    for event in m.Event.objects.all():
        assert events[f"event/{event.slug}"]["start_date"] == _popolo(event.start, event.start_precision)
    for role in m.WorkingGroupRole.objects.select_related("group", "agency"):
        item = memberships[f"working-group-role/{role.pk}"]
        assert item["organization_id"] == f"working-group/{role.group.slug}"
        assert item["role"] == role.role


def test_popolo_dates_say_only_what_is_known(built):
    data = stored_json(built, "gmg-registry-popolo.json")
    unu = [m for m in data["memberships"] if m["member"]["id"] == "agency/unu" and m["role"] == "member"]
    assert [(m["start_date"], m["end_date"]) for m in unu] == [("2014-06-08", "2018")]
    bodies = _by(data["organizations"], "id")
    assert (bodies["body/gmg"]["founding_date"], bodies["body/gmg"]["dissolution_date"]) == ("2006", "2018")
    assert bodies["body/geneva"]["founding_date"] == "2003"


def test_the_chair_is_a_post_with_its_holders_and_vacancies(built):
    data = stored_json(built, "gmg-registry-popolo.json")
    [post] = data["posts"]
    assert post["organization_id"] == "body/gmg"
    holders = post["memberships"]
    assert len(holders) == 19  # FACTS.md: 18 terms, the 2018 one held by two co-chairs
    assert all(h["post_id"] == post["id"] for h in holders)
    by_term = {}
    for h in holders:
        by_term.setdefault(h["chair_term_id"], []).append(h)
    for term in m.ChairTerm.objects.prefetch_related("holders"):
        assert sorted(h["member"]["id"] for h in by_term[term.pk]) == sorted(
            f"agency/{agency.slug}" for agency in term.holders.all()
        )
        for holder in by_term[term.pk]:
            assert (holder["start_date"], holder["end_date"]) == (
                _popolo(term.start, term.start_precision), _popolo(term.end, term.end_precision),
            )  # fmt: skip
    co_chairs = [h for h in holders if h["start_date"] == "2018"]
    assert sorted(h["member"]["id"] for h in co_chairs) == ["agency/fao", "agency/iom"]
    assert {h["end_date"] for h in co_chairs} == {"2018"}
    unitar = next(h for h in holders if h["member"]["id"] == "agency/unitar")
    assert (unitar["start_date"], unitar["end_date"]) == ("2009-06-01", "2009-12")
    documented = [v for v in post["vacancies"] if v["documented"]]
    assert [(v["start_date"], v["end_date"], v["recorded_period"]) for v in documented] == [
        ("2009-01-01", "2009-05-31", {"start_date": "2009-01", "end_date": "2009-05"})
    ]
    assert "cannot be forced to chair" in documented[0]["note"]
    assert [v["title"] for v in documented[0]["other_sources"]] == ["UNITAR slides, 12–13 November 2009"]
    # FACTS.md: no source for June 2012 or for 2015, so those months have no chair on record.
    undocumented = {(v["start_date"], v["end_date"]) for v in post["vacancies"] if not v["documented"]}
    assert {("2012-06-01", "2012-06-30"), ("2015-01-01", "2015-12-31")} <= undocumented


def test_every_popolo_record_carries_its_linked_sources(built):
    data = stored_json(built, "gmg-registry-popolo.json")
    ilo = _by(data["organizations"], "id")["agency/ilo"]
    assert (
        "https://www.migrationpolicy.org/article/suddenly-migration-was-everywhere-conception-and-future-prospects-"
        "global-migration-group"
    ) in [s["url"] for s in ilo["sources"]]
    for membership in data["memberships"]:
        assert membership["sources"] or membership.get("other_sources"), membership["id"]


def test_no_download_says_when_it_was_built(built):
    # The version lives in the path and the manifest; the data files depend on the data alone.
    for name in ("gmg-registry.json", "gmg-registry-popolo.json", "datapackage/datapackage.json"):
        assert b"2026-11-20" not in stored(built, name), name
