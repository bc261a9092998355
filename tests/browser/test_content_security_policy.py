"""The Content-Security-Policy blocks nothing the site, the admin's rich-text editor or the API
docs need: Chromium reports no violation, and each still works."""

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def violations(page):
    """Every CSP violation Chromium reports on `page`."""
    seen = []
    page.on("console", lambda message: seen.append(message.text) if "Content Security Policy" in message.text else None)
    return seen


def test_public_pages_break_no_rule(page, site, violations):
    for path in ["/", "/agencies/unhcr/", "/chairs/", "/statements/human-rights-irregular-2010/", "/history/"]:
        page.goto(site + path)
    assert violations == []


def test_the_api_docs_render_under_the_policy(page, live_server, transactional_db, violations):
    page.goto(live_server.url + "/api/v1/docs/")
    page.locator(".swagger-ui .info .title").wait_for()
    assert "GMG Registry API" in page.locator(".swagger-ui .info .title").inner_text()
    assert violations == []


def test_the_rich_text_editor_works_under_the_policy(page, live_server, django_user_model, violations):
    django_user_model.objects.create_superuser("admin", "admin@example.org", "a long enough password")
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill("a long enough password")
    page.get_by_role("button", name="Log in").click()
    page.goto(live_server.url + "/admin/registry/statement/add/")
    editor = page.locator(".ProseMirror >> visible=true").first
    editor.wait_for()
    editor.click()
    page.keyboard.type("Typed under a strict policy")
    # Spaces stay spaces: ProseMirror's own stylesheet (white-space: pre-wrap) was applied.
    assert "Typed under a strict policy" in editor.inner_text()
    assert violations == []
