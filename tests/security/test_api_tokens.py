"""API tokens are stored hashed, expire, die with a password change, are made and revoked by their
user in the admin (the key shown once), and bad ones are rate-limited per address."""

import datetime
import hashlib
import io
import re

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from rest_framework.test import APIClient

from registry.models import ApiToken, Topic

WRITE = ("/api/v1/topics/", {"name": "Climate and migration"})


def client_with(key, address="192.0.2.10"):
    client = APIClient(REMOTE_ADDR=address)
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def write_with(key, **kwargs):
    return client_with(key, **kwargs).post(*WRITE, format="json")


def test_a_token_writes_and_is_stored_only_as_its_sha256(editor):
    token, key = ApiToken.objects.create_for(editor)
    assert write_with(key).status_code == 201
    token.refresh_from_db()
    assert token.key_digest == hashlib.sha256(key.encode()).hexdigest()
    stored = [str(value) for value in ApiToken.objects.values_list().get()]
    assert not any(key in value for value in stored)
    assert token.last_used_at is not None


def test_a_token_expires_after_ninety_days(editor):
    _token, key = ApiToken.objects.create_for(editor)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=89), tick=False):
        assert write_with(key).status_code == 201
    with time_machine.travel(timezone.now() + datetime.timedelta(days=91), tick=False):
        response = write_with(key)
    assert response.status_code == 401
    assert "expired" in response.json()["detail"]


def test_changing_the_password_revokes_every_token(editor):
    _token, key = ApiToken.objects.create_for(editor)
    editor.set_password("a new long passphrase")
    editor.save()
    response = write_with(key)
    assert response.status_code == 401
    assert "password changed" in response.json()["detail"]
    assert not Topic.objects.exists()


def test_an_inactive_users_token_is_refused(editor):
    _token, key = ApiToken.objects.create_for(editor)
    editor.is_active = False
    editor.save()
    assert write_with(key).status_code == 401


def test_a_user_creates_a_token_in_the_admin_and_sees_the_key_once(client, editor):
    client.force_login(editor)
    response = client.post("/admin/registry/apitoken/add/", {"name": "import script", "days": "30"})
    assert response.status_code == 200
    key = re.search(r'<code id="api-key">(gmg_[^<]+)</code>', response.content.decode()).group(1)
    token = ApiToken.objects.get()
    assert (token.user, token.name) == (editor, "import script")
    assert token.expires_at.date() == (timezone.now() + datetime.timedelta(days=30)).date()
    assert key not in client.get("/admin/registry/apitoken/").content.decode()
    assert key not in client.get(f"/admin/registry/apitoken/{token.pk}/change/").content.decode()
    assert write_with(key).status_code == 201


def test_a_user_revokes_a_token_in_the_admin(client, editor):
    token, key = ApiToken.objects.create_for(editor)
    client.force_login(editor)
    response = client.post(f"/admin/registry/apitoken/{token.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert write_with(key).status_code == 401


def test_a_user_sees_and_revokes_only_their_own_tokens(client, editor, publisher):
    carols, _key = ApiToken.objects.create_for(publisher, name="carol's")
    client.force_login(editor)
    assert "carol&#x27;s" not in client.get("/admin/registry/apitoken/").content.decode()
    response = client.post(f"/admin/registry/apitoken/{carols.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302  # to the admin index: "doesn’t exist. Perhaps it was deleted?"
    assert response["Location"] == "/admin/"
    assert ApiToken.objects.filter(pk=carols.pk).exists()


def test_a_superuser_sees_everyones_tokens(admin_client, editor):
    ApiToken.objects.create_for(editor, name="bob's script")
    assert "bob&#x27;s script" in admin_client.get("/admin/registry/apitoken/").content.decode()


def test_the_expiry_in_the_admin_is_one_to_365_days(client, editor):
    client.force_login(editor)
    response = client.post("/admin/registry/apitoken/add/", {"name": "x", "days": "1000"})
    assert response.status_code == 200
    assert "Ensure this value is less than or equal to 365." in response.content.decode()
    assert not ApiToken.objects.exists()


def test_the_command_prints_a_working_key(editor):
    out = io.StringIO()
    call_command("create_api_token", "bob", "--days", "7", stdout=out, stderr=io.StringIO())
    key = out.getvalue().strip()
    assert key.startswith("gmg_")
    assert write_with(key).status_code == 201


@pytest.mark.django_db
def test_bad_tokens_are_rate_limited_per_address():
    statuses = [write_with(f"gmg_wrong-{n}").status_code for n in range(11)]
    assert statuses == [401] * 10 + [429]
    assert "Too many failed authentication attempts" in write_with("gmg_wrong").json()["detail"]
    assert write_with("gmg_wrong", address="192.0.2.99").status_code == 401


def test_a_throttled_address_is_not_even_checked_for_a_good_token(editor):
    _token, key = ApiToken.objects.create_for(editor)
    for n in range(10):
        write_with(f"gmg_wrong-{n}")
    assert write_with(key).status_code == 429
    assert write_with(key, address="192.0.2.99").status_code == 201
