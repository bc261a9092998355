"""Without Chromium the browser tests skip on a developer's machine, and fail in CI, never silently pass."""

import shutil

import pytest

from tests.browser.conftest import _chromium_or_skip


@pytest.fixture
def no_chromium(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)


def test_without_chromium_the_browser_tests_skip_locally_with_the_reason(no_chromium, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="chromium is not on PATH"):
        _chromium_or_skip()


def test_without_chromium_the_browser_tests_fail_in_ci(no_chromium, monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="in CI they must run"):
        _chromium_or_skip()
