"""A visitor reads the site in a real browser: home → agency → statement, searches, filters, the timeline."""

import pytest

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser


def test_a_visitor_goes_from_home_to_an_agency_to_a_statement(page, site):
    page.goto(site + "/")
    assert page.locator("h1").inner_text() == "The Global Migration Group, 2006–2018"
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Agencies").click()
    page.get_by_role("link", name="UNHCR", exact=True).click()
    assert "Office of the United Nations High Commissioner for Refugees" in page.locator("h1").inner_text()
    page.get_by_role("link", name="Statement on the human rights of migrants in irregular situation").click()
    assert page.url.endswith("/statements/human-rights-irregular-2010/")
    assert "OHCHR" in page.locator("dd", has_text="Office of the High Commissioner").inner_text()


def test_a_visitor_searches_from_the_header_and_finds_the_agency_first(page, site):
    page.goto(site + "/")
    page.get_by_label("Search the registry").fill("UNHCR")
    page.get_by_label("Search the registry").press("Enter")
    first = page.locator("ol.results > li").first
    assert first.locator(".kicker").text_content() == "Agency"
    assert "High Commissioner for Refugees" in first.locator("h3").inner_text()
    page.get_by_label("Words to search for").fill("human rights")
    page.get_by_label("Words to search for").press("Enter")
    assert page.locator(".snippet mark").count() >= 1
    screenshot(page, "search")


def test_a_visitor_filters_the_statements_and_can_bookmark_the_result(page, site):
    page.goto(site + "/statements/")
    page.get_by_role("combobox", name="Language").select_option("fr")  # the filter, not the site's language switcher
    page.get_by_role("button", name="Apply").click()
    assert "language=fr" in page.url
    assert page.locator(".cards > li").count() == 1
    bookmark = page.url
    page.goto(site + "/")
    page.goto(bookmark)
    assert page.locator(".cards h3").inner_text().startswith("Déclaration")
    screenshot(page, "statements-filtered")


def test_a_visitor_filters_the_agencies_by_date_and_is_told_when_the_date_is_wrong(page, site):
    page.goto(site + "/agencies/?member_on=2006-06-30")
    assert page.locator(".agency-cards > li").count() == 2
    response = page.goto(site + "/agencies/?member_on=yesterday")
    assert response.status == 400
    assert page.get_by_role("alert").is_visible()


def test_the_chair_timeline_renders_with_bars_labels_and_gaps(page, site):
    page.goto(site + "/chairs/")
    svg = page.locator("svg.chair-timeline")
    assert svg.is_visible()
    box = svg.bounding_box()
    assert box["width"] > 600 and box["height"] > 100
    assert page.locator("svg.chair-timeline rect.term").count() >= 2
    assert page.locator("svg.chair-timeline text.term-label", has_text="OHCHR").count() >= 1
    assert page.locator("svg.chair-timeline .gap").count() >= 1
    assert page.locator("table.chair-table").get_by_text("Documented vacancy").count() >= 1
    screenshot(page, "chairs")


def test_the_citation_can_be_copied_with_javascript_and_read_without(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/statements/human-rights-irregular-2010/")
    assert "Global Migration Group" in page.locator("#citation-text").input_value()
    assert not page.locator(".copy-button").is_visible()
    context.close()
