"""The Popolo export validates against the Popolo project's own JSON schemas (kept in schemas/ as data)."""

import json
from pathlib import Path

import pytest
from jsonschema import Draft3Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT3

from tests.opendata.conftest import stored_json

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).parent / "schemas"


def _validators():
    resources = []
    for path in sorted(SCHEMAS.glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resources.append((schema["id"], Resource(contents=schema, specification=DRAFT3)))
    registry = Registry().with_resources(resources)
    return {
        name: Draft3Validator(
            json.loads((SCHEMAS / f"{name}.json").read_text(encoding="utf-8")),
            registry=registry,
            format_checker=Draft3Validator.FORMAT_CHECKER,
        )
        for name in ("organization", "membership", "post", "event")
    }


COLLECTIONS = {"organizations": "organization", "memberships": "membership", "posts": "post", "events": "event"}


def test_every_popolo_record_validates_against_its_schema(built):
    data = stored_json(built, "gmg-registry-popolo.json")
    validators = _validators()
    assert set(data) == set(COLLECTIONS)
    for collection, schema in COLLECTIONS.items():
        assert data[collection], collection
        for record in data[collection]:
            errors = [error.message for error in validators[schema].iter_errors(record)]
            assert errors == [], (record.get("id"), errors)


def test_the_schemas_refuse_what_popolo_does_not_allow():
    """The check above can fail: a full date in words, or a source without a URL, is refused."""
    validators = _validators()
    assert list(validators["membership"].iter_errors({"id": "x", "start_date": "30 September 2010"}))
    assert list(validators["organization"].iter_errors({"id": "x", "sources": [{"note": "no url"}]}))
    assert list(validators["post"].iter_errors({"id": "x", "memberships": ["membership/1"]}))
