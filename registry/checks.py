"""Deployment checks of our own, run by `manage.py check --deploy` beside Django's."""

import sqlite3
from pathlib import Path

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register(Tags.security, deploy=True)
def uploads_outside_the_code(app_configs, **kwargs):
    """Uploads under the project directory could be served or overwritten with the code; keep them apart."""
    backend = settings.STORAGES["default"]["BACKEND"]
    if backend != "django.core.files.storage.FileSystemStorage":
        return []
    media, code = Path(settings.MEDIA_ROOT).resolve(), Path(settings.BASE_DIR).resolve()
    if media == code or code in media.parents:
        return [
            Warning(
                f"MEDIA_ROOT ({media}) is inside the project directory.",
                hint="Set MEDIA_ROOT to a directory outside the code, e.g. /var/lib/gmg-registry/media.",
                id="registry.W001",
            )
        ]
    return []


@register(Tags.compatibility)
def sqlite_has_a_trigram_index(app_configs, **kwargs):
    """On SQLite the search reads an FTS5 trigram index (registry/search_index.py, SQLite 3.34 or later, built
    with FTS5): say so before a migration fails on "no such tokenizer"."""
    if not _uses_sqlite():
        return []
    try:
        with sqlite3.connect(":memory:") as probe:
            probe.execute("CREATE VIRTUAL TABLE probe USING fts5(text, tokenize='trigram')")
    except sqlite3.OperationalError as exc:
        return [
            Error(
                f"This Python's SQLite ({sqlite3.sqlite_version}) has no FTS5 trigram tokenizer: {exc}.",
                hint="Use a Python linked with SQLite 3.34 or later built with FTS5 (Debian 12's is), or PostgreSQL.",
                id="registry.E001",
            )
        ]
    return []


def _uses_sqlite():
    return any(db["ENGINE"] == "django.db.backends.sqlite3" for db in settings.DATABASES.values())
