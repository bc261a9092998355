"""Synthetic demo data on top of the seed, to see how the site behaves at a hundred times the real size.

Everything made here is marked so that it can be removed exactly: every record with a slug gets
the `demo-` prefix, chair terms carry `DEMO_NOTE`, sources are titled `DEMO_SOURCE`, and every
other row (memberships, roles, activities, participations) hangs off a demo record. The same
`--seed` always gives the same records. Rows go in with `bulk_create` (no per-row signals, no
revisions: this is test data, not editorial work), and the content version is bumped once at the
end, in the same transaction, so cached pages are dropped.

Scale 1 is roughly the size of the real group; scale 100 gives 2,000 agencies, 20,000
statements, 2,000 events, 1,000 publications, 100 working groups.
"""

import dataclasses
import datetime
import random

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from registry import cache
from registry import models as m
from registry.dates import Precision

PREFIX = "demo-"
DEMO_NOTE = "Synthetic demo term (generate_demo_data)."
DEMO_SOURCE = "Synthetic demo data (generate_demo_data)"
PUBLISHED_AT = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
SCHEDULED_AT = datetime.datetime(2100, 1, 1, tzinfo=datetime.UTC)  # never due: a scheduled record stays hidden
CREATED_AT = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
PERIOD = (datetime.date(2003, 1, 1), datetime.date(2018, 12, 31))
BATCH = 2000

# Per unit of scale.
PER_SCALE = {"agencies": 20, "statements": 200, "events": 20, "publications": 10, "groups": 1}

WORDS = {
    "adjective": ["Regional", "Inter-agency", "Global", "Joint", "National", "Technical", "Sub-regional", "Urban"],
    "subject": ["labour migration", "remittances", "migrant health", "climate mobility", "return and reintegration",
                "diaspora engagement", "trafficking in persons", "migration data", "refugee protection",
                "irregular migration", "migrant children", "skills recognition", "border governance",
                "social protection", "gender and migration", "development planning"],
    "body": ["Office", "Programme", "Institute", "Commission", "Centre", "Fund", "Agency", "Network"],
    "city": ["Geneva", "New York", "Vienna", "Rome", "Bangkok", "Nairobi", "Santiago", "Beirut", "Addis Ababa",
             "Paris", "Turin", "Dakar", "Panama City", "Cairo"],
    "country": ["Switzerland", "United States", "Austria", "Italy", "Thailand", "Kenya", "Chile", "Lebanon",
                "Ethiopia", "France", "Senegal", "Panama", "Egypt", "Mexico", "Philippines"],
}  # fmt: skip

SENTENCES = [
    "The Global Migration Group recalls that every migrant, whatever their status, holds human rights.",
    "Member agencies commit to sharing data on {subject} and to publishing it in open formats.",
    "Policies on {subject} work best when countries of origin, transit and destination act together.",
    "The group calls on states to include migrants in national plans for {subject}.",
    "Evidence gathered by the agencies shows that {subject} shapes development outcomes.",
    "Coordination across the United Nations system avoids duplicated effort on {subject}.",
    "Agencies will report on progress at the next principals' meeting.",
]


@dataclasses.dataclass
class Report:
    counts: dict

    def lines(self):
        return [f"{name}: {count:,}" for name, count in self.counts.items()]


def _pick(rng, items, low, high):
    return rng.sample(items, min(len(items), rng.randint(low, high)))


def _date(rng, start=PERIOD[0], end=PERIOD[1]):
    return start + datetime.timedelta(days=rng.randint(0, (end - start).days))


def _stamps():
    return {"created_at": CREATED_AT}


# The demo's facts (memberships, chair terms, roles) are public, as the seed's are.
FACT = {"status": m.Status.PUBLISHED, "published_at": PUBLISHED_AT}


def _body(rng, subject, paragraphs):
    return "".join(
        "<p>" + " ".join(rng.choice(SENTENCES).format(subject=subject) for _ in range(3)) + "</p>"
        for _ in range(paragraphs)
    )


def _bulk(model, rows):
    return model.objects.bulk_create(rows, batch_size=BATCH)


def _through(field, pairs):
    """Bulk-create the rows of a many-to-many `field` (e.g. Statement.signatories) from (owner, other) pairs."""
    through = field.through
    source, target = field.field.m2m_field_name(), field.field.m2m_reverse_field_name()
    _bulk(through, [through(**{f"{source}_id": a, f"{target}_id": b}) for a, b in pairs])
    return len(pairs)


def _sources(records):
    if not records:
        return 0
    content_type = ContentType.objects.get_for_model(type(records[0]))
    rows = [m.Source(content_type=content_type, object_id=r.pk, title=DEMO_SOURCE) for r in records]
    return len(_bulk(m.Source, rows))


def chair_term(start, end):
    """One synthetic chair term (its holder is a ChairHolder row, made beside it)."""
    return m.ChairTerm(start=start, end=end, note=DEMO_NOTE, **FACT, **_stamps())


def chair_terms(rng, agencies, scale):
    """Fill every stretch of the whole period with no chair and no documented vacancy with short terms.

    Terms never overlap each other, a seeded term or a vacancy: they are cut only from the gaps that
    `ChairTerm.objects.gaps` reports. Higher scales give shorter terms, hence more of them.
    """
    length = max(14, 183 // max(scale, 1))
    terms, chairs = [], []
    for gap in m.ChairTerm.objects.gaps(start=PERIOD[0], end=PERIOD[1]):
        if gap.vacancy is not None:
            continue
        cursor = gap.start
        while cursor <= gap.end:
            end = min(cursor + datetime.timedelta(days=length - 1), gap.end)
            terms.append(chair_term(cursor, end))
            chairs.append(rng.choice(agencies))
            cursor = end + datetime.timedelta(days=1)
    terms = _bulk(m.ChairTerm, terms)
    _bulk(m.ChairHolder, [m.ChairHolder(term=term, agency=agency) for term, agency in zip(terms, chairs, strict=True)])
    return terms


def _agencies(rng, count):
    agencies = []
    for i in range(count):
        subject = rng.choice(WORDS["subject"])
        name = f"{rng.choice(WORDS['adjective'])} {rng.choice(WORDS['body'])} on {subject.title()} {i + 1}"
        acronym = "".join(word[0] for word in name.split()[:-1] if word[0].isupper()) + f"-{i + 1}"
        agencies.append(
            m.Agency(
                acronym=acronym,
                name=name,
                slug=f"{PREFIX}{acronym.lower()}",
                kind=rng.choice(m.AgencyKind.values),
                in_un_system=rng.random() < 0.8,
                headquarters=rng.choice(WORDS["city"]),
                website=f"https://example.org/{acronym.lower()}",
                migration_focus=subject.capitalize(),
                description=_body(rng, subject, 1),
                **_stamps(),
            )
        )
    return _bulk(m.Agency, agencies)


def _memberships(rng, agencies):
    rows = []
    for agency in agencies:
        joined = rng.randint(2003, 2017)
        body = m.Body.GENEVA if joined < 2006 and rng.random() < 0.3 else m.Body.GMG
        left = rng.choice([None, None, rng.randint(joined, 2018)])
        rows.append(_membership(agency, body, joined, left))
        if left is not None and left < 2016 and rng.random() < 0.3:  # some came back later
            rows.append(_membership(agency, m.Body.GMG, left + 2, None))
    return _bulk(m.Membership, rows)


def _membership(agency, body, joined, left):
    return m.Membership(
        agency=agency,
        body=body,
        start=datetime.date(joined, 1, 1),
        start_precision=Precision.YEAR,
        end=datetime.date(left, 12, 31) if left else None,
        end_precision=Precision.YEAR,
        **FACT,
        **_stamps(),
    )


def _events(rng, count, agencies):
    events, participations = [], []
    for i in range(count):
        start = _date(rng)
        kind = rng.choice(m.EventKind.values)
        city = rng.choice(WORDS["city"])
        events.append(
            m.Event(
                title=f"{m.EventKind(kind).label}, {city} {start.year} ({i + 1})",
                slug=f"{PREFIX}event-{i + 1}",
                kind=kind,
                start=start,
                end=start + datetime.timedelta(days=rng.randint(0, 2)),
                city=city,
                country=rng.choice(WORDS["country"]),
                organiser=rng.choice(agencies),
                summary=f"Agencies met on {rng.choice(WORDS['subject'])}.",
                **_stamps(),
            )
        )
    events = _bulk(m.Event, events)
    for event in events:
        for agency in _pick(rng, agencies, 3, 8):
            participations.append(
                m.Participation(event=event, agency=agency, level=rng.choice(m.Level.values), **_stamps())
            )
    _bulk(m.Participation, participations)
    return events, len(participations)


def _status(rng):
    """Mostly published; a few drafts, reviews and scheduled records so visibility is exercised at scale."""
    roll = rng.random()
    if roll < 0.03:
        return {"status": m.Status.DRAFT, "published_at": None}
    if roll < 0.04:
        return {"status": m.Status.IN_REVIEW, "published_at": None}
    if roll < 0.05:
        return {"status": m.Status.PUBLISHED, "published_at": SCHEDULED_AT}
    return {"status": m.Status.PUBLISHED, "published_at": PUBLISHED_AT}


def _statements(rng, count, agencies, topics, events):
    statements = []
    for i in range(count):
        subject = rng.choice(WORDS["subject"])
        event = rng.choice(events) if events and rng.random() < 0.4 else None
        date = event.start if event else _date(rng, datetime.date(2006, 1, 1))
        statements.append(
            m.Statement(
                title=f"Statement on {subject} ({date.year}, no. {i + 1})",
                slug=f"{PREFIX}statement-{i + 1}",
                kind=rng.choice(m.StatementKind.values),
                date=date,
                event=event,
                summary=f"The group sets out what agencies will do on {subject}.",
                body=_body(rng, subject, rng.randint(2, 5)),
                **_status(rng),
                **_stamps(),
            )
        )
    statements = _bulk(m.Statement, statements)
    translations = []
    for original in statements[:: max(1, len(statements) // max(1, count // 20))][: count // 20]:
        language = rng.choice([lang for lang in m.Language.values if lang != m.Language.ENGLISH])
        translations.append(
            m.Statement(
                title=f"{original.title} [{language}]",
                slug=f"{original.slug}-{language}",
                kind=original.kind,
                date=original.date,
                summary=original.summary,
                body=original.body,
                language=language,
                translation_of=original,
                status=original.status,
                published_at=original.published_at,
                **_stamps(),
            )
        )
    statements += _bulk(m.Statement, translations)
    signed = _through(m.Statement.signatories, [(s.pk, a.pk) for s in statements for a in _pick(rng, agencies, 2, 6)])
    tagged = _through(m.Statement.topics, [(s.pk, t.pk) for s in statements for t in _pick(rng, topics, 1, 3)])
    return statements, signed + tagged


def _publications(rng, count, agencies, topics):
    rows = []
    for i in range(count):
        subject = rng.choice(WORDS["subject"])
        date = _date(rng, datetime.date(2006, 1, 1))
        rows.append(
            m.Publication(
                title=f"{subject.capitalize()}: a review ({date.year}, no. {i + 1})",
                slug=f"{PREFIX}publication-{i + 1}",
                kind=rng.choice(m.PublicationKind.values),
                date=date,
                summary=f"A review of what agencies know about {subject}.",
                url=f"https://example.org/publications/{i + 1}",
                **_status(rng),
                **_stamps(),
            )
        )
    rows = _bulk(m.Publication, rows)
    _through(m.Publication.lead_agencies, [(p.pk, a.pk) for p in rows for a in _pick(rng, agencies, 1, 3)])
    _through(m.Publication.topics, [(p.pk, t.pk) for p in rows for t in _pick(rng, topics, 1, 2)])
    return rows


def _groups(rng, count, agencies):
    groups = []
    for i in range(count):
        subject = rng.choice(WORDS["subject"])
        established = rng.randint(2006, 2016)
        groups.append(
            m.WorkingGroup(
                name=f"Working group on {subject} {i + 1}",
                slug=f"{PREFIX}group-{i + 1}",
                mandate=_body(rng, subject, 1),
                established=datetime.date(established, 1, 1),
                established_precision=Precision.YEAR,
                dissolved=datetime.date(rng.randint(established, 2018), 12, 31),
                dissolved_precision=Precision.YEAR,
                **_stamps(),
            )
        )
    groups = _bulk(m.WorkingGroup, groups)
    roles, activities = [], []
    for group in groups:
        chosen = _pick(rng, agencies, 5, 9)
        for n, agency in enumerate(chosen):
            role = m.Role.CO_CHAIR if n < 2 else m.Role.MEMBER
            roles.append(m.WorkingGroupRole(group=group, agency=agency, role=role, **FACT, **_stamps()))
        for n in range(rng.randint(1, 3)):
            activities.append(
                m.Activity(
                    group=group,
                    title=f"Activity {n + 1} of {group.name}",
                    countries=", ".join(_pick(rng, WORDS["country"], 1, 3)),
                    start=group.established,
                    **_stamps(),
                )
            )
    _bulk(m.WorkingGroupRole, roles)
    _bulk(m.Activity, activities)
    return groups, len(roles) + len(activities)


def _topics(rng, count):
    rows = [
        m.Topic(name=f"{subject.capitalize()} (demo {i + 1})", slug=f"{PREFIX}topic-{i + 1}", **_stamps())
        for i, subject in enumerate(rng.choice(WORDS["subject"]) for _ in range(count))
    ]
    return _bulk(m.Topic, rows)


@transaction.atomic
def generate(*, scale, seed=0):
    """Add `scale` times the real group's size in synthetic records; replaces any earlier demo data."""
    removed = remove()
    rng = random.Random(seed)
    agencies = _agencies(rng, PER_SCALE["agencies"] * scale)
    everyone = list(m.Agency.objects.order_by("pk"))  # seed agencies take part too
    topics = _topics(rng, max(5, scale // 4)) + list(m.Topic.objects.exclude(slug__startswith=PREFIX).order_by("pk"))
    counts = {"agencies": len(agencies), "memberships": len(_memberships(rng, agencies))}
    events, participations = _events(rng, PER_SCALE["events"] * scale, everyone)
    statements, links = _statements(rng, PER_SCALE["statements"] * scale, everyone, topics, events)
    publications = _publications(rng, PER_SCALE["publications"] * scale, everyone, topics)
    groups, group_rows = _groups(rng, PER_SCALE["groups"] * scale, everyone)
    counts.update(
        {
            "chair terms": len(chair_terms(rng, everyone, scale)) if scale else 0,
            "topics": max(5, scale // 4),
            "events": len(events),
            "participations": participations,
            "statements": len(statements),
            "signatories and topics": links,
            "publications": len(publications),
            "working groups": len(groups),
            "roles and activities": group_rows,
            "sources": _sources(agencies) + _sources(statements),
            "removed first": removed,
        }
    )
    cache.bump_version()
    return Report(counts)


def demo(model, field="slug"):
    return model._base_manager.filter(**{f"{field}__startswith": PREFIX})


@transaction.atomic
def remove():
    """Delete exactly the synthetic records, children first; returns how many top-level records went.

    Raw deletes: a per-row delete would write a recovery revision for each of 30,000 synthetic rows.
    """
    total = 0
    statements = demo(m.Statement)
    for field in (m.Statement.signatories, m.Statement.topics):
        field.through._base_manager.filter(statement__in=statements)._raw_delete("default")
    for field in (m.Publication.lead_agencies, m.Publication.topics):
        field.through._base_manager.filter(publication__in=demo(m.Publication))._raw_delete("default")
    m.Source._base_manager.filter(title=DEMO_SOURCE)._raw_delete("default")
    statements.filter(translation_of__isnull=False)._raw_delete("default")
    deletions = [
        statements,
        demo(m.Publication),
        m.Participation._base_manager.filter(event__slug__startswith=PREFIX),
        demo(m.Event),
        m.WorkingGroupRole._base_manager.filter(group__slug__startswith=PREFIX),
        m.Activity._base_manager.filter(group__slug__startswith=PREFIX),
        demo(m.WorkingGroup),
        m.ChairHolder._base_manager.filter(term__note=DEMO_NOTE),
        m.ChairTerm._base_manager.filter(note=DEMO_NOTE),
        m.Membership._base_manager.filter(agency__slug__startswith=PREFIX),
        demo(m.Agency),
        demo(m.Topic),
    ]
    for queryset in deletions:
        total += queryset._raw_delete("default") or 0
    if total:
        cache.bump_version()
    return total
