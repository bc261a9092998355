"""A Publisher publishes a chair term in a browser: refused with a clear message while it cites no source,
published once a source is added in the same save; axe finds no serious or critical violation on the whole form
(test_admin_accessibility checks every other admin page the workflow changed)."""

import datetime

import pytest

from registry import models as m
from tests.browser.axe import serious_violations
from tests.browser.conftest import screenshot
from tests.browser.test_pending_review_flow import signed_in, user_in
from tests.factories import AgencyFactory, ChairTermFactory

pytestmark = pytest.mark.browser

MESSAGE = "A chair term needs at least one source before it can be published."


def test_a_publisher_adds_the_missing_source_and_publishes_a_chair_term(page, live_server, transactional_db):
    publisher = user_in("Publisher", "carol")
    agency = AgencyFactory(acronym="UNITAR", slug="unitar", name="UN Institute for Training and Research")
    term = ChairTermFactory(agency=agency, start=datetime.date(2009, 6, 1), end=datetime.date(2009, 12, 31), draft=True)
    signed_in(page, live_server.url, publisher)
    form = f"{live_server.url}/admin/registry/chairterm/{term.pk}/change/"

    page.goto(form)
    assert "Draft" in page.locator(".workflow-state").inner_text()
    page.get_by_role("button", name="Publish", exact=True).click()

    assert MESSAGE in page.locator(".errorlist").first.inner_text()
    assert serious_violations(page) == {}
    screenshot(page, "admin-chair-term-needs-a-source")
    term.refresh_from_db()
    assert term.status == m.Status.DRAFT

    page.get_by_text("Add another Source").click()
    page.locator("input[name$='-0-title']").fill("Joint statement of the principals, 2009")
    page.locator("textarea[name$='-0-note']").fill("UNITAR took the chair on 1 June 2009.")
    assert serious_violations(page) == {}  # the added row's inputs are named too
    page.get_by_role("button", name="Publish", exact=True).click()

    page.wait_for_url("**/admin/registry/chairterm/")
    term.refresh_from_db()
    assert term.is_public
    public = page.context.browser.new_page()
    public.goto(live_server.url + "/chairs/")
    assert "UNITAR" in public.locator("main").inner_text()
    public.close()
