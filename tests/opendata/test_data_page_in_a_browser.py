"""The /data/ page passes axe-core at phone and desktop width, with two versions and a changelog on it."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from registry.models import Topic
from registry.opendata import store
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
    problems = {}
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        results = Axe().run(page)
        bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
        if bad:
            problems[width] = [f"{v['id']}: {v['help']}" for v in bad]
    screenshot(page, "data")
    assert not problems, problems
    assert page.get_by_role("table", name="Downloads of version 2026-11-21").is_visible()
