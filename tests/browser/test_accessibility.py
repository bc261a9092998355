"""axe-core finds no serious or critical violation on any page type; each is screenshotted at two widths."""

import pytest
from axe_playwright_python.sync_playwright import Axe

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
    axe = Axe()
    problems = {}
    for name, path in PAGE_TYPES.items():
        page.goto(site + path)
        for width in (390, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            results = axe.run(page)
            bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
            if bad:
                problems[f"{name}@{width}"] = [
                    f"{v['id']}: {v['help']} ({', '.join(n['target'][0] for n in v['nodes'][:3])})" for v in bad
                ]
        screenshot(page, name)
    assert not problems, problems
