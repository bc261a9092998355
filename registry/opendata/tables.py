"""The published registry as flat tables: the one reading of the data that every download is built from.

Every row comes through `_visible(model)`, one reader per model, so that what may enter a download is
decided by the models' visibility rule and nowhere here. A relation to a record that is not in the
download (a translation of a draft, say) is left out, so that no key points outside the data.
Staff-only fields (who created or changed a record, its workflow status and publication time) are
never read into a row.

Rows are plain dicts of JSON/CSV-ready values (strings, integers, booleans, None), sorted by their
primary key, so that building twice from the same data gives the same bytes.
"""

import dataclasses

from django.conf import settings
from django.core.files.storage import default_storage
from django.urls import reverse

from registry.models import (
    Activity,
    Agency,
    AgencyKind,
    Body,
    ChairTerm,
    ChairVacancy,
    Event,
    EventKind,
    Initiative,
    Language,
    Level,
    Membership,
    Page,
    Participation,
    Precision,
    Publication,
    PublicationKind,
    ReportedTotal,
    Role,
    Statement,
    StatementKind,
    Topic,
    WorkingGroup,
    WorkingGroupRole,
)


def _visible(model):
    """What an anonymous reader may see (the registry's one visibility rule): the single door for every row."""
    return model.objects.visible_to(None)


def _chair_holders(term):
    """The agencies holding a chair term (co-chairs share one term), in their order: the one place that knows how."""
    return term.chairs


# Readers, one per model ---------------------------------------------------------------------------


def agencies():
    return _visible(Agency).prefetch_related("sources")


def memberships():
    return _visible(Membership).select_related("agency").prefetch_related("sources")


def reported_totals():
    return _visible(ReportedTotal).prefetch_related("sources")


def chair_terms():
    return _visible(ChairTerm).with_holders().prefetch_related("sources")


def chair_gaps():
    """Periods with no chair on record up to the group's last member day, split as the chairs page splits them."""
    from registry.views.agencies import group_end, split_at_vacancies  # the chairs page's own rule, not a copy

    terms = list(_visible(ChairTerm).order_by("start"))
    return split_at_vacancies(_visible(ChairTerm).gaps(end=group_end(terms))) if terms else []


def chair_vacancies():
    return _visible(ChairVacancy).prefetch_related("sources")


def topics():
    return _visible(Topic).prefetch_related("sources")


def events():
    return _visible(Event).select_related("organiser").prefetch_related("sources")


def participations():
    return _visible(Participation).select_related("event", "agency").prefetch_related("sources")


def statements():
    return (
        _visible(Statement)
        .select_related("event", "translation_of")
        .prefetch_related("signatories", "topics", "sources")
    )


def working_groups():
    return _visible(WorkingGroup).prefetch_related("sources")


def working_group_roles():
    return _visible(WorkingGroupRole).select_related("group", "agency").prefetch_related("sources")


def activities():
    return _visible(Activity).select_related("group").prefetch_related("sources")


def publications():
    return _visible(Publication).prefetch_related("lead_agencies", "topics", "sources")


def initiatives():
    return _visible(Initiative).prefetch_related("sources")


def pages():
    return _visible(Page).prefetch_related("sources")


# The tables: what each column means, and how the tables refer to each other -----------------------


@dataclasses.dataclass(frozen=True)
class Column:
    name: str
    type: str  # a Table Schema type: string, integer, boolean, date
    description: str
    required: bool = False
    enum: tuple = ()


@dataclasses.dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    columns: tuple
    primary_key: tuple
    foreign_keys: tuple = ()  # (column, table, column of that table)
    has_sources: bool = True

    @property
    def key_column(self):
        return self.primary_key[0]


PRECISIONS = tuple(Precision.values)


def _slug(what):
    return Column("slug", "string", f"Stable identifier of the {what}; also its address on the site.", required=True)


def _id(what):
    return Column("id", "integer", f"Stable identifier of the {what}.", required=True)


def _dated(name, what, *, required=False):
    return (
        Column(name, "date", f"{what}. A date known only to the month or year is given as the first day of that "
               "period when it starts something and as the last day when it ends it; see the precision.",
               required=required),
        Column(f"{name}_precision", "string", f"How much of `{name}` history records: day, month or year.",
               required=required, enum=PRECISIONS),
    )  # fmt: skip


def _ref(name, table, description, required=False):
    return Column(name, "string", description, required=required)


HTML_URL = Column("html_url", "string", "The record's page on the site.")
RICH = "HTML, limited to the site's allow-list"

TABLES = (
    Table("agencies", "Member agencies", "UN-system entities (and IOM) that were members of either body.", (
        _slug("agency"),
        Column("acronym", "string", "As the agency writes it.", required=True),
        Column("name", "string", "Full name.", required=True),
        Column("kind", "string", "Classification in the UN system.", required=True, enum=tuple(AgencyKind.values)),
        Column("in_un_system", "boolean", "Whether the agency is part of the UN system today.", required=True),
        Column("headquarters", "string", "City of the headquarters."),
        Column("website", "string", "The agency's website."),
        Column("migration_focus", "string", "One line on its migration mandate."),
        Column("description", "string", f"Description ({RICH})."),
        Column("logo_url", "string", "Logo image, if any."),
        HTML_URL,
    ), ("slug",)),
    Table("memberships", "Memberships", "An agency's membership of the Global Migration Group (gmg) or of the "
          "Geneva Migration Group (geneva), with its dates. An empty end means still a member.", (
        _id("membership"),
        _ref("agency", "agencies", "Slug of the member agency.", required=True),
        Column("body", "string", "gmg or geneva.", required=True, enum=tuple(Body.values)),
        *_dated("start", "First day of the membership; empty when no source records when it joined"),
        *_dated("end", "Last day of the membership"),
        *_dated("attested_on", "Only when the start is empty: when a source shows the agency as a member (the "
                "membership counts from then on). Empty too when no source gives any date: listed as a member, "
                "counted on no date"),
        Column("note", "string", "What the sources say about the dates."),
    ), ("id",), (("agency", "agencies", "slug"),)),
    Table("reported_totals", "Reported totals of members", "How many members a source says a body had on a date, "
          "where the sources do not name them all: compare with the memberships, never read the difference as "
          "named members.", (
        _id("reported total"),
        Column("body", "string", "gmg or geneva.", required=True, enum=tuple(Body.values)),
        *_dated("date", "The date the source gives the total for", required=True),
        Column("total", "integer", "How many members the source reports.", required=True),
        Column("note", "string", "What the source says, e.g. its own words for the members."),
    ), ("id",)),
    Table("chair_terms", "Chair terms", "The rotating chair of the group: who held it and when. The agencies "
          "holding each term are in chair_holders.", (
        _id("chair term"),
        *_dated("start", "First day of the term", required=True),
        *_dated("end", "Last day of the term", required=True),
        Column("principal", "string", "The executive head of the chairing agency, the group's formal head."),
        Column("priorities", "string", f"Priorities of the term ({RICH})."),
        Column("note", "string", "E.g. interim."),
        HTML_URL,
    ), ("id",)),
    Table("chair_holders", "Chair holders", "Which agencies held each chair term (co-chairs share a term).", (
        Column("chair_term", "integer", "Id of the chair term.", required=True),
        _ref("agency", "agencies", "Slug of the holding agency.", required=True),
    ), ("chair_term", "agency"), (("chair_term", "chair_terms", "id"), ("agency", "agencies", "slug")), False),
    Table("chair_vacancies", "Documented chair vacancies", "Periods in which the sources say no agency held the "
          "chair. Other periods between terms have no chair on record.", (
        _id("vacancy"),
        *_dated("start", "First day with no chair", required=True),
        *_dated("end", "Last day with no chair"),
        Column("note", "string", "Why there was no chair, as the sources tell it.", required=True),
    ), ("id",)),
    Table("topics", "Topics", "Themes of statements and publications.", (
        _slug("topic"),
        Column("name", "string", "Name.", required=True),
        Column("description", "string", "What the topic covers."),
        HTML_URL,
    ), ("slug",)),
    Table("events", "Events", "Meetings and processes the group held or took part in.", (
        _slug("event"),
        Column("title", "string", "Title.", required=True),
        Column("kind", "string", "Kind of event.", required=True, enum=tuple(EventKind.values)),
        *_dated("start", "First day", required=True),
        *_dated("end", "Last day; empty for a one-day event"),
        Column("city", "string", "City."),
        Column("country", "string", "Country."),
        _ref("organiser", "agencies", "Slug of the organising agency."),
        Column("summary", "string", "What happened."),
        HTML_URL,
    ), ("slug",), (("organiser", "agencies", "slug"),)),
    Table("event_participants", "Event participants", "Which agencies took part in each event, at what level.", (
        _id("participation"),
        _ref("event", "events", "Slug of the event.", required=True),
        _ref("agency", "agencies", "Slug of the agency.", required=True),
        Column("level", "string", "Level of representation.", required=True, enum=tuple(Level.values)),
        Column("note", "string", "Note."),
    ), ("id",), (("event", "events", "slug"), ("agency", "agencies", "slug"))),
    Table("statements", "Statements", "Joint statements, statements delivered at events and position papers. "
          "Signatories and topics are in statement_signatories and statement_topics.", (
        _slug("statement"),
        Column("title", "string", "Title.", required=True),
        Column("kind", "string", "Kind of statement.", required=True, enum=tuple(StatementKind.values)),
        *_dated("date", "Date of the statement", required=True),
        _ref("event", "events", "Slug of the event where it was made."),
        Column("summary", "string", "Summary."),
        Column("body", "string", f"Text ({RICH})."),
        Column("pdf_url", "string", "The PDF, if any."),
        Column("source_url", "string", "Where the statement is published."),
        Column("language", "string", "Language (ISO 639-1).", required=True, enum=tuple(Language.values)),
        _ref("translation_of", "statements", "Slug of the original, when this is a translation."),
        HTML_URL,
    ), ("slug",), (("event", "events", "slug"), ("translation_of", "statements", "slug"))),
    Table("statement_signatories", "Statement signatories", "Which agencies signed each statement.", (
        _ref("statement", "statements", "Slug of the statement.", required=True),
        _ref("agency", "agencies", "Slug of the signatory agency.", required=True),
    ), ("statement", "agency"), (("statement", "statements", "slug"), ("agency", "agencies", "slug")), False),
    Table("statement_topics", "Statement topics", "The topics of each statement.", (
        _ref("statement", "statements", "Slug of the statement.", required=True),
        _ref("topic", "topics", "Slug of the topic.", required=True),
    ), ("statement", "topic"), (("statement", "statements", "slug"), ("topic", "topics", "slug")), False),
    Table("working_groups", "Working groups", "The group's working groups.", (
        _slug("working group"),
        Column("name", "string", "Name.", required=True),
        Column("mandate", "string", f"Mandate ({RICH})."),
        *_dated("established", "When it was set up"),
        *_dated("dissolved", "When it ended"),
        HTML_URL,
    ), ("slug",)),
    Table("working_group_roles", "Working-group roles", "Co-chairs and members of each working group.", (
        _id("role"),
        _ref("working_group", "working_groups", "Slug of the working group.", required=True),
        _ref("agency", "agencies", "Slug of the agency.", required=True),
        Column("role", "string", "co_chair or member.", required=True, enum=tuple(Role.values)),
        *_dated("start", "First day in the role, when known"),
        *_dated("end", "Last day in the role"),
    ), ("id",), (("working_group", "working_groups", "slug"), ("agency", "agencies", "slug"))),
    Table("working_group_activities", "Working-group activities", "What the working groups did.", (
        _id("activity"),
        _ref("working_group", "working_groups", "Slug of the working group.", required=True),
        Column("title", "string", "Title.", required=True),
        Column("description", "string", f"Description ({RICH})."),
        Column("countries", "string", "Countries, separated by '; '."),
        *_dated("start", "First day, when known"),
        *_dated("end", "Last day"),
        Column("funding_note", "string", "How it was funded."),
    ), ("id",), (("working_group", "working_groups", "slug"),)),
    Table("publications", "Publications", "Reports, handbooks and briefs. Lead agencies and topics are in "
          "publication_lead_agencies and publication_topics.", (
        _slug("publication"),
        Column("title", "string", "Title.", required=True),
        Column("kind", "string", "Kind of publication.", required=True, enum=tuple(PublicationKind.values)),
        *_dated("date", "Date of publication", required=True),
        Column("summary", "string", "Summary."),
        Column("isbn", "string", "ISBN."),
        Column("url", "string", "Where to read it online."),
        Column("pdf_url", "string", "The PDF, if any."),
        HTML_URL,
    ), ("slug",)),
    Table("publication_lead_agencies", "Publication lead agencies", "Which agencies led each publication.", (
        _ref("publication", "publications", "Slug of the publication.", required=True),
        _ref("agency", "agencies", "Slug of the lead agency.", required=True),
    ), ("publication", "agency"), (("publication", "publications", "slug"), ("agency", "agencies", "slug")), False),
    Table("publication_topics", "Publication topics", "The topics of each publication.", (
        _ref("publication", "publications", "Slug of the publication.", required=True),
        _ref("topic", "topics", "Slug of the topic.", required=True),
    ), ("publication", "topic"), (("publication", "publications", "slug"), ("topic", "topics", "slug")), False),
    Table("initiatives", "Related initiatives", "Processes outside the group (GCIM, GFMD, HLD, ICPD, Berne).", (
        _slug("initiative"),
        Column("name", "string", "Name.", required=True),
        Column("acronym", "string", "Acronym."),
        *_dated("launched", "When it was launched"),
        Column("description", "string", f"Description ({RICH})."),
        Column("url", "string", "Website."),
        Column("un_led", "boolean", "Whether the UN leads it.", required=True),
        HTML_URL,
    ), ("slug",)),
    Table("pages", "Pages", "The site's content pages (About, History).", (
        _slug("page"),
        Column("title", "string", "Title.", required=True),
        Column("body", "string", f"Text ({RICH})."),
        HTML_URL,
    ), ("slug",)),
    Table("sources", "Sources", "Where each record's facts come from: `table` and `record` name the record "
          "(its slug or id), `position` orders its sources.", (
        Column("table", "string", "The table of the record.", required=True),
        Column("record", "string", "The record's slug or id.", required=True),
        Column("position", "integer", "Order among the record's sources, from 1.", required=True),
        Column("title", "string", "Title of the source.", required=True),
        Column("url", "string", "Address of the source, if it has one."),
        Column("note", "string", "What the source supports, or where it disagrees with another."),
    ), ("table", "record", "position"), (), False),
)  # fmt: skip
TABLES_BY_NAME = {table.name: table for table in TABLES}


# Rows -------------------------------------------------------------------------------------------


def _date(value):
    return value.isoformat() if value else None


def _dates(name, obj):
    value = getattr(obj, name)
    return {name: _date(value), f"{name}_precision": getattr(obj, f"{name}_precision") if value else None}


def _file_url(field):
    if not field:
        return None
    return _absolute(default_storage.url(field.name))


def _absolute(path):
    return path if "://" in path else settings.SITE_URL + path


def _page(obj):
    return _absolute(obj.get_absolute_url())


def _sources(obj):
    return [{"title": s.title, "url": s.url or None, "note": s.note or None} for s in obj.sources.all()]


def _text(value):
    return value or None


def read_tables():
    """Every table as {name: [row, ...]}; each row of a table with sources carries them under `_sources`."""
    rows = {table.name: [] for table in TABLES}

    def add(table, row, obj=None):
        if obj is not None:
            row["_sources"] = _sources(obj)
        rows[table].append(row)

    for agency in agencies():
        add("agencies", {
            "slug": agency.slug, "acronym": agency.acronym, "name": agency.name, "kind": agency.kind,
            "in_un_system": agency.in_un_system, "headquarters": _text(agency.headquarters),
            "website": _text(agency.website), "migration_focus": _text(agency.migration_focus),
            "description": _text(agency.description), "logo_url": _file_url(agency.logo), "html_url": _page(agency),
        }, agency)  # fmt: skip
    for membership in memberships():
        add("memberships", {
            "id": membership.pk, "agency": membership.agency.slug, "body": membership.body,
            **_dates("start", membership), **_dates("end", membership), **_dates("attested_on", membership),
            "note": _text(membership.note),
        }, membership)  # fmt: skip
    for total in reported_totals():
        add("reported_totals", {
            "id": total.pk, "body": total.body, **_dates("date", total), "total": total.total,
            "note": _text(total.note),
        }, total)  # fmt: skip
    chairs_page = _absolute(reverse("site:chairs"))
    for term in chair_terms():
        add("chair_terms", {
            "id": term.pk, **_dates("start", term), **_dates("end", term), "principal": _text(term.principal),
            "priorities": _text(term.priorities), "note": _text(term.note), "html_url": f"{chairs_page}#term-{term.pk}",
        }, term)  # fmt: skip
        for agency in _chair_holders(term):
            add("chair_holders", {"chair_term": term.pk, "agency": agency.slug})
    for vacancy in chair_vacancies():
        add("chair_vacancies", {
            "id": vacancy.pk, **_dates("start", vacancy), **_dates("end", vacancy), "note": vacancy.note,
        }, vacancy)  # fmt: skip
    for topic in topics():
        add("topics", {
            "slug": topic.slug, "name": topic.name, "description": _text(topic.description), "html_url": _page(topic),
        }, topic)  # fmt: skip
    for event in events():
        add("events", {
            "slug": event.slug, "title": event.title, "kind": event.kind, **_dates("start", event),
            **_dates("end", event), "city": _text(event.city), "country": _text(event.country),
            "organiser": event.organiser.slug if event.organiser else None, "summary": _text(event.summary),
            "html_url": _page(event),
        }, event)  # fmt: skip
    for part in participations():
        add("event_participants", {
            "id": part.pk, "event": part.event.slug, "agency": part.agency.slug, "level": part.level,
            "note": _text(part.note),
        }, part)  # fmt: skip
    for statement in statements():
        add("statements", {
            "slug": statement.slug, "title": statement.title, "kind": statement.kind, **_dates("date", statement),
            "event": statement.event.slug if statement.event else None, "summary": _text(statement.summary),
            "body": _text(statement.body), "pdf_url": _file_url(statement.pdf),
            "source_url": _text(statement.source_url), "language": statement.language,
            "translation_of": statement.translation_of.slug if statement.translation_of else None,
            "html_url": _page(statement),
        }, statement)  # fmt: skip
        for agency in statement.signatories.all():
            add("statement_signatories", {"statement": statement.slug, "agency": agency.slug})
        for topic in statement.topics.all():
            add("statement_topics", {"statement": statement.slug, "topic": topic.slug})
    for group in working_groups():
        add("working_groups", {
            "slug": group.slug, "name": group.name, "mandate": _text(group.mandate),
            **_dates("established", group), **_dates("dissolved", group), "html_url": _page(group),
        }, group)  # fmt: skip
    for role in working_group_roles():
        add("working_group_roles", {
            "id": role.pk, "working_group": role.group.slug, "agency": role.agency.slug, "role": role.role,
            **_dates("start", role), **_dates("end", role),
        }, role)  # fmt: skip
    for activity in activities():
        add("working_group_activities", {
            "id": activity.pk, "working_group": activity.group.slug, "title": activity.title,
            "description": _text(activity.description), "countries": "; ".join(activity.country_list) or None,
            **_dates("start", activity), **_dates("end", activity), "funding_note": _text(activity.funding_note),
        }, activity)  # fmt: skip
    for publication in publications():
        add("publications", {
            "slug": publication.slug, "title": publication.title, "kind": publication.kind,
            **_dates("date", publication), "summary": _text(publication.summary), "isbn": _text(publication.isbn),
            "url": _text(publication.url), "pdf_url": _file_url(publication.pdf), "html_url": _page(publication),
        }, publication)  # fmt: skip
        for agency in publication.lead_agencies.all():
            add("publication_lead_agencies", {"publication": publication.slug, "agency": agency.slug})
        for topic in publication.topics.all():
            add("publication_topics", {"publication": publication.slug, "topic": topic.slug})
    for initiative in initiatives():
        add("initiatives", {
            "slug": initiative.slug, "name": initiative.name, "acronym": _text(initiative.acronym),
            **_dates("launched", initiative), "description": _text(initiative.description),
            "url": _text(initiative.url), "un_led": initiative.un_led, "html_url": _page(initiative),
        }, initiative)  # fmt: skip
    for page in pages():
        add("pages", {"slug": page.slug, "title": page.title, "body": _text(page.body), "html_url": _page(page)}, page)
    return _consistent(rows)


def _consistent(rows):
    """Drop references to records outside the download, then sort every table by its primary key.

    A nullable reference (a statement's translation_of) becomes empty; a required one (a signatory
    row of an unpublished statement) drops its row, and with it the row's sources.
    """
    for table in TABLES:
        for column, target, target_column in table.foreign_keys:
            known = {row[target_column] for row in rows[target]}
            required = next(c.required for c in table.columns if c.name == column)
            kept = []
            for row in rows[table.name]:
                if row[column] is None or row[column] in known:
                    kept.append(row)
                elif not required:
                    kept.append({**row, column: None})
            rows[table.name] = kept
    for table in TABLES:
        rows[table.name].sort(key=lambda row, key=table.primary_key: tuple(row[c] for c in key))
    rows["sources"] = sorted(_source_rows(rows), key=lambda row: (row["table"], row["record"], row["position"]))
    return rows


def _source_rows(rows):
    for table in TABLES:
        for row in rows[table.name]:
            for position, source in enumerate(row.get("_sources", ()), start=1):
                yield {"table": table.name, "record": str(row[table.key_column]), "position": position, **source}
