"""Huge or deeply nested request bodies are refused with a 413 or a 400 that says why, never a 500."""

import json

import pytest
from rest_framework.test import APIClient

from registry.models import ApiToken, Topic


@pytest.fixture
def writer(editor):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {ApiToken.objects.create_for(editor)[1]}")
    return client


def post(client, body):
    return client.generic("POST", "/api/v1/topics/", body, content_type="application/json")


def test_a_three_megabyte_body_is_a_413(writer):
    body = json.dumps({"name": "Big", "description": "x" * (3 * 1024 * 1024)})
    response = post(writer, body)
    assert response.status_code == 413
    assert "larger than the limit of 1048576 bytes" in response.json()["detail"]
    assert not Topic.objects.exists()


def test_a_body_just_under_the_limit_is_read(writer):
    response = post(writer, json.dumps({"name": "Ordinary", "description": "x" * 1000}))
    assert response.status_code == 201


def test_json_nested_fifty_thousand_levels_deep_is_a_400(writer):
    response = post(writer, '{"name": "Deep", "description": ' + "[" * 50_000 + "]" * 50_000 + "}")
    assert response.status_code == 400
    assert "nested more than 32 levels" in response.json()["detail"]


def test_a_patch_nested_too_deep_is_a_400_too(writer):
    topic = Topic.objects.create(name="Health", slug="health")
    body = '{"description": ' + '{"a": ' * 33 + "1" + "}" * 33 + "}"
    response = writer.generic("PATCH", f"/api/v1/topics/{topic.slug}/", body, content_type="application/json")
    assert response.status_code == 400
    assert "nested more than 32 levels" in response.json()["detail"]


def test_brackets_inside_strings_do_not_count_as_nesting(writer):
    response = post(writer, json.dumps({"name": "Brackets", "description": "[[[[{{{{" * 100}))
    assert response.status_code == 201


def test_broken_json_is_a_400_naming_the_problem(writer):
    response = post(writer, '{"name": ')
    assert response.status_code == 400
    assert "JSON parse error" in response.json()["detail"]


def test_a_huge_form_post_to_the_admin_is_refused_not_a_500(admin_client):
    response = admin_client.post("/admin/registry/topic/add/", {"name": "x" * (2 * 1024 * 1024)})
    assert response.status_code == 400
