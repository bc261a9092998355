"""Repeated failed sign-ins lock the username at that address (and, later, the address), for a
cool-off period only; the attempts are kept in the database, so every app server sees them."""

import datetime

import pytest
import time_machine
from axes.models import AccessAttempt
from django.utils import timezone

LOGIN = "/admin/login/"
ATTACKER, OFFICE = "203.0.113.9", "198.51.100.20"


def sign_in(client, username, password, address=ATTACKER, **headers):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"}, REMOTE_ADDR=address,
                       **headers)  # fmt: skip


def signed_in(response):
    return response.status_code == 302 and response["Location"] == "/admin/"


def test_the_fifth_wrong_password_locks_that_username_at_that_address(client, editor):
    statuses = [sign_in(client, "bob", f"guess-{n}").status_code for n in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    response = sign_in(client, "bob", "password")
    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lock_is_stored_in_the_database_for_every_app_server(client, editor):
    for n in range(5):
        sign_in(client, "bob", f"guess-{n}")
    attempt = AccessAttempt.objects.get(username="bob", ip_address=ATTACKER)
    assert attempt.failures_since_start == 5


def test_an_attacker_cannot_lock_the_editor_out_from_elsewhere(client, editor):
    for n in range(6):
        sign_in(client, "bob", f"guess-{n}")
    assert signed_in(sign_in(client, "bob", "password", address=OFFICE))


def _later(minutes):
    return time_machine.travel(timezone.now() + datetime.timedelta(minutes=minutes), tick=False)


def test_the_lock_lifts_fifteen_minutes_after_the_last_failure(client, editor):
    for n in range(5):
        sign_in(client, "bob", f"guess-{n}")
    with _later(16):
        assert signed_in(sign_in(client, "bob", "password"))


def test_trying_again_while_locked_restarts_the_cool_off(client, editor):
    for n in range(5):
        sign_in(client, "bob", f"guess-{n}")
    with _later(14):
        assert sign_in(client, "bob", "password").status_code == 429
    with _later(14 + 14):
        assert sign_in(client, "bob", "password").status_code == 429
    with _later(14 + 14 + 16):
        assert signed_in(sign_in(client, "bob", "password"))


def test_a_successful_sign_in_forgets_earlier_failures(client, editor):
    for n in range(4):
        sign_in(client, "bob", f"guess-{n}")
    assert signed_in(sign_in(client, "bob", "password"))
    client.logout()
    assert [sign_in(client, "bob", f"again-{n}").status_code for n in range(4)] == [200] * 4


def test_signing_in_to_ones_own_account_does_not_reset_the_count_against_another(client, editor, stranger):
    for n in range(4):
        sign_in(client, "bob", f"guess-{n}")
    assert signed_in(sign_in(client, "eve", "password"))
    client.logout()
    assert sign_in(client, "bob", "guess-5").status_code == 429


def test_twenty_failures_from_one_address_lock_the_address_for_every_username(client, editor, publisher):
    for n in range(20):
        sign_in(client, f"someone-{n}", "guess")
    assert sign_in(client, "carol", "password").status_code == 429
    assert signed_in(sign_in(client, "carol", "password", address=OFFICE))


def test_nineteen_failures_over_many_usernames_do_not_lock_the_address(client, publisher):
    for n in range(19):
        sign_in(client, f"someone-{n}", "guess")
    assert signed_in(sign_in(client, "carol", "password"))


def test_a_forged_forwarded_for_header_does_not_buy_fresh_attempts(client, editor):
    for n in range(5):
        sign_in(client, "bob", f"guess-{n}", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
    assert sign_in(client, "bob", "password", HTTP_X_FORWARDED_FOR="10.9.9.9").status_code == 429


@pytest.mark.django_db
def test_an_admin_unlocks_by_deleting_the_access_attempt(client, editor, admin_user):
    for n in range(5):
        sign_in(client, "bob", f"guess-{n}")
    attempt = AccessAttempt.objects.get(username="bob")
    from django.test import Client

    admin = Client()
    admin.force_login(admin_user)
    response = admin.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert signed_in(sign_in(client, "bob", "password"))
