"""CSV cells a spreadsheet would run as formulas are neutralised; the CSV is a named download."""

import csv
import io

import pytest
from rest_framework.test import APIClient

from tests.factories import AgencyFactory, StatementFactory, TopicFactory


def csv_rows(url):
    response = APIClient().get(url)
    assert response.status_code == 200
    return response, list(csv.DictReader(io.StringIO(response.content.decode())))


@pytest.mark.parametrize(
    "stored, exported",
    [
        ('=HYPERLINK("http://evil.example","x")', '\'=HYPERLINK("http://evil.example","x")'),
        ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(1+1)*cmd|' /C calc'!A0", "'@SUM(1+1)*cmd|' /C calc'!A0"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("Migration and =development", "Migration and =development"),
        ("A plain summary.", "A plain summary."),
    ],
)
def test_a_cell_that_would_be_a_formula_is_prefixed_with_an_apostrophe(db, stored, exported):
    StatementFactory(slug="s", summary=stored)
    _response, (row,) = csv_rows("/api/v1/statements/?format=csv")
    assert row["summary"] == exported


def test_joined_lists_are_neutralised_too(db):
    statement = StatementFactory(slug="s")
    statement.signatories.add(AgencyFactory(acronym="AAA", slug="aaa"))
    statement.topics.add(TopicFactory(name="=cmd", slug="-cmd"))
    _response, (row,) = csv_rows("/api/v1/statements/?format=csv")
    assert row["topics"] == "'-cmd"
    assert row["signatories"] == "aaa"


def test_numbers_stay_numbers(db):
    StatementFactory(slug="s")
    _response, (row,) = csv_rows("/api/v1/statements/?format=csv")
    assert row["id"].isdigit()


@pytest.mark.parametrize("resource", ["agencies", "chair-terms", "statements", "working-groups"])
def test_the_csv_is_a_download_named_after_the_resource(db, resource):
    response, _rows = csv_rows(f"/api/v1/{resource}/?format=csv")
    assert response["Content-Disposition"] == f'attachment; filename="{resource}.csv"'


def test_a_json_list_is_not_offered_as_a_download(db):
    assert "Content-Disposition" not in APIClient().get("/api/v1/agencies/")


def test_an_error_asked_for_as_csv_is_json_without_a_file_name(db):
    response = APIClient().get("/api/v1/statements/?format=csv&year=notayear")
    assert response.status_code == 400
    assert "Content-Disposition" not in response
