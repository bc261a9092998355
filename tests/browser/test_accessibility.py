"""axe-core finds no serious or critical violation on any page type; each is screenshotted at two widths."""

import pytest

from tests.browser.axe import serious_violations
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser

PAGE_TYPES = {
    "home": "/",
    "agencies": "/agencies/",
    "agencies-invalid-filter": "/agencies/?member_on=not-a-date",
    "agency": "/agencies/unhcr/",
    "chairs": "/chairs/",
    "statements": "/statements/?q=human+rights",
    "statement": "/statements/human-rights-irregular-2010/",
    "working-groups": "/working-groups/",
    "working-group": "/working-groups/data-research/",
    "events": "/events/",
    "event": "/events/principals-2010/",
    "publications": "/publications/",
    "publication": "/publications/migration-hr-2008/",
    "initiatives": "/initiatives/",
    "topic": "/topics/human-rights/",
    "search": "/search/?q=migrants",
    "content-page": "/history/",
    "not-found": "/no-such-page/",
}


def test_no_page_type_has_a_serious_or_critical_accessibility_violation(page, site):
    problems = {}
    for name, path in PAGE_TYPES.items():
        page.goto(site + path)
        for width, bad in serious_violations(page).items():
            problems[f"{name}@{width}"] = bad
        screenshot(page, name)
    assert not problems, problems
