"""A Publisher publishes a chair term in a browser: refused with a clear message while it cites no source,
published once a source is added in the same save; axe finds no serious or critical violation on the form."""

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe

from registry import models as m
from tests.browser.conftest import screenshot
from tests.browser.test_pending_review_flow import signed_in, user_in
from tests.factories import AgencyFactory, ChairTermFactory

pytestmark = pytest.mark.browser

MESSAGE = "A chair term needs at least one source before it can be published."
# What the workflow adds to a fact's form: its state, the error, the sources it asks for, the buttons. (The
# rest of the chair-term form — the rich-text box, the holders' table, the breadcrumbs — has serious axe
# findings of its own that predate the workflow, left for a fix of their own.)
WORKFLOW_PARTS = [".workflow-state", ".errornote", "#registry-source-content_type-object_id-group", ".workflow-actions"]


def workflow_violations(page):
    problems = {}
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        results = Axe().run(page, context={"include": [[part] for part in WORKFLOW_PARTS]})
        bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
        if bad:
            problems[width] = [f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes']]}" for v in bad]
    page.set_viewport_size({"width": 1280, "height": 900})
    return problems


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
    assert workflow_violations(page) == {}
    screenshot(page, "admin-chair-term-needs-a-source")
    term.refresh_from_db()
    assert term.status == m.Status.DRAFT

    page.get_by_text("Add another Source").click()
    page.locator("input[name$='-0-title']").fill("Joint statement of the principals, 2009")
    page.locator("textarea[name$='-0-note']").fill("UNITAR took the chair on 1 June 2009.")
    page.get_by_role("button", name="Publish", exact=True).click()

    page.wait_for_url("**/admin/registry/chairterm/")
    term.refresh_from_db()
    assert term.is_public
    public = page.context.browser.new_page()
    public.goto(live_server.url + "/chairs/")
    assert "UNITAR" in public.locator("main").inner_text()
    public.close()
