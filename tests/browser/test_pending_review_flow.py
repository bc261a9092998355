"""A Publisher's review of a pending change, in a browser: the workspace lists it, the review page shows the
difference, approving makes it public; axe finds no serious or critical violation on these admin pages."""

import importlib

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from registry import models as m
from registry import services
from tests.browser.axe import serious_violations
from tests.browser.conftest import screenshot
from tests.factories import StatementFactory

pytestmark = pytest.mark.browser


def signed_in(page, live_server_url, user):
    """Give the browser the session a signed-in user would have (the sign-in form is tested elsewhere)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server_url}])


def user_in(group, name):
    if not Group.objects.filter(name=group).exists():
        # live_server's transactional database is flushed between tests, roles included: make them again.
        from django.apps import apps

        for migration in ("0003_roles", "0010_publishers_approve_agency_changes", "0012_facts_workflow"):
            module = importlib.import_module(f"registry.migrations.{migration}")
            (module.create_roles if hasattr(module, "create_roles") else module.grant)(apps, None)
    user = get_user_model().objects.create_user(name, f"{name}@example.org", "password", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def test_a_publisher_reviews_and_approves_a_pending_change(page, live_server, transactional_db):
    editor, publisher = user_in("Editor", "bob"), user_in("Publisher", "carol")
    statement = StatementFactory(title="Statement on the protection of migrants", slug="protection")
    statement.title = "Statement on the rights of migrants"
    services.save(obj=statement, user=editor)
    change = m.PendingChange.objects.get()
    signed_in(page, live_server.url, publisher)

    page.goto(live_server.url + "/admin/")
    workspace = page.locator(".workspace")
    assert "Change to statement" in workspace.inner_text()
    assert "proposed by bob" in workspace.inner_text()
    assert serious_violations(page) == {}
    screenshot(page, "admin-workspace-publisher")

    page.get_by_role("link", name="Change to statement: Statement on the rights of migrants").click()
    assert page.locator(".compare del").first.inner_text() == "Statement on the protection of migrants"
    assert page.locator(".compare ins").first.inner_text() == "Statement on the rights of migrants"
    assert serious_violations(page) == {}
    screenshot(page, "admin-pending-review")

    public = page.context.browser.new_page()
    public.goto(live_server.url + "/statements/protection/")
    assert "Statement on the protection of migrants" in public.locator("h1").inner_text()

    page.get_by_role("button", name="Approve and publish").click()
    page.wait_for_url(f"**/admin/registry/statement/{statement.pk}/change/")
    public.close()
    public = page.context.browser.new_page()  # a visitor who has not cached the page (it is publicly cacheable)
    public.goto(live_server.url + "/statements/protection/")
    assert "Statement on the rights of migrants" in public.locator("h1").inner_text()
    change.refresh_from_db()
    assert change.state == "approved"
    public.close()


def test_a_sent_back_change_reaches_its_proposer_with_the_comment(page, live_server, transactional_db):
    editor, publisher = user_in("Editor", "bob"), user_in("Publisher", "carol")
    statement = StatementFactory(title="Live title", slug="live")
    statement.title = "Proposed title"
    services.save(obj=statement, user=editor)
    signed_in(page, live_server.url, publisher)
    page.goto(live_server.url + f"/admin/registry/pendingchange/{m.PendingChange.objects.get().pk}/change/")

    page.get_by_label("Comment (required to send back; the proposer sees it)").fill("Keep the title, please.")
    page.get_by_role("button", name="Send back").click()

    page.context.clear_cookies()
    signed_in(page, live_server.url, editor)
    page.goto(live_server.url + "/admin/")
    assert "Keep the title, please." in page.locator(".workspace").inner_text()
    assert serious_violations(page) == {}
    screenshot(page, "admin-workspace-sent-back")
