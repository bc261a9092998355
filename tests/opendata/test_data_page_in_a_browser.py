"""The /data/ page passes axe-core at phone and desktop width, with two versions and a changelog on it."""

import pytest

from registry.models import Topic
from registry.opendata import store
from tests.browser.axe import serious_violations
from tests.browser.conftest import browser, page, screenshot  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser


@pytest.fixture
def data_site(live_server, transactional_db, settings, tmp_path):
    from tests.site.conftest import build_world

    settings.MEDIA_ROOT = tmp_path / "media"
    build_world()
    store.build("2026-11-20")
    Topic.objects.create(name="Remittances", slug="remittances")
    store.build("2026-11-21")
    return live_server.url


def test_the_data_page_has_no_serious_or_critical_accessibility_violation(page, data_site):  # noqa: F811
    page.goto(data_site + "/data/")
    page.get_by_text("The tables of the data package").click()  # open the details, so axe sees the table
    problems = serious_violations(page)
    screenshot(page, "data")
    assert not problems, problems
    assert page.get_by_role("table", name="Downloads of version 2026-11-21").is_visible()
