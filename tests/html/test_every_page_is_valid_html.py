"""Every public page passes the W3C Nu HTML checker (vnu.jar, installed by `make install` from npm).

All pages are rendered from the real seed data into files and checked in ONE run of the checker
(one JVM start, a few seconds): every page of the sitemap, a filtered list, a 400 page (a filter that
cannot be used) and the 404 page. The HTML does not depend on the database, so this runs on SQLite
only; on PostgreSQL it is skipped with that reason.
"""

import json
import os
import re
import shutil
import subprocess
import warnings
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.sitemap import sitemap_locs

VNU_JAR = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Pages beyond the sitemap: what a visitor reaches by filtering, by a bad filter, by a wrong address.
EXTRA_PAGES = {
    "/statements/?year=2013&sort=oldest": 200,
    "/agencies/?member_on=2010-06-30&body=gmg": 200,
    "/events/?kind=hld": 200,
    "/agencies/?member_on=not-a-date": 400,
    "/statements/?year=20x3&agency=nobody": 400,
    "/search/?q=migration": 200,
    "/no-such-page/": 404,
}


# Errors in templates and forms that other branches of the same issue own and fix; each is still
# reported (as a warning), and one that no longer occurs fails the test until it is removed here, so
# this list can only shrink. Empty it when those branches are merged.
PENDING_IN_OTHER_BRANCHES = {}


def checker_missing_reason():
    if shutil.which("java") is None:
        return "java is not on PATH (apt-get install default-jre-headless)"
    if not VNU_JAR.exists():
        return f"{VNU_JAR} is missing: run `make install` (npm install of vnu-jar)"
    return None


def render_pages(client, directory):
    """Every page as a file; returns {file name: path on the site}."""
    paths = {loc.removeprefix("http://testserver") for loc in sitemap_locs(client)}
    expected = dict.fromkeys(sorted(paths), 200) | EXTRA_PAGES
    files = {}
    for index, (path, status) in enumerate(expected.items()):
        response = client.get(path)
        assert response.status_code == status, f"{path} answered {response.status_code}, expected {status}"
        name = f"page-{index:03d}.html"
        (directory / name).write_bytes(response.content)
        files[name] = path
    return files


def run_checker(directory):
    command = ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", str(directory)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    return json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]


@pytest.mark.django_db
def test_every_public_page_passes_the_nu_html_checker(client, seed, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("runs once, on SQLite: the HTML does not depend on the database")
    if reason := checker_missing_reason():
        if os.environ.get("CI"):
            pytest.fail(f"The HTML checker cannot run in CI: {reason}")
        pytest.skip(reason)
    files = render_pages(client, tmp_path)
    assert len(files) > 30, "the sitemap should list every public page"

    errors = [describe(message, files) for message in run_checker(tmp_path) if is_error(message)]
    pending = {cause: [e for e in errors if cause in e] for cause in PENDING_IN_OTHER_BRANCHES}
    for cause, found in pending.items():
        if found:
            owner = PENDING_IN_OTHER_BRANCHES[cause]
            warnings.warn(f"{len(found)} HTML error(s) to be fixed in {owner}: {cause}", stacklevel=1)
    fixed = [cause for cause, found in pending.items() if not found]
    assert not fixed, f"Fixed now, so remove from PENDING_IN_OTHER_BRANCHES: {fixed}"
    errors = [error for error in errors if not any(cause in error for cause in PENDING_IN_OTHER_BRANCHES)]
    assert not errors, f"{len(errors)} HTML error(s):\n" + "\n".join(sorted(errors))


def is_error(message):
    return message.get("type") == "error" or message.get("subType") == "fatal"


def describe(message, files):
    """'/agencies/ line 12: <message>' and the offending markup, so the template can be found."""
    page = files.get(Path(message.get("url", "")).name, message.get("url", "?"))
    extract = re.sub(r"\s+", " ", message.get("extract", "")).strip()
    return f"{page} line {message.get('lastLine', '?')}: {message['message']}\n    {extract}"
