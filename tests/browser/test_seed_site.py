"""The real seed data in a real browser: the rotation with its 2009 vacancy, and the pages people land on."""

import pytest

from tests.browser.axe import serious
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser


def test_the_seed_chair_timeline_renders_every_term_and_the_2009_vacancy(page, seeded_site):
    from registry.models import ChairTerm

    page.goto(seeded_site + "/chairs/")
    bars = page.locator("svg.chair-timeline rect.term")
    assert bars.count() >= ChairTerm.objects.count()
    # The documented vacancy is drawn apart from the periods no source covers (2015).
    assert page.locator("svg.chair-timeline .vacancy title", has_text="2009").count() >= 1
    assert page.locator("svg.chair-timeline .gap title", has_text="2015").count() >= 1
    row = page.locator("table.chair-table tr.vacancy-row", has_text="Documented vacancy")
    assert "2009" in row.first.inner_text()
    screenshot(page, "seed-chairs")


def test_a_visitor_goes_from_home_to_ohchr_to_the_statement_made_under_its_chairmanship(page, seeded_site):
    page.goto(seeded_site + "/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Agencies").click()
    page.get_by_role("link", name="OHCHR", exact=True).click()
    assert "OHCHR" in page.locator("h1").inner_text()
    screenshot(page, "seed-agency")
    page.get_by_role("link", name="Statement of the Global Migration Group on the Human Rights of Migrants").click()
    chair = page.locator("dt", has_text="Chair at the time").locator("xpath=following-sibling::dd")
    assert "OHCHR" in chair.inner_text()
    screenshot(page, "seed-statement")


def test_the_seed_pages_have_no_serious_accessibility_violation(page, seeded_site):
    problems = {}
    for path in ("/", "/agencies/", "/agencies/unhcr/", "/chairs/", "/statements/", "/history/", "/search/?q=UNHCR"):
        page.goto(seeded_site + path)
        if bad := serious(page):
            problems[path] = bad
    screenshot(page, "seed-search")
    assert not problems, problems
