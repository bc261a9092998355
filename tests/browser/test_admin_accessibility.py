"""axe-core on the whole of every admin page the workflow changed — no `include`, nothing excluded — as a
Publisher and as an Editor, at 390 and 1,280 px: no serious or critical violation. The same pages scroll
sideways at neither width, so no control is lost off-page. Each page is screenshotted at both widths."""

import datetime
import json
import os

import pytest
from reversion.models import Version

from registry import models as m
from registry import services
from tests.browser.axe import serious
from tests.browser.conftest import screenshot
from tests.browser.test_pending_review_flow import signed_in, user_in
from tests.factories import (
    AgencyFactory,
    ChairTermFactory,
    ChairVacancyFactory,
    MembershipFactory,
    PageFactory,
    PublicationFactory,
    StatementFactory,
    WorkingGroupRoleFactory,
)

pytestmark = pytest.mark.browser


def build(publisher, editor):
    """One record of each kind, a pending change to review, and a statement with two revisions to compare."""
    agency = AgencyFactory(acronym="UNITAR", slug="unitar", name="UN Institute for Training and Research")
    MembershipFactory(agency=agency)
    term = ChairTermFactory(agency=agency, start=datetime.date(2009, 6, 1), end=datetime.date(2009, 12, 31))
    vacancy = ChairVacancyFactory()
    role = WorkingGroupRoleFactory(agency=agency)
    membership = m.Membership.objects.get()
    statement = StatementFactory(title="Statement on the protection of migrants", slug="protection")
    statement.summary = "A revised summary."
    services.save(obj=statement, user=publisher)
    statement.summary = "A summary the Editor proposes."
    services.save(obj=statement, user=editor)
    change = m.PendingChange.objects.get()
    return {
        "agency": agency,
        "membership": membership,
        "chairterm": term,
        "chairvacancy": vacancy,
        "workinggrouprole": role,
        "statement": statement,
        "publication": PublicationFactory(),
        "page": PageFactory(),
        "pendingchange": change,
    }


def admin_pages(records):
    pages = {"workspace": "/admin/"}
    models = (
        "chairterm",
        "membership",
        "chairvacancy",
        "workinggrouprole",
        "statement",
        "publication",
        "page",
        "agency",
    )
    for model in models:
        base = f"/admin/registry/{model}/"
        pages[f"{model}-changelist"] = base
        pages[f"{model}-add"] = f"{base}add/"
        pages[f"{model}-change"] = f"{base}{records[model].pk}/change/"
    statement = records["statement"]
    pages["pending-review"] = f"/admin/registry/pendingchange/{records['pendingchange'].pk}/change/"
    pages["statement-history"] = f"/admin/registry/statement/{statement.pk}/history/"
    versions = list(Version.objects.get_for_object(statement).values_list("pk", flat=True))  # newest first
    pages["statement-compare"] = (
        f"/admin/registry/statement/{statement.pk}/history/compare/?from={versions[-1]}&to={versions[0]}"
    )
    return pages


def check(page, url, name):
    """Serious or critical axe findings, and sideways scrolling, at each width; a screenshot of the page."""
    problems = {}
    page.goto(url)
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        for problem in serious(page):
            problems.setdefault(f"{name}@{width}", []).append(problem)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            problems.setdefault(f"{name}@{width}", []).append(f"the page scrolls sideways by {overflow}px")
        if width == 1280:
            # On a desktop the inline tables fit too, delete boxes included; on a phone they scroll inside
            # themselves (admin.css), so no control is lost off the page.
            wide = page.evaluate(
                "[...document.querySelectorAll('.inline-group .tabular')]"
                ".filter(t => t.scrollWidth > t.clientWidth).map(t => t.closest('.inline-group').id)"
            )
            if wide:
                problems.setdefault(f"{name}@{width}", []).append(f"inline tables scroll sideways: {wide}")
    screenshot(page, f"admin-a11y-{name}")
    return problems


@pytest.mark.parametrize("role", ["Publisher", "Editor"])
def test_admin_pages_have_no_serious_accessibility_violation(page, live_server, transactional_db, role):
    publisher, editor = user_in("Publisher", "carol"), user_in("Editor", "bob")
    records = build(publisher, editor)
    signed_in(page, live_server.url, publisher if role == "Publisher" else editor)
    problems = {}
    for name, path in admin_pages(records).items():
        problems.update(check(page, live_server.url + path, f"{role.lower()}-{name}"))
    if os.environ.get("A11Y_REPORT"):
        with open(os.environ["A11Y_REPORT"], "a") as report:
            report.write(json.dumps(problems) + "\n")
    assert not problems, json.dumps(problems, indent=1)
