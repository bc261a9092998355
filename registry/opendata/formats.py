"""The tables written as files: one JSON document, a Frictionless data package, Popolo JSON.

Every writer takes the tables of `registry.opendata.tables` and returns bytes that depend on nothing
else (no build time, no version date, sorted keys, rows in primary-key order), so unchanged data
gives byte-identical files, whatever day they are built.
"""

import csv
import datetime
import io
import json
import zipfile

from django.conf import settings
from django.urls import reverse

from registry.dates import iso_partial
from registry.models import Body
from registry.models.agencies import BODY_ENDS
from registry.opendata.tables import TABLES, TABLES_BY_NAME

LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
TITLE = "GMG Registry: the Global Migration Group, 2006–2018"
PUBLISHER = "GMG Registry"
DESCRIPTION = (
    "The published record of the Global Migration Group (2006–2018) and the Geneva Migration Group before it: "
    "member agencies and their memberships, the totals of members that sources reported without naming them all, "
    "the rotating chair with its vacancies, statements, working groups, "
    "events, publications, related initiatives and topics, each record with its sources."
)

JSON_FILE = "gmg-registry.json"
POPOLO_FILE = "gmg-registry-popolo.json"
PACKAGE_DIR = "datapackage"
PACKAGE_FILE = f"{PACKAGE_DIR}/datapackage.json"
PACKAGE_ZIP = "gmg-registry-datapackage.zip"

# The JSON document nests these tables inside their parent record: (table, parent table, column naming
# the parent, key in the parent record, the only column kept when the rows are plain references).
NESTED = (
    ("chair_holders", "chair_terms", "chair_term", "holders", "agency"),
    ("event_participants", "events", "event", "participants", None),
    ("statement_signatories", "statements", "statement", "signatories", "agency"),
    ("statement_topics", "statements", "statement", "topics", "topic"),
    ("working_group_roles", "working_groups", "working_group", "roles", None),
    ("working_group_activities", "working_groups", "working_group", "activities", None),
    ("publication_lead_agencies", "publications", "publication", "lead_agencies", "agency"),
    ("publication_topics", "publications", "publication", "topics", "topic"),
)
NESTED_TABLES = {nested[0] for nested in NESTED}


def dumps(data):
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def _site(path):
    return settings.SITE_URL + path


def _public(row):
    """A row without the bookkeeping the builders carry along."""
    return {key: value for key, value in row.items() if not key.startswith("_")}


# One JSON document ----------------------------------------------------------------------------------


def registry_json(tables):
    """Every record once, related records named by slug (or id), lists of references inside their record."""
    records = {
        name: [{**_public(row), "sources": row["_sources"]} for row in rows]
        for name, rows in tables.items()
        if name not in NESTED_TABLES and name != "sources"
    }
    by_key = {name: {row[TABLES_BY_NAME[name].key_column]: row for row in rows} for name, rows in records.items()}
    for table, parent, column, key, only in NESTED:
        for row in by_key[parent].values():
            row.setdefault(key, [])
        for row in tables[table]:
            item = row[only] if only else {k: v for k, v in _public(row).items() if k != column}
            if not only and TABLES_BY_NAME[table].has_sources:
                item["sources"] = row["_sources"]
            by_key[parent][row[column]][key].append(item)
    return dumps({
        "title": TITLE, "description": DESCRIPTION, "licence": LICENCE, "homepage": _site(reverse("site:data")),
        "counts": {name: len(rows) for name, rows in records.items()}, **records,
    })  # fmt: skip


# A Frictionless data package ------------------------------------------------------------------------


def _csv(table, rows):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    names = [column.name for column in table.columns]
    writer.writerow(names)
    for row in rows:
        writer.writerow([_cell(row[name]) for name in names])
    return out.getvalue().encode("utf-8")


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _schema(table):
    fields = []
    for column in table.columns:
        field = {"name": column.name, "type": column.type, "description": column.description}
        if column.type == "boolean":
            field.update(trueValues=["true"], falseValues=["false"])
        constraints = {}
        if column.required:
            constraints["required"] = True
        if column.enum:
            constraints["enum"] = list(column.enum)
        if constraints:
            field["constraints"] = constraints
        fields.append(field)
    schema = {"fields": fields, "missingValues": [""], "primaryKey": list(table.primary_key)}
    if table.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": column, "reference": {"resource": "" if target == table.name else target, "fields": key}}
            for column, target, key in table.foreign_keys
        ]
    return schema


def datapackage(tables):
    """{path inside the package: bytes}: one CSV per table and the `datapackage.json` that describes them."""
    files = {f"{table.name}.csv": _csv(table, tables[table.name]) for table in TABLES}
    resources = [
        {
            "name": table.name,
            "title": table.title,
            "description": table.description,
            "path": f"{table.name}.csv",
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "header": True},
            "schema": _schema(table),
        }
        for table in TABLES
    ]
    descriptor = {
        "profile": "tabular-data-package",
        "name": "gmg-registry",
        "title": TITLE,
        "description": DESCRIPTION,
        "homepage": _site(reverse("site:data")),
        "licenses": [LICENCE],
        "sources": [{"title": PUBLISHER, "path": _site(reverse("site:home"))}],
        "resources": resources,
    }
    return {"datapackage.json": dumps(descriptor), **files}


def zipped(files):
    """A zip whose bytes depend only on the files: fixed timestamps and permissions, names in order."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(f"gmg-registry/{name}", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name])
    return out.getvalue()


# Popolo -------------------------------------------------------------------------------------------


def popolo_date(value, precision):
    """A Popolo date says only what is known: '2007', '2009-05', '2009-06-01' (ISO 8601 at its precision).

    `value` is a date or the ISO text of the tables' rows; registry.dates writes it.
    """
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.date.fromisoformat(value)
    return iso_partial(value, precision)


def _dates(row, start="start", end="end"):
    return {
        "start_date": popolo_date(row[start], row[f"{start}_precision"]),
        "end_date": popolo_date(row[end], row[f"{end}_precision"]),
    }


def _links(sources):
    """Popolo `sources` are links (a URL is required); a source known only by title goes in `other_sources`."""
    linked = [{"url": s["url"], "note": " — ".join(filter(None, [s["title"], s["note"]]))} for s in sources if s["url"]]
    unlinked = [{"title": s["title"], "note": s["note"]} for s in sources if not s["url"]]
    return {"sources": linked, **({"other_sources": unlinked} if unlinked else {})}


def _org_id(kind, key):
    return f"{kind}/{key}"


CHAIR_POST = "post/gmg-chair"


def popolo(tables, gaps):
    """Popolo JSON: organizations (the two bodies, the agencies, the working groups), the chair as a post
    with its holders (memberships holding the post) and its vacancies, memberships with dates, events.

    `gaps` are the periods with no chair on record (documented vacancies carry their note and sources).
    """
    organizations = [_body(body, tables["memberships"], tables["reported_totals"]) for body in Body]
    organizations += [
        {
            "id": _org_id("agency", row["slug"]), "name": row["name"], "classification": row["kind"],
            "other_names": [{"name": row["acronym"], "note": "acronym"}],
            "identifiers": [{"identifier": row["slug"], "scheme": "gmg-registry"}],
            "links": [{"url": url, "note": note} for url, note in ((row["website"], "website"),
                                                                   (row["html_url"], "GMG Registry")) if url],
            **({"image": row["logo_url"]} if row["logo_url"] else {}),
            **_links(row["_sources"]),
        }
        for row in tables["agencies"]
    ]  # fmt: skip
    organizations += [
        {
            "id": _org_id("working-group", row["slug"]), "name": row["name"], "classification": "working group",
            "parent_id": _org_id("body", Body.GMG),
            "founding_date": popolo_date(row["established"], row["established_precision"]),
            "dissolution_date": popolo_date(row["dissolved"], row["dissolved_precision"]),
            "links": [{"url": row["html_url"], "note": "GMG Registry"}], **_links(row["_sources"]),
        }
        for row in tables["working_groups"]
    ]  # fmt: skip
    memberships = [
        {
            "id": f"membership/{row['id']}", "organization_id": _org_id("body", row["body"]), "role": "member",
            "member": {"@type": "Organization", "id": _org_id("agency", row["agency"])}, **_membership_dates(row),
            **({"note": row["note"]} if row["note"] else {}), **_links(row["_sources"]),
        }
        for row in tables["memberships"]
    ]  # fmt: skip
    terms = {row["id"]: row for row in tables["chair_terms"]}
    memberships += [
        {
            "id": f"chair-term/{row['chair_term']}/{row['agency']}", "label": "Chair of the Global Migration Group",
            "organization_id": _org_id("body", Body.GMG), "post_id": CHAIR_POST, "role": "chair",
            "member": {"@type": "Organization", "id": _org_id("agency", row["agency"])},
            **_dates(terms[row["chair_term"]]), **_term_extras(terms[row["chair_term"]]),
        }
        for row in tables["chair_holders"]
    ]  # fmt: skip
    memberships += [
        {
            "id": f"working-group-role/{row['id']}", "organization_id": _org_id("working-group", row["working_group"]),
            "role": row["role"], "member": {"@type": "Organization", "id": _org_id("agency", row["agency"])},
            **_dates(row), **_links(row["_sources"]),
        }
        for row in tables["working_group_roles"]
    ]  # fmt: skip
    participants = {}
    for row in tables["event_participants"]:
        participants.setdefault(row["event"], []).append(
            {"organization_id": _org_id("agency", row["agency"]), "level": row["level"], "note": row["note"]}
        )
    events = [
        {
            "id": f"event/{row['slug']}", "name": row["title"], "classification": row["kind"],
            "description": row["summary"], **_dates(row),
            "location": ", ".join(filter(None, [row["city"], row["country"]])) or None,
            "organization_id": _org_id("agency", row["organiser"]) if row["organiser"] else None,
            "participants": participants.get(row["slug"], []), **_links(row["_sources"]),
        }
        for row in tables["events"]
    ]  # fmt: skip
    post = {
        "id": CHAIR_POST, "label": "Chair of the Global Migration Group", "role": "chair",
        "organization_id": _org_id("body", Body.GMG),
        # Its holders, embedded as Popolo allows (they are also among the top-level memberships).
        "memberships": sorted((m for m in memberships if m.get("post_id") == CHAIR_POST), key=lambda m: m["id"]),
        "vacancies": [_vacancy(gap, tables["chair_vacancies"]) for gap in gaps],
        "links": [{"url": _site(reverse("site:chairs")), "note": "GMG Registry: the chair rotation"}],
    }  # fmt: skip
    return dumps({
        "organizations": sorted(organizations, key=lambda o: o["id"]),
        "posts": [post],
        "memberships": sorted(memberships, key=lambda m: m["id"]),
        "events": sorted(events, key=lambda e: e["id"]),
    })  # fmt: skip


def _term_extras(term):
    extras = {key: term[key] for key in ("principal", "note") if term[key]}
    return {"chair_term_id": term["id"], **extras, **_links(term["_sources"])}


def _vacancy(gap, vacancies):
    """A period with no chair on record; a documented vacancy adds its dates as recorded, note and sources."""
    item = {"start_date": gap.start.isoformat(), "end_date": gap.end.isoformat(), "documented": gap.documented}
    if gap.vacancy is not None:
        row = next((row for row in vacancies if row["id"] == gap.vacancy.pk), None)
        if row is not None:
            item.update(vacancy_id=row["id"], note=row["note"], recorded_period=_dates(row), **_links(row["_sources"]))
    return item


def _membership_dates(row):
    """A membership's dates, the start only when a source records it.

    Popolo has no field for "a member by then, joined earlier": a membership whose start is not recorded
    but that a source attests on a date carries that date (at its precision) in `attested_date`, an
    extension property the Popolo schemas allow, and says so in words in `attestation`.
    """
    dates = _dates(row)
    if dates["start_date"] is None:
        del dates["start_date"]
    attested = popolo_date(row["attested_on"], row["attested_on_precision"])
    if attested:
        dates["attested_date"] = attested
        dates["attestation"] = f"A member by {attested} according to its sources; the joining date is not recorded."
    return dates


def _reported_total(row):
    return {
        "date": popolo_date(row["date"], row["date_precision"]), "total": row["total"],
        **({"note": row["note"]} if row["note"] else {}), **_links(row["_sources"]),
    }  # fmt: skip


def _body(body, memberships, totals):
    """One of the two bodies: founded on its first member day on record, dissolved when the registry says it ended.

    The totals of members sources reported for it (not all named) go in `reported_member_totals`, an
    extension property: Popolo has no field for a count of members.
    """
    rows = [row for row in memberships if row["body"] == body and row["start"] is not None]
    first = min(rows, key=lambda row: row["start"], default=None)
    end = BODY_ENDS.get(body)
    organization = {"id": _org_id("body", body), "name": str(body.label), "classification": "inter-agency group"}
    if first:
        organization["founding_date"] = popolo_date(first["start"], first["start_precision"])
    if end:
        organization["dissolution_date"] = popolo_date(end.date, end.precision)
    reported = [_reported_total(row) for row in totals if row["body"] == body]
    if reported:
        organization["reported_member_totals"] = reported
    return organization
