"""The OpenAPI schema is valid and precise; the interactive docs work offline."""

import re

import pytest
from openapi_spec_validator import validate


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    from rest_framework.test import APIClient

    with django_db_blocker.unblock():
        response = APIClient().get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    return response.json()


def params(schema, path, method="get"):
    return {p["name"]: p for p in schema["paths"][path][method].get("parameters", [])}


def test_the_schema_validates_as_openapi_3(schema):
    assert schema["openapi"].startswith("3.")
    validate(schema)


def test_every_resource_has_a_list_and_a_detail(schema):
    for resource in ["agencies", "statements", "working-groups", "events", "publications", "initiatives", "topics"]:
        assert f"/api/v1/{resource}/" in schema["paths"]
        assert f"/api/v1/{resource}/{{slug}}/" in schema["paths"]
    for resource in ["memberships", "chair-terms"]:
        assert f"/api/v1/{resource}/{{id}}/" in schema["paths"]
    assert "/api/v1/chair-terms/current/" in schema["paths"]


@pytest.mark.parametrize(
    ("path", "name", "expected"),
    [
        ("/api/v1/agencies/", "member_on", {"type": "string", "format": "date"}),
        ("/api/v1/agencies/", "in_un_system", {"type": "boolean"}),
        ("/api/v1/agencies/", "body", {"type": "string", "enum": ["geneva", "gmg"]}),
        ("/api/v1/chair-terms/", "year", {"type": "integer", "minimum": 1900, "maximum": 2100}),
        ("/api/v1/statements/", "date_after", {"type": "string", "format": "date"}),
        ("/api/v1/statements/", "page_size", {"type": "integer", "minimum": 1, "maximum": 200}),
        ("/api/v1/chair-terms/current/", "on", {"type": "string", "format": "date"}),
    ],
)
def test_filters_are_typed(schema, path, name, expected):
    actual = params(schema, path)[name]["schema"]
    assert {key: actual.get(key) for key in expected} == expected


def test_every_contract_filter_is_documented(schema):
    contract = {
        "agencies": {"member_on", "body", "kind", "in_un_system", "headquarters"},
        "memberships": {"agency", "body", "active_on"},
        "chair-terms": {"on", "year", "agency"},
        "statements": {"agency", "topic", "kind", "event", "language", "year", "date_after", "date_before"},
        "working-groups": {"active_on", "agency"},
        "events": {"kind", "year", "agency", "date_after", "date_before"},
        "publications": {"kind", "year", "agency", "topic"},
    }
    for resource, names in contract.items():
        documented = set(params(schema, f"/api/v1/{resource}/"))
        assert names | {"page", "page_size", "ordering", "search", "format"} <= documented, resource


def test_error_responses_are_documented(schema):
    list_codes = set(schema["paths"]["/api/v1/agencies/"]["get"]["responses"])
    assert {"200", "400", "401", "404", "429"} <= list_codes
    patch_codes = set(schema["paths"]["/api/v1/agencies/{slug}/"]["patch"]["responses"])
    assert {"200", "400", "401", "403", "404", "412", "429"} <= patch_codes
    assert "304" in schema["paths"]["/api/v1/agencies/{slug}/"]["get"]["responses"]
    assert "Retry-After" in schema["paths"]["/api/v1/agencies/"]["get"]["responses"]["429"]["headers"]


def test_nullable_fields_and_precision_enums(schema):
    membership = schema["components"]["schemas"]["Membership"]["properties"]
    assert membership["end"].get("nullable") is True
    assert membership["start_precision"]["$ref"].endswith("/PrecisionEnum")
    assert schema["components"]["schemas"]["PrecisionEnum"]["enum"] == ["day", "month", "year"]
    statement = schema["components"]["schemas"]["Statement"]["properties"]
    assert statement["chair"].get("nullable") is True or "oneOf" in statement["chair"] or "allOf" in statement["chair"]


def test_the_list_documents_csv(schema):
    content = schema["paths"]["/api/v1/events/"]["get"]["responses"]["200"]["content"]
    assert content["text/csv"]["schema"]["type"] == "string"


def test_the_vacancy_404_has_an_example(schema):
    response = schema["paths"]["/api/v1/chair-terms/current/"]["get"]["responses"]["404"]
    assert response["content"]["application/json"]["examples"]


def test_the_docs_are_served_from_local_files_only(client, db):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    external = [url for url in re.findall(r"""(?:src|href)=["']([^"']+)""", html) if "//" in url]
    assert external == []
    assert "cdn" not in html.lower()
    assert "/static/drf_spectacular_sidecar/" in html


def test_the_docs_offer_examples_to_try(schema):
    member_on = params(schema, "/api/v1/agencies/")["member_on"]
    assert {e["value"] for e in member_on["examples"].values()} >= {"2006-06-30"}
    assert params(schema, "/api/v1/chair-terms/current/")["on"]["examples"]
