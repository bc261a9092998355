import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from gmg import env


def test_a_boolean_setting_accepts_the_usual_spellings(monkeypatch):
    for value, expected in [("1", True), ("yes", True), ("On", True), ("0", False), ("false", False), ("", False)]:
        monkeypatch.setenv("SOME_FLAG", value)
        assert env.env_bool("SOME_FLAG") is expected


def test_a_boolean_setting_with_a_typo_fails_loudly(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "ture")
    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG='ture' is not a boolean"):
        env.env_bool("SOME_FLAG")


def test_a_number_setting_that_is_not_a_number_fails_loudly(monkeypatch):
    monkeypatch.setenv("SOME_NUMBER", "ten")
    with pytest.raises(ImproperlyConfigured, match="not a whole number"):
        env.env_int("SOME_NUMBER", 1)


def test_a_list_setting_is_split_on_commas(monkeypatch):
    monkeypatch.setenv("HOSTS", " a.org, b.org ,,")
    assert env.env_list("HOSTS") == ["a.org", "b.org"]


def _settings_with(**environ):
    """Import the settings in a fresh interpreter, as a deployment would."""
    code = "import gmg.settings as s; print(s.DATABASES['default']['ENGINE'], s.CACHES['default']['BACKEND'])"
    base = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "gmg.settings"}
    return subprocess.run([sys.executable, "-c", code], env=base | environ, capture_output=True, text=True)


def test_production_without_a_secret_key_refuses_to_start():
    result = _settings_with(DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_an_unknown_database_url_scheme_refuses_to_start():
    result = _settings_with(DATABASE_URL="nosuchdb://x/y")
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr


def test_an_unknown_cache_url_scheme_refuses_to_start():
    result = _settings_with(CACHE_URL="memcache://x")
    assert result.returncode != 0
    assert "CACHE_URL" in result.stderr


def test_the_defaults_are_sqlite_and_local_memory():
    result = _settings_with()
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.sqlite3",
        "django.core.cache.backends.locmem.LocMemCache",
    ]


def test_a_redis_url_selects_the_outage_tolerant_redis_cache():
    result = _settings_with(REDIS_URL="redis://127.0.0.1:6379/1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[1] == "gmg.cache.ResilientRedisCache"


def _database_options(**environ):
    code = (
        "import gmg.settings as s; o = s.DATABASES['default'].get('OPTIONS', {}); "
        "print(o.get('server_side_binding'), o.get('prepare_threshold'))"
    )
    base = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "gmg.settings"}
    result = subprocess.run([sys.executable, "-c", code], env=base | environ, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_postgresql_binds_parameters_on_the_server_and_prepares_repeated_queries_unless_told_not_to():
    url = "postgres://gmg:pw@db.internal:5432/gmg"
    assert _database_options(DATABASE_URL=url) == ["True", "5"]
    assert _database_options(DATABASE_URL=url, DATABASE_PREPARED_STATEMENTS="0") == ["None", "None"]
    assert _database_options() == ["None", "None"]  # SQLite
