"""The site in Arabic, Chinese and French in a browser: screenshots at phone and desktop width, axe in Arabic."""

import pytest

from tests.browser.axe import serious_violations
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser

PAGES = {
    "home": "/",
    "agency": "/agencies/unhcr/",
    "chairs": "/chairs/",
    "statement": "/statements/human-rights-irregular-2010/",
}


@pytest.mark.parametrize("lang", ["ar", "zh-hans", "fr"])
def test_each_page_in_the_language_is_screenshotted_at_two_widths(page, site, lang):
    for name, path in PAGES.items():
        response = page.goto(f"{site}/{lang}{path}")
        assert response.status == 200, path
        assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
        screenshot(page, f"{lang}-{name}")


def test_arabic_mirrors_the_layout_but_keeps_the_timeline_left_to_right(page, site):
    page.goto(f"{site}/ar/chairs/")
    page.set_viewport_size({"width": 1280, "height": 900})
    brand = page.locator(".brand").bounding_box()
    assert brand["x"] > 640, "the brand starts on the right in a right-to-left page"
    months = page.locator(".chair-timeline text.month")
    assert months.first.bounding_box()["x"] < months.last.bounding_box()["x"], "time runs left to right"


def test_no_serious_accessibility_violation_in_arabic(page, site):
    problems = {}
    for name, path in PAGES.items():
        page.goto(f"{site}/ar{path}")
        for width, bad in serious_violations(page).items():
            problems[f"{name}@{width}"] = bad
    assert not problems, problems


def test_the_switcher_takes_the_reader_to_the_same_record_in_another_language(page, site):
    page.goto(f"{site}/fr/agencies/unhcr/")
    page.get_by_role("navigation", name="Langue").get_by_role("link", name="中文").click()
    assert page.url == f"{site}/zh-hans/agencies/unhcr/"
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
