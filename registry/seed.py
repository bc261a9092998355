"""Load the group's real history from the YAML files in `fixtures/`, by natural keys.

Two phases, so that bad data never half-loads:

1. `read_fixtures()` parses every file into `Spec`s without touching the database: unknown keys,
   bad dates, unknown references, a record without sources, duplicate natural keys and overlapping
   periods inside the fixtures all fail here, with the file and the record named.
2. `load()` writes them in one transaction and one revision. A record found by its natural key is
   left exactly as it is (an editor may have changed it since); only what is missing is created.
   So a second run writes nothing, and an editor's work is never overwritten.

Natural keys: `slug` for everything that has one; a membership by agency, body and start (an
empty start when it is not recorded); a chair term or a vacancy by its start, a term's holder by
term and agency; a reported total by body and date; a working-group role by group, agency and
role; an activity by group and title; a participation by event and agency; a source by its record
and title.
"""

import dataclasses
import datetime
import itertools
import re
from collections import Counter, defaultdict
from pathlib import Path

import reversion
import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from modeltranslation.utils import build_localized_fieldname

from registry import models as m
from registry import services
from registry.dates import Precision, normalise, overlaps
from registry.fields import RichTextField
from registry.sanitise import clean_html

COMMENT = "Loaded from the seed fixtures"
# A fixed time, not "now": a second run must compare equal, and the site must show the records.
PUBLISHED_AT = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
# Seeded statements, publications and pages, and the facts (memberships, chair terms and vacancies,
# working-group roles: each with its sources), are public.
PUBLISHED = {"status": m.Status.PUBLISHED, "published_at": PUBLISHED_AT}
FILES = [
    "sources.yaml",
    "topics.yaml",
    "agencies.yaml",
    "chairs.yaml",
    "reported_totals.yaml",
    "events.yaml",
    "statements.yaml",
    "working_groups.yaml",
    "publications.yaml",
    "initiatives.yaml",
    "pages.yaml",
]


# libyaml's safe loader when PyYAML was built with it: several times faster than the pure-Python one.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def default_directory():
    return Path(settings.BASE_DIR) / "fixtures"


class SeedError(Exception):
    """Bad fixture data (or data the database refuses): the message names the file and the record."""


@dataclasses.dataclass(frozen=True)
class Ref:
    """A reference by slug to a record another fixture defines, resolved when loading."""

    model: type
    slug: str


@dataclasses.dataclass
class Spec:
    """One record to load: how to find it, what it holds, where it was written."""

    model: type
    key: dict
    fields: dict
    where: str
    m2m: dict = dataclasses.field(default_factory=dict)
    sources: list = dataclasses.field(default_factory=list)
    children: list = dataclasses.field(default_factory=list)
    parent_field: str | None = None


# Reading -----------------------------------------------------------------------------------------


class Record:
    """A mapping from a fixture file; every key must be used, so a typo fails instead of vanishing."""

    def __init__(self, data, where):
        if not isinstance(data, dict):
            raise SeedError(f"{where}: expected a mapping of fields, got {type(data).__name__}.")
        self.data = dict(data)
        self.where = where

    def error(self, message):
        return SeedError(f"{self.where}: {message}")

    def text(self, key, *, required=False, default=""):
        value = self.data.pop(key, None)
        if value is None:
            if required:
                raise self.error(f"'{key}' is required.")
            return default
        if not isinstance(value, str | int | float):
            raise self.error(f"'{key}' must be text, got {type(value).__name__}.")
        return str(value).strip()

    def flag(self, key, *, default=False):
        value = self.data.pop(key, default)
        if not isinstance(value, bool):
            raise self.error(f"'{key}' must be true or false, got {value!r}.")
        return value

    def choice(self, key, choices, *, default=None):
        value = self.text(key, required=default is None, default=default)
        if value not in choices.values:
            raise self.error(f"'{key}' is {value!r}; expected one of {', '.join(choices.values)}.")
        return value

    def integer(self, key, *, default=0):
        value = self.data.pop(key, default)
        if not isinstance(value, int) or isinstance(value, bool):
            raise self.error(f"'{key}' must be a whole number, got {value!r}.")
        return value

    def url(self, key):
        value = self.text(key)
        if value:
            try:
                URLValidator()(value)
            except ValidationError:
                raise self.error(f"'{key}' is not a valid URL: {value!r}.") from None
        return value

    def date(self, key, *, end=False, required=False):
        """A partial date, '2007', '2009-06' or '2009-06-01': (the first or last day it names, precision)."""
        value = self.data.pop(key, None)
        if value is None:
            if required:
                raise self.error(f"'{key}' is required.")
            return None, Precision.DAY
        return parse_partial_date(value, end=end, error=lambda msg: self.error(f"'{key}' {msg}"))

    def period(self, *, start_required=False, end_required=False):
        """'start' and 'end' with their precisions, as the Period fields name them."""
        start, start_precision = self.date("start", required=start_required)
        end, end_precision = self.date("end", end=True, required=end_required)
        return {"start": start, "start_precision": start_precision, "end": end, "end_precision": end_precision}

    def translations(self, key, field):
        """`names: {fr: …, es: …}`: the field in the other site languages, as `<field>_<lang>` values."""
        value = self.data.pop(key, None) or {}
        others = {code for code, _name in settings.LANGUAGES} - {settings.LANGUAGE_CODE}
        if not isinstance(value, dict) or not all(isinstance(text, str) and text.strip() for text in value.values()):
            raise self.error(f"'{key}' must map language codes to text.")
        if unknown := set(value) - others:
            raise self.error(
                f"'{key}' has unknown language(s) {', '.join(sorted(unknown))}; use {', '.join(sorted(others))}."
            )
        return {build_localized_fieldname(field, code): text.strip() for code, text in value.items()}

    def items(self, key):
        value = self.data.pop(key, None) or []
        if not isinstance(value, list):
            raise self.error(f"'{key}' must be a list.")
        return value

    def refs(self, key, model):
        items = self.items(key)
        if not all(isinstance(item, str) for item in items):
            raise self.error(f"'{key}' must be a list of slugs.")
        return [Ref(model, item) for item in items]

    def done(self):
        if self.data:
            raise self.error(f"unknown field(s): {', '.join(sorted(self.data))}.")


PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def describe(item):
    """A hint to find the record in its file: ' (unhcr)', ' (IOM from 2007-01)'."""
    if not isinstance(item, dict):
        return ""
    name = item.get("slug") or item.get("key") or item.get("acronym")
    if name is None and "start" in item:
        holders = item.get("agency") or " and ".join(map(str, item.get("agencies") or [])) or "vacancy"
        name = f"{holders} from {item['start']}"
    if name is None and "total" in item:
        name = f"{item['total']} on {item.get('date')}"
    return f" ({name})" if name else ""


def parse_partial_date(value, *, end, error):
    if isinstance(value, datetime.datetime):
        raise error(f"is {value!r}; a date has no time of day.")
    if isinstance(value, datetime.date):
        return value, Precision.DAY
    match = PARTIAL_DATE.match(str(value).strip())
    if not match:
        raise error(f"is {value!r}; write a date as YYYY, YYYY-MM or YYYY-MM-DD.")
    year, month, day = match.groups()
    try:
        if day:
            return datetime.date(int(year), int(month), int(day)), Precision.DAY
        if month:
            return normalise(datetime.date(int(year), int(month), 1), Precision.MONTH, end=end), Precision.MONTH
        return normalise(datetime.date(int(year), 1, 1), Precision.YEAR, end=end), Precision.YEAR
    except ValueError as exc:
        raise error(f"is {value!r}: {exc}.") from None


class Fixtures:
    """Reads the directory: named sources first, then one reader per file."""

    def __init__(self, directory):
        self.directory = Path(directory)
        self.sources = {}
        self.specs = []

    def load_file(self, name):
        path = self.directory / name
        label = f"{self.directory.name}/{name}"
        if not path.exists():
            raise SeedError(f"{label}: file not found in {self.directory}.")
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)  # noqa: S506 (a safe loader)
        except yaml.YAMLError as exc:
            raise SeedError(f"{label}: not valid YAML: {exc}") from None
        if not isinstance(data, list):
            raise SeedError(f"{label}: expected a list of records at the top level.")
        return label, data

    def read(self):
        for name in FILES:
            label, data = self.load_file(name)
            reader = getattr(self, f"read_{name.removesuffix('.yaml')}")
            for index, item in enumerate(data, start=1):
                where = f"{label}, record {index}{describe(item)}"
                result = reader(Record(item, where))
                if result is not None:
                    self.specs.append(result)
        check(self.specs)
        return self.specs

    # Sources -----------------------------------------------------------------------------------

    def read_sources(self, r):
        key = r.text("key", required=True)
        if key in self.sources:
            raise r.error(f"source key {key!r} is defined twice.")
        self.sources[key] = {"title": r.text("title", required=True), "url": r.url("url"), "note": r.text("note")}
        r.done()

    def cited(self, r):
        """The record's `sources`: a key, {key: note}, or an inline {title, url, note}. At least one."""
        items = r.items("sources")
        if not items:
            raise r.error("every record of history cites at least one source; 'sources' is empty.")
        cited = []
        for item in items:
            if isinstance(item, str):
                key, note = item, ""
            elif isinstance(item, dict) and len(item) == 1 and "title" not in item:
                key, note = next(iter(item.items()))
            else:
                inline = Record(item, f"{r.where}, inline source")
                cited.append(
                    {
                        "title": inline.text("title", required=True),
                        "url": inline.url("url"),
                        "note": inline.text("note"),
                    }
                )
                inline.done()
                continue
            if key not in self.sources:
                raise r.error(f"cites the unknown source {key!r} (define it in sources.yaml).")
            base = self.sources[key]
            cited.append({**base, "note": " ".join(filter(None, [base["note"], str(note or "").strip()]))})
        titles = Counter(c["title"] for c in cited)
        if twice := [t for t, n in titles.items() if n > 1]:
            raise r.error(f"cites {twice[0]!r} twice; merge the notes into one citation.")
        return cited

    # Records -----------------------------------------------------------------------------------

    def read_topics(self, r):
        slug = r.text("slug", required=True)
        fields = {"name": r.text("name", required=True), "description": r.text("description")}
        spec = Spec(m.Topic, {"slug": slug}, fields, r.where, sources=self.cited(r))
        r.done()
        return spec

    def kind_source(self, r):
        """`kind_source: <source key>`: the named source (a UN System Chart edition) the kind follows.

        A kind without one is refused: no classification is shown without its source.
        """
        kind = r.text("kind")
        key = r.text("kind_source")
        if kind and kind not in m.AgencyKind.values:
            raise r.error(f"'kind' is {kind!r}; expected one of {', '.join(m.AgencyKind.values)}.")
        if kind and not key:
            raise r.error("'kind' needs 'kind_source', the key of the source that classifies it (e.g. UNSC-2015).")
        if key and key not in self.sources:
            raise r.error(f"'kind_source' is the unknown source {key!r} (define it in sources.yaml).")
        source = self.sources.get(key, {"title": "", "url": ""})
        return {"kind": kind, "kind_source": source["title"], "kind_source_url": source["url"]}, key

    def read_agencies(self, r):
        slug = r.text("slug", required=True)
        kind, kind_key = self.kind_source(r)
        since, since_precision = r.date("in_un_system_since")
        fields = {
            "acronym": r.text("acronym", required=True),
            "name": r.text("name", required=True),
            **r.translations("names", "name"),
            **kind,
            "in_un_system": r.flag("in_un_system", default=True),
            "in_un_system_since": since,
            "in_un_system_since_precision": since_precision,
            "headquarters": r.text("headquarters"),
            "website": r.url("website"),
            "migration_focus": r.text("migration_focus"),
            "description": r.text("description"),
        }
        sources = self.cited(r)
        if kind_key and self.sources[kind_key]["title"] not in {source["title"] for source in sources}:
            sources.append({**self.sources[kind_key], "note": f"Classifies it as: {m.AgencyKind(kind['kind']).label}."})
        spec = Spec(m.Agency, {"slug": slug}, fields, r.where, sources=sources)
        for index, item in enumerate(r.items("memberships"), start=1):
            child = Record(item, f"{r.where}, membership {index}")
            # A start left out is not recorded: `attested_on` then says when a source shows it as a member.
            period = child.period()
            start = period.pop("start")
            attested_on, attested_precision = child.date("attested_on", end=True)
            if start is not None and attested_on is not None:
                raise child.error("'attested_on' is only for a membership whose start is not recorded.")
            if start is None:
                period["start_precision"] = Precision.DAY
            body = child.choice("body", m.Body)
            attested = {"attested_on": attested_on, "attested_on_precision": attested_precision}
            spec.children.append(
                Spec(
                    m.Membership,
                    {"body": body, "start": start},
                    {**period, **attested, "note": child.text("note"), **PUBLISHED},
                    child.where,
                    sources=self.cited(child),
                    parent_field="agency",
                )
            )
            child.done()
        r.done()
        return spec

    def read_chairs(self, r):
        period = r.period(start_required=True, end_required=True)
        start = period.pop("start")
        if r.flag("vacancy"):
            fields = {**period, "note": r.text("note", required=True), **PUBLISHED}
            spec = Spec(m.ChairVacancy, {"start": start}, fields, r.where)
        else:
            fields = {
                **period,
                "principal": r.text("principal"),
                "priorities": r.text("priorities"),
                "note": r.text("note"),
                **PUBLISHED,
            }
            spec = Spec(m.ChairTerm, {"start": start}, fields, r.where)
            # `agency: iom` for a sole chair, `agencies: [fao, iom]` for co-chairs, in the order named.
            sole, several = r.text("agency"), r.items("agencies")
            if bool(sole) == bool(several):
                raise r.error("give either 'agency' (the chair) or 'agencies' (the co-chairs), not both or neither.")
            holders = [sole] if sole else several
            if not all(isinstance(slug, str) for slug in holders) or len(set(holders)) != len(holders):
                raise r.error("'agencies' must be a list of different agency slugs.")
            spec.children = [
                Spec(m.ChairHolder, {"agency": Ref(m.Agency, slug)}, {"order": order}, r.where, parent_field="term")
                for order, slug in enumerate(holders)
            ]
        spec.sources = self.cited(r)
        r.done()
        return spec

    def read_reported_totals(self, r):
        date, precision = r.date("date", required=True)
        body = r.choice("body", m.Body, default=m.Body.GMG)
        fields = {"date_precision": precision, "total": r.integer("total"), "note": r.text("note")}
        if fields["total"] < 1:
            raise r.error("'total' must be at least 1.")
        spec = Spec(m.ReportedTotal, {"body": body, "date": date}, fields, r.where, sources=self.cited(r))
        r.done()
        return spec

    def read_events(self, r):
        period = r.period(start_required=True)
        organiser = r.text("organiser")
        fields = {
            "title": r.text("title", required=True),
            "kind": r.choice("kind", m.EventKind),
            **period,
            "city": r.text("city"),
            "country": r.text("country"),
            "organiser": Ref(m.Agency, organiser) if organiser else None,
            "summary": r.text("summary"),
        }
        spec = Spec(m.Event, {"slug": r.text("slug", required=True)}, fields, r.where, sources=self.cited(r))
        for index, item in enumerate(r.items("participations"), start=1):
            child = Record(item, f"{r.where}, participation {index}")
            key = {"agency": Ref(m.Agency, child.text("agency", required=True))}
            fields = {"level": child.choice("level", m.Level), "note": child.text("note")}
            spec.children.append(
                Spec(m.Participation, key, fields, child.where, sources=self.cited(child), parent_field="event")
            )
            child.done()
        r.done()
        return spec

    def read_statements(self, r):
        date, precision = r.date("date", required=True)
        event = r.text("event")
        fields = {
            "title": r.text("title", required=True),
            "kind": r.choice("kind", m.StatementKind),
            "date": date,
            "date_precision": precision,
            "event": Ref(m.Event, event) if event else None,
            "summary": r.text("summary"),
            "body": r.text("body"),
            "source_url": r.url("source_url"),
            "language": r.choice("language", m.Language, default=m.Language.ENGLISH),
            **PUBLISHED,
        }
        m2m = {"signatories": r.refs("signatories", m.Agency), "topics": r.refs("topics", m.Topic)}
        spec = Spec(m.Statement, {"slug": r.text("slug", required=True)}, fields, r.where, m2m, self.cited(r))
        r.done()
        return spec

    def read_working_groups(self, r):
        established, established_precision = r.date("established")
        dissolved, dissolved_precision = r.date("dissolved", end=True)
        fields = {
            "name": r.text("name", required=True),
            "mandate": r.text("mandate"),
            "established": established,
            "established_precision": established_precision,
            "dissolved": dissolved,
            "dissolved_precision": dissolved_precision,
        }
        spec = Spec(m.WorkingGroup, {"slug": r.text("slug", required=True)}, fields, r.where, sources=self.cited(r))
        for index, item in enumerate(r.items("roles"), start=1):
            child = Record(item, f"{r.where}, role {index}")
            fields = {**child.period(), **PUBLISHED}
            key = {"agency": Ref(m.Agency, child.text("agency", required=True)), "role": child.choice("role", m.Role)}
            spec.children.append(
                Spec(m.WorkingGroupRole, key, fields, child.where, sources=self.cited(child), parent_field="group")
            )
            child.done()
        for index, item in enumerate(r.items("activities"), start=1):
            child = Record(item, f"{r.where}, activity {index}")
            fields = {
                **child.period(),
                "description": child.text("description"),
                "countries": child.text("countries"),
                "funding_note": child.text("funding_note"),
            }
            key = {"title": child.text("title", required=True)}
            spec.children.append(
                Spec(m.Activity, key, fields, child.where, sources=self.cited(child), parent_field="group")
            )
            child.done()
        r.done()
        return spec

    def read_publications(self, r):
        date, precision = r.date("date", required=True)
        fields = {
            "title": r.text("title", required=True),
            "kind": r.choice("kind", m.PublicationKind),
            "date": date,
            "date_precision": precision,
            "summary": r.text("summary"),
            "isbn": r.text("isbn"),
            "url": r.url("url"),
            **PUBLISHED,
        }
        m2m = {"lead_agencies": r.refs("lead_agencies", m.Agency), "topics": r.refs("topics", m.Topic)}
        spec = Spec(m.Publication, {"slug": r.text("slug", required=True)}, fields, r.where, m2m, self.cited(r))
        r.done()
        return spec

    def read_initiatives(self, r):
        launched, precision = r.date("launched")
        fields = {
            "name": r.text("name", required=True),
            "acronym": r.text("acronym"),
            "launched": launched,
            "launched_precision": precision,
            "description": r.text("description"),
            "url": r.url("url"),
            "un_led": r.flag("un_led"),
        }
        spec = Spec(m.Initiative, {"slug": r.text("slug", required=True)}, fields, r.where, sources=self.cited(r))
        r.done()
        return spec

    def read_pages(self, r):
        fields = {
            "title": r.text("title", required=True),
            "body": r.text("body"),
            "menu_order": r.integer("menu_order"),
            "show_in_menu": r.flag("show_in_menu", default=True),
            **PUBLISHED,
        }
        spec = Spec(m.Page, {"slug": r.text("slug", required=True)}, fields, r.where, sources=self.cited(r))
        r.done()
        return spec


def read_fixtures(directory=None):
    return Fixtures(directory or default_directory()).read()


# Checks across records, still without the database ------------------------------------------------


def every_spec(specs):
    """Each record with its parent (None for a top-level one)."""
    return [(spec, None) for spec in specs] + [(child, spec) for spec in specs for child in spec.children]


def check(specs):
    """Fail on what no single record shows: duplicate keys, references to nothing, overlaps."""
    every = every_spec(specs)
    same_acronym = Counter(spec.fields["acronym"].lower() for spec, _ in every if spec.model is m.Agency)
    if twice := [acronym for acronym, n in same_acronym.items() if n > 1]:
        raise SeedError(f"fixtures/agencies.yaml: two agencies have the acronym {twice[0]!r} (acronyms ignore case).")
    seen, slugs = {}, defaultdict(set)
    for spec, parent in every:
        owner = tuple(sorted(parent.key.items(), key=str)) if parent else None
        key = (spec.model, owner, *sorted(spec.key.items(), key=str))
        if key in seen:
            raise SeedError(f"{spec.where}: the same record as {seen[key]} (its natural key is {spec.key}).")
        seen[key] = spec.where
        if "slug" in spec.key:
            slugs[spec.model].add(spec.key["slug"])
    for spec, _ in every:
        for value in [*spec.key.values(), *spec.fields.values(), *(r for refs in spec.m2m.values() for r in refs)]:
            if isinstance(value, Ref) and value.slug not in slugs[value.model]:
                raise SeedError(
                    f"{spec.where}: refers to the {value.model._meta.verbose_name} {value.slug!r}, "
                    f"which no fixture defines."
                )
        for first, last in (("start", "end"), ("established", "dissolved")):
            start, end = spec.key.get(first, spec.fields.get(first)), spec.fields.get(last)
            if start and end and end < start:
                raise SeedError(f"{spec.where}: the {last} ({end}) is before the {first} ({start}).")
    chair = sorted((s for s, _ in every if s.model in (m.ChairTerm, m.ChairVacancy)), key=lambda s: s.key["start"])
    no_overlap(chair)
    memberships = defaultdict(list)
    for spec, parent in every:
        # A membership with no date at all overlaps nothing that can be shown (it counts on no date).
        if spec.model is m.Membership and counted_from(spec):
            memberships[parent.key["slug"], spec.key["body"]].append(spec)
    for periods in memberships.values():
        no_overlap(sorted(periods, key=counted_from))


def counted_from(spec):
    """The first day a period counts: its start, or for a membership without one, the attested date."""
    return spec.key["start"] or spec.fields.get("attested_on")


def no_overlap(specs):
    for before, after in itertools.pairwise(specs):
        first, then = counted_from(before), counted_from(after)
        if overlaps(first, before.fields["end"], then, after.fields["end"]):
            raise SeedError(f"{after.where}: starts on {then}, inside the period of {before.where}.")


# Each record's own validation, as the models run it ------------------------------------------------

# Models whose clean() compares a record with the stored ones (overlaps): hidden while validating, so
# that a record is judged on its own; check() compares the fixtures with each other.
COMPARED_WITH_STORED = [m.Membership, m.ChairTerm, m.ChairVacancy]


def validate(specs):
    """Run every record's field validation and the model's clean() as on an empty database, writing nothing.

    A record that fails here can never load: `seed` and `seed --check` fail, whatever the database
    holds. A record that passes here and is refused when loading was refused because of what the
    database holds (an editor's change), and is skipped and reported instead.
    """
    with transaction.atomic():
        for model in COMPARED_WITH_STORED:
            model._default_manager.all().delete()
        for spec, _parent in every_spec(specs):
            values = {**spec.key, **spec.fields}
            references = [name for name, value in values.items() if isinstance(value, Ref)]
            obj = spec.model(**{name: value for name, value in values.items() if name not in references})
            try:
                obj.clean_fields(exclude=[*references, spec.parent_field])
                obj.clean()
            except ValidationError as exc:
                raise SeedError(f"{spec.where}: {'; '.join(messages(exc))}") from None
        transaction.set_rollback(True)


# Loading -----------------------------------------------------------------------------------------


@dataclasses.dataclass
class Report:
    """What a run did, per kind of record."""

    created: Counter = dataclasses.field(default_factory=Counter)
    unchanged: Counter = dataclasses.field(default_factory=Counter)
    edited: dict = dataclasses.field(default_factory=lambda: defaultdict(list))
    skipped: list = dataclasses.field(default_factory=list)

    def lines(self):
        labels = sorted(dict.fromkeys([*self.created, *self.unchanged, *self.edited]), key=lambda x: x == "sources")
        for label in labels:
            parts = []
            if self.created[label]:
                parts.append(f"{self.created[label]} created")
            if self.unchanged[label]:
                parts.append(f"{self.unchanged[label]} already present")
            if self.edited[label]:
                parts.append(f"{len(self.edited[label])} left as edited")
            yield f"{label}: {', '.join(parts)}"
        for records in self.edited.values():
            for record, fields in records:
                yield f"  left as edited: {record} (differs from the fixtures in {', '.join(fields)})"
        for where, reason in self.skipped:
            yield f"  skipped {where}: {reason}"

    @property
    def wrote(self):
        return bool(sum(self.created.values()))


def label_of(model):
    return str(model._meta.verbose_name_plural)


class Loader:
    def __init__(self, report, *, fresh):
        self.report = report
        # On an empty database every record must load; on an existing one, a record that
        # collides with an editor's change is skipped and reported rather than overwriting it.
        self.fresh = fresh
        self.cache = {}

    def resolve(self, value):
        if not isinstance(value, Ref):
            return value
        if (value.model, value.slug) not in self.cache:
            found = value.model._default_manager.filter(slug=value.slug).first()
            if found is None:
                raise LookupError(f"the {value.model._meta.verbose_name} {value.slug!r} is not in the database")
            self.cache[value.model, value.slug] = found
        return self.cache[value.model, value.slug]

    def load(self, spec, parent=None):
        try:
            key = {name: self.resolve(value) for name, value in spec.key.items()}
            fields = {name: self.resolve(value) for name, value in spec.fields.items()}
        except LookupError as exc:
            return self.skip(spec, str(exc))
        if parent is not None:
            key[spec.parent_field] = parent
        obj = spec.model._default_manager.filter(**key).first()
        if obj is None:
            obj = self.create(spec, key, fields)
            if obj is None:
                return None
        else:
            self.compare(spec, obj, fields)
            if spec.sources and self.missing_sources(obj, spec.sources):
                # The record stays as the editor left it; only the citations it lacks are added.
                self.write(spec, obj, related=lambda: self.add_missing_sources(obj, spec.sources))
            else:
                self.report.unchanged["sources"] += len(spec.sources)
        if "slug" in spec.key:
            self.cache[spec.model, spec.key["slug"]] = obj
        for child in spec.children:
            self.load(child, parent=obj)
        return obj

    def create(self, spec, key, fields):
        obj = spec.model(**key, **fields)
        m2m = {name: [self.resolve(ref) for ref in refs] for name, refs in spec.m2m.items()}
        if not self.write(spec, obj, m2m=m2m, related=lambda: self.add_missing_sources(obj, spec.sources, new=True)):
            return None
        # bulk_create sends no signals: the version recorded again below holds the sources.
        reversion.add_to_revision(obj)
        self.report.created[label_of(spec.model)] += 1
        return obj

    def write(self, spec, obj, *, m2m=None, related=None):
        """Save through registry.services, as every write must: the same validation, permission check
        (the operator's), version and revision as an editor's save; the outer revision gathers them all."""
        try:
            services.save(obj=obj, user=services.OPERATOR, m2m=m2m, related=related, comment=COMMENT)
        except ValidationError as exc:
            self.skip(spec, "; ".join(messages(exc)))
            return False
        return True

    def skip(self, spec, reason):
        if self.fresh:
            raise SeedError(f"{spec.where}: {reason}")
        self.report.skipped.append((spec.where, reason))
        return None

    def compare(self, spec, obj, fields):
        # Rich text is stored sanitised, so compare with what saving the fixture would store.
        expected = {
            name: clean_html(value) if isinstance(obj._meta.get_field(name), RichTextField) else value
            for name, value in fields.items()
        }
        differs = [name for name, value in expected.items() if getattr(obj, name) != value]
        if differs:
            self.report.edited[label_of(spec.model)].append((f"{spec.model._meta.verbose_name} {obj}", differs))
        else:
            self.report.unchanged[label_of(spec.model)] += 1

    def missing_sources(self, obj, cited, *, new=False):
        present = set() if new else set(obj.sources.values_list("title", flat=True))
        return [m.Source(record=obj, **source) for source in cited if source["title"] not in present]

    def add_missing_sources(self, obj, cited, *, new=False):
        """Create the sources `obj` lacks (by title), in one query; say whether any were."""
        missing = self.missing_sources(obj, cited, new=new)
        m.Source.objects.bulk_create(missing)
        self.report.created["sources"] += len(missing)
        self.report.unchanged["sources"] += len(cited) - len(missing)
        return bool(missing)


def messages(exc):
    if hasattr(exc, "error_dict"):
        return [
            f"{field}: {message}" if field != "__all__" else message
            for field, errors in exc.message_dict.items()
            for message in errors
        ]
    return exc.messages


SEEDED_MODELS = [
    m.Topic,
    m.Agency,
    m.Membership,
    m.ChairTerm,
    m.ChairVacancy,
    m.ReportedTotal,
    m.Event,
    m.Statement,
    m.WorkingGroup,
    m.Publication,
    m.Initiative,
    m.Page,
]


def load(directory=None, *, dry_run=False):
    """Read and validate the fixtures (failing before any write on bad data), then load them in one
    transaction. With `dry_run` the same load runs and is rolled back: the report says what it would do."""
    specs = read_fixtures(directory)
    validate(specs)
    report = Report()
    with transaction.atomic():
        fresh = not any(model._default_manager.exists() for model in SEEDED_MODELS)
        with reversion.create_revision():
            reversion.set_comment(COMMENT)
            loader = Loader(report, fresh=fresh)
            for spec in specs:
                loader.load(spec)
        if dry_run:
            transaction.set_rollback(True)
    return report
