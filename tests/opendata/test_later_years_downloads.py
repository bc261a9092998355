"""The later years in every download: FAO and WFP, the 2018 co-chairs, memberships without a recorded start
(with or without an attested date) and the totals of members sources reported without naming them all.

Expected values are literals from FACTS.md and the seed fixtures, never computed by the builder.
"""

import datetime

import pytest

from registry import models as m
from tests import factories as f
from tests.opendata.conftest import BUILD_DAY, build_on, stored_csv, stored_json

pytestmark = pytest.mark.django_db


def _by(rows, key):
    return {row[key]: row for row in rows}


def _memberships_of(rows, agency):
    return [row for row in rows if row["agency"] == agency]


def test_the_json_counts_the_agencies_terms_and_totals_of_the_facts(built):
    data = stored_json(built, "gmg-registry.json")
    assert data["counts"]["agencies"] == 19  # FACTS.md: 16 as of 2013, UNU, FAO, WFP
    assert data["counts"]["chair_terms"] == 18
    assert data["counts"]["reported_totals"] == 2
    assert {"fao", "wfp"} <= {row["slug"] for row in data["agencies"]}
    [co_chaired] = [term for term in data["chair_terms"] if len(term["holders"]) > 1]
    assert co_chaired["holders"] == ["fao", "iom"]
    assert (co_chaired["start"], co_chaired["start_precision"], co_chaired["end"], co_chaired["end_precision"]) == (
        "2018-01-01", "year", "2018-12-31", "year",
    )  # fmt: skip


def test_fao_joined_in_2014_and_wfp_has_no_date_in_the_json(built):
    memberships = stored_json(built, "gmg-registry.json")["memberships"]
    [fao] = _memberships_of(memberships, "fao")
    assert (fao["body"], fao["start"], fao["start_precision"], fao["end"], fao["end_precision"]) == (
        "gmg", "2014-01-01", "year", "2018-12-31", "year",
    )  # fmt: skip
    assert (fao["attested_on"], fao["attested_on_precision"]) == (None, None)
    [wfp] = _memberships_of(memberships, "wfp")
    dates = ("start", "start_precision", "end", "end_precision", "attested_on", "attested_on_precision")
    assert [wfp[key] for key in dates] == [None] * 6
    assert "without a joining date" in wfp["note"]
    assert [s["title"] for s in wfp["sources"]], "WFP's membership keeps its source"


def test_the_reported_totals_are_in_the_json_with_their_sources(built):
    totals = stored_json(built, "gmg-registry.json")["reported_totals"]
    assert [(t["body"], t["date"], t["date_precision"], t["total"]) for t in totals] == [
        ("gmg", "2015-04-30", "day", 18),
        ("gmg", "2018-01-01", "year", 22),
    ]
    assert "17 entities of the UN system" in totals[0]["note"]
    assert all(total["sources"] for total in totals)


def test_the_csv_files_have_empty_unknown_dates_and_the_reported_totals(built):
    memberships = stored_csv(built, "memberships")
    assert list(memberships[0]) == [
        "id", "agency", "body", "start", "start_precision", "end", "end_precision",
        "attested_on", "attested_on_precision", "note",
    ]  # fmt: skip
    [wfp] = _memberships_of(memberships, "wfp")
    assert (wfp["start"], wfp["start_precision"], wfp["attested_on"], wfp["end"]) == ("", "", "", "")
    totals = stored_csv(built, "reported_totals")
    assert [(t["body"], t["date"], t["date_precision"], t["total"]) for t in totals] == [
        ("gmg", "2015-04-30", "day", "18"),
        ("gmg", "2018-01-01", "year", "22"),
    ]
    sources = [row for row in stored_csv(built, "sources") if row["table"] == "reported_totals"]
    assert {row["record"] for row in sources} == {t["id"] for t in totals}
    holders = {(row["chair_term"], row["agency"]) for row in stored_csv(built, "chair_holders")}
    [term_2018] = [t for t in stored_csv(built, "chair_terms") if t["start"] == "2018-01-01"]
    assert {agency for term, agency in holders if term == term_2018["id"]} == {"fao", "iom"}


def test_popolo_gives_a_start_date_only_when_known_and_the_totals_on_the_body(built):
    data = stored_json(built, "gmg-registry-popolo.json")
    members = [item for item in data["memberships"] if item["role"] == "member"]
    [wfp] = [item for item in members if item["member"]["id"] == "agency/wfp"]
    assert "start_date" not in wfp
    assert "attested_date" not in wfp
    assert wfp["end_date"] is None
    [fao] = [item for item in members if item["member"]["id"] == "agency/fao"]
    assert (fao["start_date"], fao["end_date"]) == ("2014", "2018")
    gmg = _by(data["organizations"], "id")["body/gmg"]
    assert [(t["date"], t["total"]) for t in gmg["reported_member_totals"]] == [("2015-04-30", 18), ("2018", 22)]
    assert all(t["sources"] for t in gmg["reported_member_totals"])
    assert "reported_member_totals" not in _by(data["organizations"], "id")["body/geneva"]


def test_a_membership_known_only_from_an_attestation_is_in_every_download(clock, seed, media):
    agency = f.AgencyFactory(acronym="IFAD", slug="ifad")
    membership = f.MembershipFactory(
        agency=agency, start=None, attested_on=datetime.date(2015, 12, 31), attested_on_precision=m.Precision.YEAR,
        end=datetime.date(2018, 12, 31), end_precision=m.Precision.YEAR,
    )  # fmt: skip
    build_on(BUILD_DAY)
    [row] = _memberships_of(stored_json(BUILD_DAY, "gmg-registry.json")["memberships"], "ifad")
    assert (row["start"], row["start_precision"], row["attested_on"], row["attested_on_precision"]) == (
        None, None, "2015-12-31", "year",
    )  # fmt: skip
    [csv_row] = _memberships_of(stored_csv(BUILD_DAY, "memberships"), "ifad")
    assert (csv_row["start"], csv_row["attested_on"], csv_row["attested_on_precision"]) == ("", "2015-12-31", "year")
    popolo = _by(stored_json(BUILD_DAY, "gmg-registry-popolo.json")["memberships"], "id")
    item = popolo[f"membership/{membership.pk}"]
    assert "start_date" not in item
    assert (item["attested_date"], item["end_date"]) == ("2015", "2018")
    assert item["attestation"] == "A member by 2015 according to its sources; the joining date is not recorded."


def test_the_changelog_names_a_membership_without_a_start_by_its_attestation(built):
    f.MembershipFactory(
        agency=m.Agency.objects.get(slug="wfp"), body=m.Body.GENEVA, start=None,
        attested_on=datetime.date(2005, 12, 31), attested_on_precision=m.Precision.YEAR,
    )  # fmt: skip
    build_on("2026-11-21")
    [added] = stored_json("2026-11-21", "changelog.json")["added"]
    assert added["label"] == "Membership of wfp in geneva, from by 2005-12-31"
