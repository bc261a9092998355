"""Playwright driving Debian's Chromium against pytest-django's live server.

Without chromium on PATH the browser tests skip with the reason; in CI (CI=true) that is a failure.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings

SCREENSHOTS = Path(settings.BASE_DIR) / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
WIDTHS = {"phone": 390, "desktop": 1280}


def _chromium_or_skip():
    path = shutil.which("chromium")
    if path:
        return path
    reason = "Debian's chromium is not on PATH (apt-get install chromium); browser tests need it"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason}, and in CI they must run.")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    """One Chromium per test module, so the event loop Playwright runs ends before other tests run."""
    executable = _chromium_or_skip()
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the browser tests make
    # are still plain synchronous calls, so Django's async-safety guard is lifted while they run only.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": WIDTHS["desktop"], "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def site(live_server, transactional_db):
    """The data the browser sees, built inside the test: live_server's transactional database is flushed after it.

    The factory world rather than the seed keeps the journeys deterministic whatever the seed holds.
    """
    from tests.site.conftest import build_world

    build_world()
    return live_server.url


def screenshot(page, name):
    """Full-page screenshots at phone and desktop width, into screenshots/ (gitignored)."""
    SCREENSHOTS.mkdir(exist_ok=True)
    for label, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{label}.png"), full_page=True)
    page.set_viewport_size({"width": WIDTHS["desktop"], "height": 900})


@pytest.fixture
def seeded_site(live_server, transactional_db):
    """The real seed data, loaded inside the test (the live server's database is flushed afterwards)."""
    from django.core.management import call_command

    call_command("seed", verbosity=0)
    return live_server.url
