"""The CSV files and datapackage.json form a valid Frictionless data package, keys and all."""

import pytest
from django.conf import settings
from frictionless import Package, system

from tests.opendata.conftest import stored_json

pytestmark = pytest.mark.django_db


def _validate(version):
    path = settings.MEDIA_ROOT / "open-data" / version / "datapackage" / "datapackage.json"
    with system.use_context(trusted=True):
        return Package(str(path)).validate()


def test_the_data_package_validates_with_frictionless(built):
    report = _validate(built)
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert len(report.tasks) == 21  # one per table


def test_a_broken_foreign_key_is_caught(built):
    """The validation above is not vacuous: a signatory that is not an agency fails it."""
    path = settings.MEDIA_ROOT / "open-data" / built / "datapackage" / "statement_signatories.csv"
    with path.open("a", encoding="utf-8", newline="") as handle:
        handle.write("international-migrants-day-2013,no-such-agency\r\n")
    report = _validate(built)
    assert not report.valid
    assert "foreign-key" in {error[2] for error in report.flatten(["rowNumber", "fieldName", "type"])}


def test_every_table_has_a_primary_key_and_the_references_between_tables(built):
    package = stored_json(built, "datapackage/datapackage.json")
    resources = {resource["name"]: resource for resource in package["resources"]}
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert all(resource["schema"]["primaryKey"] for resource in resources.values())
    assert resources["memberships"]["schema"]["foreignKeys"] == [
        {"fields": "agency", "reference": {"resource": "agencies", "fields": "slug"}}
    ]
    assert {"fields": "translation_of", "reference": {"resource": "", "fields": "slug"}} in resources["statements"][
        "schema"
    ]["foreignKeys"]
    assert resources["chair_holders"]["schema"]["primaryKey"] == ["chair_term", "agency"]


def test_every_date_column_has_a_precision_column_beside_it(built):
    package = stored_json(built, "datapackage/datapackage.json")
    for resource in package["resources"]:
        names = [field["name"] for field in resource["schema"]["fields"]]
        for field in resource["schema"]["fields"]:
            if field["type"] == "date":
                assert names[names.index(field["name"]) + 1] == f"{field['name']}_precision", resource["name"]
                precision = resource["schema"]["fields"][names.index(field["name"]) + 1]
                assert precision["constraints"]["enum"] == ["day", "month", "year"]
