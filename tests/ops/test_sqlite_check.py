"""The check that says, before a migration fails, that SQLite cannot hold the search's trigram index."""

import sqlite3

from registry import checks


class _NoTrigram:
    def __init__(self, *args):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def execute(self, sql):
        raise sqlite3.OperationalError("no such tokenizer: trigram")


def test_a_sqlite_without_the_trigram_tokenizer_is_an_error_that_says_what_to_do(monkeypatch):
    monkeypatch.setattr(checks, "_uses_sqlite", lambda: True)
    monkeypatch.setattr(checks.sqlite3, "connect", _NoTrigram)
    (error,) = checks.sqlite_has_a_trigram_index(None)
    assert error.id == "registry.E001" and "trigram" in error.msg and "3.34" in error.hint


def test_this_machines_sqlite_has_it_and_postgresql_needs_no_check(monkeypatch):
    monkeypatch.setattr(checks, "_uses_sqlite", lambda: True)
    assert checks.sqlite_has_a_trigram_index(None) == []
    monkeypatch.setattr(checks, "_uses_sqlite", lambda: False)
    monkeypatch.setattr(checks.sqlite3, "connect", _NoTrigram)
    assert checks.sqlite_has_a_trigram_index(None) == []
