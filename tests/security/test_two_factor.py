"""Optional two-factor sign-in (TOTP): asked of users who added an authenticator, and of
Publishers when OTP_REQUIRED_FOR_PUBLISHERS is on."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


def code_for(device):
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def sign_in(client, username, code=""):
    data = {"username": username, "password": "password", "otp_token": code, "next": "/admin/"}
    return client.post("/admin/login/", data)


@pytest.fixture
def bobs_phone(editor):
    return TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)


def test_a_user_without_an_authenticator_signs_in_with_the_password_alone(client, editor):
    response = sign_in(client, "bob")
    assert response.status_code == 302


def test_the_login_page_offers_the_code_field(client, db):
    assert 'name="otp_token"' in client.get("/admin/login/").content.decode()


def test_a_user_with_an_authenticator_needs_its_code(client, bobs_phone):
    response = sign_in(client, "bob")
    assert response.status_code == 200
    assert "Enter the current code from your authenticator app" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_wrong_code_is_refused(client, bobs_phone):
    wrong = f"{(int(code_for(bobs_phone)) + 1) % 1_000_000:06d}"
    assert sign_in(client, "bob", wrong).status_code == 200
    assert "_auth_user_id" not in client.session


def test_the_right_code_signs_in_and_verifies_the_session(client, bobs_phone):
    response = sign_in(client, "bob", code_for(bobs_phone))
    assert response.status_code == 302
    assert client.get("/admin/").wsgi_request.user.is_verified()


def test_publishers_are_not_forced_while_the_setting_is_off(client, publisher):
    client.force_login(publisher)
    assert client.get("/admin/").status_code == 200


def test_with_the_setting_on_a_publisher_must_add_an_authenticator(client, publisher, settings):
    settings.OTP_REQUIRED_FOR_PUBLISHERS = True
    client.force_login(publisher)
    response = client.get("/admin/registry/statement/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/two-factor/"
    page = client.get("/admin/two-factor/").content.decode()
    assert "Publishers must sign in with two factors" in page
    assert 'src="data:image/svg+xml;base64,' in page
    device = TOTPDevice.objects.get(user=publisher, confirmed=False)
    response = client.post("/admin/two-factor/", {"otp_token": code_for(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/registry/statement/").status_code == 200


def test_with_the_setting_on_a_wrong_code_does_not_enrol(client, publisher, settings):
    settings.OTP_REQUIRED_FOR_PUBLISHERS = True
    client.force_login(publisher)
    client.get("/admin/two-factor/")
    device = TOTPDevice.objects.get(user=publisher)
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"
    response = client.post("/admin/two-factor/", {"otp_token": wrong})
    assert response.status_code == 200
    assert "not the current one" in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_with_the_setting_on_editors_are_not_forced(client, editor, settings):
    settings.OTP_REQUIRED_FOR_PUBLISHERS = True
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200


def test_the_public_site_never_asks_for_a_code(client, publisher, settings, db):
    settings.OTP_REQUIRED_FOR_PUBLISHERS = True
    client.force_login(publisher)
    assert client.get("/").status_code == 200


def test_with_the_setting_on_an_unverified_publishers_session_cannot_use_the_api(publisher, settings):
    from rest_framework.test import APIClient

    settings.OTP_REQUIRED_FOR_PUBLISHERS = True
    client = APIClient()
    client.force_login(publisher)
    response = client.post("/api/v1/topics/", {"name": "Around the admin"}, format="json")
    assert response.status_code == 403
    assert "add an authenticator app" in response.json()["detail"]
    assert client.get("/api/v1/statements/").status_code == 403


def test_with_the_setting_on_a_publishers_token_still_works(publisher, settings):
    from rest_framework.test import APIClient

    from registry.models import ApiToken

    settings.OTP_REQUIRED_FOR_PUBLISHERS = True
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {ApiToken.objects.create_for(publisher)[1]}")
    assert client.post("/api/v1/topics/", {"name": "From a script"}, format="json").status_code == 201
