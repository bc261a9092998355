"""Dated versions of the downloads in Django's default storage (local media or object storage).

    open-data/index.json               every version, newest first: its files and the changelog from the one before
    open-data/2026-11-28/manifest.json  that version's files: size, record count, SHA-256
    open-data/2026-11-28/changelog.json records added, changed and withdrawn since the version before
    open-data/2026-11-28/gmg-registry.json, gmg-registry-popolo.json, gmg-registry-datapackage.zip,
                        datapackage/datapackage.json, datapackage/<table>.csv

A build writes a new version only when the data changed since the latest one; rebuilt on the same day
with changed data, it replaces that day's version (its changelog still runs from the version before).
Earlier versions are never touched. The index is written last, so the page never lists a version
whose files are not all there.
"""

import dataclasses
import hashlib
import json

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from registry.opendata import formats, tables

ROOT = "open-data"
INDEX = f"{ROOT}/index.json"

MEDIA_TYPES = {".json": "application/json", ".csv": "text/csv; charset=utf-8", ".zip": "application/zip"}

# What the page offers first, in this order, with what each file is.
MAIN_FILES = {
    formats.JSON_FILE: "The whole registry as one JSON document",
    formats.PACKAGE_ZIP: "Frictionless data package: CSV files and datapackage.json, zipped",
    formats.PACKAGE_FILE: "Frictionless data package descriptor (its CSV files are listed below it)",
    formats.POPOLO_FILE: "Popolo JSON: organizations, memberships, the chair as a post, events",
}


def media_type(name):
    return next((value for suffix, value in MEDIA_TYPES.items() if name.endswith(suffix)), "application/octet-stream")


def build_files():
    """{file name inside a version: bytes} and {table: record count}, from the published registry now."""
    data = tables.read_tables()
    package = formats.datapackage(data)
    files = {
        formats.JSON_FILE: formats.registry_json(data),
        formats.POPOLO_FILE: formats.popolo(data, tables.chair_gaps()),
        formats.PACKAGE_ZIP: formats.zipped(package),
        **{f"{formats.PACKAGE_DIR}/{name}": content for name, content in package.items()},
    }
    return files, {name: len(rows) for name, rows in data.items()}


def _describe(name, content, counts):
    entry = {
        "name": name,
        "size": len(content),
        "sha256": hashlib.sha256(content).hexdigest(),
        "media_type": media_type(name),
        "title": MAIN_FILES.get(name, ""),
        "main": name in MAIN_FILES,
    }
    table = name.removeprefix(f"{formats.PACKAGE_DIR}/").removesuffix(".csv")
    if name.endswith(".csv") and table in counts:
        entry["title"] = f"Table `{table}`"
        entry["records"] = counts[table]
    elif name in MAIN_FILES:
        entry["records"] = sum(n for table, n in counts.items() if table not in formats.NESTED_TABLES | {"sources"})
    return entry


def _file_order(name):
    return (list(MAIN_FILES).index(name) if name in MAIN_FILES else len(MAIN_FILES), name)


# Reading what is stored ---------------------------------------------------------------------------


def _read_json(path, default=None):
    if not default_storage.exists(path):
        return default
    with default_storage.open(path, "rb") as handle:
        return json.loads(handle.read().decode("utf-8"))


def versions():
    """Every version, newest first, as the index lists it (an empty list before the first build)."""
    return _read_json(INDEX, {"versions": []})["versions"]


def file_path(version, name):
    return f"{ROOT}/{version}/{name}"


def find_file(version, name):
    """The manifest entry of `name` in `version`, or None: only files a manifest lists are ever served."""
    for entry in versions():
        if entry["version"] == version:
            return next((f for f in entry["files"] if f["name"] == name), None)
    return None


def _records(version):
    """The records of a stored version by (collection, key), read back from its JSON document."""
    data = _read_json(file_path(version, formats.JSON_FILE), {})
    return _index_records(data)


def _index_records(data):
    records = {}
    for name, table in tables.TABLES_BY_NAME.items():
        for record in data.get(name, ()):
            records[(name, str(record[table.key_column]))] = record
    return records


# Changelog ----------------------------------------------------------------------------------------


def _label(collection, record):
    """What a reader recognises a record by: its title or name, else who and what it is about."""
    if record.get("title") or record.get("name"):
        return str(record.get("title") or record.get("name"))
    if collection == "chair_terms":
        return f"Chair term of {', '.join(record['holders']) or 'no agency'}, {record['start']} – {record['end']}"
    if collection == "memberships":
        attested = record.get("attested_on")  # absent from versions built before it was recorded
        since = record["start"] or (attested and f"by {attested}") or "date not recorded"
        return f"Membership of {record['agency']} in {record['body']}, from {since}"
    if collection == "reported_totals":
        return f"{record['total']} members of {record['body']} reported for {record['date']}"
    return f"{collection} {record['id']}"


def changelog(previous, current):
    """Records added, changed (with the fields that changed) and withdrawn, by collection and stable key."""
    added, changed, withdrawn = [], [], []
    for key in sorted(current.keys() | previous.keys()):
        collection, ident = key
        if key not in previous:
            added.append({"collection": collection, "id": ident, "label": _label(collection, current[key])})
        elif key not in current:
            withdrawn.append({"collection": collection, "id": ident, "label": _label(collection, previous[key])})
        elif current[key] != previous[key]:
            # A column added since the previous version (empty in this record) is no change to the record.
            fields = sorted(f for f in current[key].keys() | previous[key].keys()
                            if current[key].get(f) != previous[key].get(f))  # fmt: skip
            if not fields:
                continue
            changed.append(
                {"collection": collection, "id": ident, "label": _label(collection, current[key]), "fields": fields}
            )
    return {"added": added, "changed": changed, "withdrawn": withdrawn}


# Building a version -------------------------------------------------------------------------------


@dataclasses.dataclass
class Result:
    version: str
    written: bool
    replaced: bool = False
    unchanged_since: str | None = None
    counts: dict = dataclasses.field(default_factory=dict)
    changes: dict | None = None


def build(version):
    """Write the downloads as `version` (a date, YYYY-MM-DD) unless nothing changed since the latest version."""
    files, counts = build_files()
    entries = sorted((_describe(name, content, counts) for name, content in files.items()),
                     key=lambda e: _file_order(e["name"]))  # fmt: skip
    known = versions()
    latest = known[0] if known else None
    if latest and _same_files(latest["files"], entries):
        return Result(version, written=False, unchanged_since=latest["version"], counts=counts)

    earlier = [v for v in known if v["version"] != version]
    replaced = len(earlier) != len(known)
    previous = earlier[0]["version"] if earlier else None
    current_records = _index_records(json.loads(files[formats.JSON_FILE]))
    changes = changelog(_records(previous), current_records) if previous else None

    if replaced:
        _delete_version(next(v for v in known if v["version"] == version))
    for name, content in files.items():
        _write(file_path(version, name), content)
    manifest = {"version": version, "previous": previous, "licence": formats.LICENCE, "files": entries}
    _write(file_path(version, "manifest.json"), formats.dumps(manifest))
    if changes is not None:
        _write(file_path(version, "changelog.json"), formats.dumps({"from": previous, "to": version, **changes}))
    entry = {**manifest, "counts": counts, "changes": changes}
    index = sorted([entry, *earlier], key=lambda v: v["version"], reverse=True)
    _write(INDEX, formats.dumps({"versions": index}))
    return Result(version, written=True, replaced=replaced, counts=counts, changes=changes)


def _same_files(old, new):
    return {(f["name"], f["sha256"]) for f in old} == {(f["name"], f["sha256"]) for f in new}


def _write(path, content):
    # Storage backends rename rather than overwrite an existing name: make room first.
    if default_storage.exists(path):
        default_storage.delete(path)
    default_storage.save(path, ContentFile(content))


def _delete_version(entry):
    for name in [f["name"] for f in entry["files"]] + ["manifest.json", "changelog.json"]:
        path = file_path(entry["version"], name)
        if default_storage.exists(path):
            default_storage.delete(path)
