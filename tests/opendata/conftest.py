import csv
import io
import json

import pytest
import time_machine
from django.core.files.storage import default_storage
from django.core.management import call_command

BUILD_DAY = "2026-11-20"


@pytest.fixture
def clock(time_machine):
    """The test runs on BUILD_DAY: records it makes as "published yesterday" are public when it builds."""
    time_machine.move_to(f"{BUILD_DAY} 02:15 +0000", tick=False)


@pytest.fixture
def media(settings, tmp_path):
    """Downloads go to a fresh media folder (the default storage), never the project's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def build_on(day):
    """Run the command as cron would on `day` (YYYY-MM-DD); returns what it printed."""
    out = io.StringIO()
    with time_machine.travel(f"{day} 02:15 +0000", tick=False):
        call_command("build_open_data", stdout=out)
    return out.getvalue()


def stored(version, name):
    with default_storage.open(f"open-data/{version}/{name}", "rb") as handle:
        return handle.read()


def stored_json(version, name):
    return json.loads(stored(version, name))


def stored_csv(version, table):
    text = stored(version, f"datapackage/{table}.csv").decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def built(clock, seed, media):
    """The seed data, built once as version BUILD_DAY."""
    build_on(BUILD_DAY)
    return BUILD_DAY
