"""Every surface (pages, admin, API, CSV, API docs) sends the security headers, and the CSP needs no
'unsafe-inline': each inline <script> or <style> that remains carries the response's nonce."""

import re

import pytest
from django.test import override_settings

from registry.models import Statement

PAGES = ["/", "/agencies/", "/agencies/unhcr/", "/chairs/", "/statements/", "/history/", "/search/?q=migration"]
API = ["/api/v1/", "/api/v1/agencies/", "/api/v1/agencies/?format=csv", "/api/v1/docs/", "/api/v1/docs/?script="]
ADMIN = ["/admin/", "/admin/registry/statement/", "/admin/registry/statement/add/", "/admin/registry/agency/"]

TAG = re.compile(r"<(script|style)\b([^>]*)>", re.IGNORECASE)


def _csp(response):
    directives = [part.strip() for part in response["Content-Security-Policy"].split(";") if part.strip()]
    return dict((directive.split(" ", 1) + [""])[:2] for directive in directives)


def assert_secure_headers(response):
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    policy = _csp(response)
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    assert policy["default-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"


def assert_inline_code_carries_the_nonce(response):
    html = response.content.decode()
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])
    for tag, attributes in TAG.findall(html):
        if tag.lower() == "script" and ("src=" in attributes or "application/ld+json" in attributes):
            continue  # a file from 'self', or data the browser does not run
        assert nonce, f"inline <{tag}> but no nonce in the policy"
        assert f'nonce="{nonce.group(1)}"' in attributes, f"<{tag}{attributes}> has no nonce"
    assert not re.search(r"<[a-z][^>]*\sstyle=", html, re.IGNORECASE), "style= attribute in the markup"


@pytest.mark.parametrize("url", PAGES)
def test_public_pages_send_the_security_headers(client, seed, url):
    response = client.get(url)
    assert response.status_code == 200
    assert_secure_headers(response)
    assert_inline_code_carries_the_nonce(response)


def test_a_statement_page_with_json_ld_and_its_script_passes_the_policy(client, seed):
    statement = Statement.objects.published().first()
    response = client.get(statement.get_absolute_url())
    assert response.status_code == 200
    assert_secure_headers(response)
    assert_inline_code_carries_the_nonce(response)


@pytest.mark.parametrize("url", API)
def test_the_api_its_csv_and_its_docs_send_the_security_headers(client, seed, url):
    response = client.get(url)
    assert response.status_code == 200
    assert_secure_headers(response)
    if response["Content-Type"].startswith("text/html"):
        assert_inline_code_carries_the_nonce(response)


def test_the_docs_load_their_initialising_script_as_a_file(client, db):
    html = client.get("/api/v1/docs/").content.decode()
    assert 'src="/api/v1/docs/?script="' in html
    script = client.get("/api/v1/docs/?script=")
    assert script["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in script.content.decode()


@pytest.mark.parametrize("url", ADMIN)
def test_the_admin_sends_the_security_headers(admin_client, seed, url):
    response = admin_client.get(url)
    assert response.status_code == 200
    assert_secure_headers(response)
    assert_inline_code_carries_the_nonce(response)


def test_the_admin_login_sends_the_security_headers(client, db):
    response = client.get("/admin/login/")
    assert_secure_headers(response)
    assert_inline_code_carries_the_nonce(response)


@override_settings(SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True, SECURE_HSTS_PRELOAD=True)
def test_https_responses_carry_hsts(client, db):
    response = client.get("/api/v1/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


@override_settings(SECURE_SSL_REDIRECT=True, SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"))
def test_behind_a_tls_proxy_https_requests_are_served_and_plain_http_is_redirected(client, db):
    assert client.get("/api/v1/", headers={"X-Forwarded-Proto": "https"}).status_code == 200
    response = client.get("/api/v1/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/api/v1/"


@override_settings(SECURE_SSL_REDIRECT=True)
def test_health_probes_over_plain_http_are_not_redirected(client, db):
    assert client.get("/healthz").status_code == 200


@pytest.mark.parametrize(
    "url, content_type",
    [
        ("/", "text/html; charset=utf-8"),
        ("/api/v1/agencies/", "application/json"),
        ("/api/v1/agencies/?format=csv", "text/csv; charset=utf-8"),
        ("/api/v1/nowhere/", "application/json"),
    ],
)
def test_every_body_says_what_it_is(client, db, url, content_type):
    assert client.get(url)["Content-Type"] == content_type


def test_a_signed_in_api_write_without_the_csrf_token_is_refused(editor):
    from rest_framework.test import APIClient

    from registry.models import Topic

    client = APIClient(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post("/api/v1/topics/", {"name": "Forged"}, format="json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert not Topic.objects.exists()


def test_the_revision_compare_page_styles_its_diff_from_a_file(admin_client, db):
    from reversion.models import Version

    from registry.models import Agency
    from tests.editorial.conftest import admin_url, change_form

    agency = Agency.objects.create(acronym="IOM", slug="iom", name="International Organization for Migration")
    for name in ("IOM", "IOM, the UN Migration Agency"):
        _, data = change_form(admin_client, agency)
        assert admin_client.post(admin_url(agency, "change"), {**data, "name": name}).status_code == 302
    new, old = Version.objects.get_for_object(agency)[:2]
    response = admin_client.get(admin_url(Agency, "compare", agency.pk), {"from": old.pk, "to": new.pk})
    assert response.status_code == 200
    assert "/static/admin_extra/compare.css" in response.content.decode()
    assert_secure_headers(response)
    assert_inline_code_carries_the_nonce(response)


def test_the_history_and_token_pages_pass_the_policy_too(admin_client, db):
    from registry.models import Agency

    agency = Agency.objects.create(acronym="IOM", slug="iom", name="International Organization for Migration")
    for url in [f"/admin/registry/agency/{agency.pk}/history/", "/admin/registry/apitoken/add/", "/admin/two-factor/"]:
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert_inline_code_carries_the_nonce(response)
