"""Dated versions: identical rebuilds, earlier versions kept, a changelog between consecutive versions."""

import hashlib
import io

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command

from registry import models as m
from registry import services
from registry.opendata import store
from tests.opendata.conftest import BUILD_DAY, build_on, stored, stored_json
from tests.site.conftest import build_many, build_world

pytestmark = pytest.mark.django_db

NEXT_DAY = "2026-11-21"


def _all_bytes(version):
    return {entry["name"]: stored(version, entry["name"]) for entry in store.versions()[0]["files"]}


def test_building_twice_from_unchanged_data_gives_byte_identical_files(clock, seed, media):
    first, _ = store.build_files()
    second, _ = store.build_files()
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_a_second_run_on_the_same_day_writes_nothing(built):
    before = _all_bytes(built)
    index = stored_json(built, "manifest.json")
    out = build_on(BUILD_DAY)
    assert out == f"Unchanged since version {BUILD_DAY}: nothing written.\n"
    assert _all_bytes(built) == before
    assert stored_json(built, "manifest.json") == index


def test_an_unchanged_registry_makes_no_new_version_on_a_later_day(built):
    assert build_on(NEXT_DAY).startswith(f"Unchanged since version {BUILD_DAY}")
    assert [v["version"] for v in store.versions()] == [BUILD_DAY]


def test_the_manifest_gives_each_file_its_size_checksum_and_record_count(built):
    manifest = stored_json(built, "manifest.json")
    assert manifest["version"] == BUILD_DAY
    assert manifest["licence"]["name"] == "CC-BY-4.0"
    files = {entry["name"]: entry for entry in manifest["files"]}
    for name, entry in files.items():
        content = stored(built, name)
        assert entry["size"] == len(content)
        assert entry["sha256"] == hashlib.sha256(content).hexdigest()
    assert files["datapackage/agencies.csv"]["records"] == 19  # FACTS.md: 16 members as of 2013, UNU, FAO, WFP
    assert files["datapackage/chair_terms.csv"]["records"] == 18  # FACTS.md: the chair rotation
    assert files["datapackage/chair_holders.csv"]["records"] == 19  # FACTS.md: with FAO and IOM co-chairing 2018
    assert files["datapackage/reported_totals.csv"]["records"] == 2  # FACTS.md: 18 on 30 April 2015, 22 in 2018
    assert files["datapackage/chair_vacancies.csv"]["records"] == 1
    assert files["gmg-registry.json"]["media_type"] == "application/json"
    assert files["datapackage/agencies.csv"]["media_type"] == "text/csv; charset=utf-8"


def test_a_change_makes_a_new_version_with_a_changelog_and_keeps_the_old_one(built, publisher):
    first = _all_bytes(built)
    agency = m.Agency.objects.get(slug="unitar")
    agency.headquarters = "Bonn"
    agency.save()
    statement = m.Statement.objects.get(slug="international-migrants-day-2013")
    services.withdraw(obj=statement, user=publisher)
    m.Topic.objects.create(name="Remittances", slug="remittances")

    out = build_on(NEXT_DAY)

    assert f"Wrote open-data version {NEXT_DAY}." in out
    assert "Since the version before: 1 added, 1 changed, 1 withdrawn." in out
    assert [v["version"] for v in store.versions()] == [NEXT_DAY, BUILD_DAY]
    assert _all_bytes(BUILD_DAY) == first  # the earlier version is untouched
    changelog = stored_json(NEXT_DAY, "changelog.json")
    assert (changelog["from"], changelog["to"]) == (BUILD_DAY, NEXT_DAY)
    assert changelog["added"] == [{"collection": "topics", "id": "remittances", "label": "Remittances"}]
    assert changelog["changed"] == [
        {"collection": "agencies", "id": "unitar", "label": agency.name, "fields": ["headquarters"]}
    ]
    assert changelog["withdrawn"] == [
        {"collection": "statements", "id": "international-migrants-day-2013", "label": statement.title}
    ]
    assert stored_json(NEXT_DAY, "manifest.json")["previous"] == BUILD_DAY


def test_rebuilding_a_changed_registry_on_the_same_day_replaces_that_days_version(built):
    topic = m.Topic.objects.get(slug="human-rights")
    topic.name = "Migrants’ human rights"
    topic.save()
    out = build_on(BUILD_DAY)
    assert f"Replaced open-data version {BUILD_DAY}." in out
    assert [v["version"] for v in store.versions()] == [BUILD_DAY]
    assert "Migrants’ human rights".encode() in stored(BUILD_DAY, "gmg-registry.json")
    assert not default_storage.exists(f"open-data/{BUILD_DAY}/changelog.json")  # still the first version


def test_the_changelog_of_a_same_day_rebuild_still_runs_from_the_version_before(built):
    m.Topic.objects.create(name="Remittances", slug="remittances")
    build_on(NEXT_DAY)
    m.Topic.objects.create(name="Diasporas", slug="diasporas")
    assert f"Replaced open-data version {NEXT_DAY}." in build_on(NEXT_DAY)
    changelog = stored_json(NEXT_DAY, "changelog.json")
    assert changelog["from"] == BUILD_DAY
    assert [item["id"] for item in changelog["added"]] == ["diasporas", "remittances"]


def test_the_build_reads_a_bounded_number_of_queries_whatever_the_data_size(clock, media, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    build_world()
    with CaptureQueriesContext(connection) as small:
        store.build_files()
    build_many(10)
    with django_assert_num_queries(len(small.captured_queries)):
        store.build_files()


def test_the_changelog_names_a_changed_chair_term_by_its_holder_and_dates(built):
    term = m.ChairTerm.objects.get(holders__slug="unitar")
    term.note = "Took the chair after five months without one."
    term.save()
    build_on(NEXT_DAY)
    assert stored_json(NEXT_DAY, "changelog.json")["changed"] == [
        {
            "collection": "chair_terms",
            "id": str(term.pk),
            "label": "Chair term of unitar, 2009-06-01 – 2009-12-31",
            "fields": ["note"],
        }
    ]


def test_the_command_prints_what_it_wrote(clock, seed, media):
    out = io.StringIO()
    call_command("build_open_data", stdout=out)
    assert f"Wrote open-data version {BUILD_DAY}." in out.getvalue()
    assert "  agencies: 19\n" in out.getvalue()
    assert "  reported_totals: 2\n" in out.getvalue()
    assert "First version: no changelog." in out.getvalue()
    quiet = io.StringIO()
    call_command("build_open_data", "--quiet-unchanged", stdout=quiet)
    assert quiet.getvalue() == ""
