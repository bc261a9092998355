"""A small, realistic world built from factories, and a bulk builder for the query-count tests."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType

from registry.models import (
    Body,
    Level,
    Participation,
    Precision,
    Role,
    Source,
)
from tests import factories as f


def build_world():
    unhcr = f.AgencyFactory(
        acronym="UNHCR",
        slug="unhcr",
        name="Office of the United Nations High Commissioner for Refugees",
        kind="fund",
        headquarters="Geneva",
        migration_focus="Refugees and asylum",
    )
    ohchr = f.AgencyFactory(
        acronym="OHCHR",
        slug="ohchr",
        name="Office of the High Commissioner for Human Rights",
        kind="secretariat",
        headquarters="Geneva",
        website="https://www.ohchr.org/",
    )
    undesa = f.AgencyFactory(
        acronym="UNDESA",
        slug="undesa",
        name="Department of Economic and Social Affairs",
        kind="secretariat",
        headquarters="New York",
    )
    f.MembershipFactory(
        agency=unhcr,
        body=Body.GENEVA,
        start=datetime.date(2003, 1, 1),
        end=datetime.date(2005, 12, 31),
        end_precision=Precision.YEAR,
    )
    f.MembershipFactory(
        agency=unhcr, start=datetime.date(2006, 1, 1), end=datetime.date(2018, 12, 31), end_precision=Precision.YEAR
    )
    f.MembershipFactory(
        agency=ohchr, start=datetime.date(2006, 1, 1), end=datetime.date(2018, 12, 31), end_precision=Precision.YEAR
    )
    f.MembershipFactory(
        agency=undesa, start=datetime.date(2007, 1, 1), end=datetime.date(2018, 12, 31), end_precision=Precision.YEAR
    )
    f.ChairTermFactory(
        agency=unhcr, start=datetime.date(2008, 7, 1), end=datetime.date(2008, 12, 31), principal="António Guterres"
    )
    f.ChairVacancyFactory(
        start=datetime.date(2009, 1, 1),
        end=datetime.date(2009, 5, 31),
        start_precision=Precision.MONTH,
        end_precision=Precision.MONTH,
        note="No agency was willing to take the chair.",
    )
    chair_2010 = f.ChairTermFactory(agency=ohchr, start=datetime.date(2010, 7, 1), end=datetime.date(2010, 12, 31))
    topic = f.TopicFactory(name="Human rights", slug="human-rights")
    meeting = f.EventFactory(
        title="Principals' meeting, Geneva 2010",
        slug="principals-2010",
        start=datetime.date(2010, 9, 30),
        organiser=ohchr,
        summary="Principals met in Geneva.",
    )
    Participation.objects.create(event=meeting, agency=unhcr, level=Level.PRINCIPAL)
    Participation.objects.create(event=meeting, agency=ohchr, level=Level.DEPUTY)
    statement = f.StatementFactory(
        title="Statement on the human rights of migrants in irregular situation",
        slug="human-rights-irregular-2010",
        date=datetime.date(2010, 9, 30),
        event=meeting,
        summary="The group calls on states to protect the human rights of migrants in an irregular situation.",
        body="<p>The Global Migration Group is deeply concerned about the human rights of migrants.</p>",
    )
    statement.signatories.set([unhcr, ohchr, undesa])
    statement.topics.set([topic])
    french = f.StatementFactory(
        title="Déclaration sur les droits de l'homme des migrants",
        slug="droits-2010-fr",
        language="fr",
        translation_of=statement,
        date=datetime.date(2010, 9, 30),
    )
    draft = f.StatementFactory(title="Secret draft on remittances", slug="secret-draft", draft=True)
    draft.signatories.set([unhcr])
    group = f.WorkingGroupFactory(
        name="Working group on data and research", slug="data-research", mandate="<p>Improve migration data.</p>"
    )
    f.WorkingGroupRoleFactory(group=group, agency=undesa, role=Role.CO_CHAIR)
    f.WorkingGroupRoleFactory(group=group, agency=unhcr, role=Role.MEMBER)
    group.activities.create(title="Handbook launch", countries="Mexico, Philippines")
    publication = f.PublicationFactory(
        title="International Migration and Human Rights",
        slug="migration-hr-2008",
        summary="A report on the human rights of migrants.",
    )
    publication.lead_agencies.set([ohchr])
    publication.topics.set([topic])
    draft_publication = f.PublicationFactory(title="Unfinished handbook", slug="unfinished-handbook", draft=True)
    initiative = f.InitiativeFactory(name="Global Forum on Migration and Development", acronym="GFMD", slug="gfmd")
    history = f.PageFactory(title="History", slug="history", body="<p>From Geneva to the world.</p>")
    draft_page = f.PageFactory(title="Hidden page", slug="hidden", status="draft", published_at=None)
    Source.objects.create(
        content_type=ContentType.objects.get_for_model(unhcr),
        object_id=unhcr.pk,
        title="GMG membership list",
        url="https://example.org/members",
    )
    return {
        "unhcr": unhcr, "ohchr": ohchr, "undesa": undesa, "topic": topic, "meeting": meeting,
        "statement": statement, "french": french, "draft": draft, "group": group, "publication": publication,
        "draft_publication": draft_publication, "initiative": initiative, "history": history,
        "draft_page": draft_page, "chair_2010": chair_2010,
    }  # fmt: skip


@pytest.fixture
def world(db):
    return build_world()


def build_many(n):
    """After build_world: `n` agencies, statements, events, groups and publications, all linked, for query bounds."""
    topics = [f.TopicFactory() for _ in range(3)]
    agencies = f.AgencyFactory.create_batch(n)
    for i, agency in enumerate(agencies):
        f.MembershipFactory(agency=agency, start=datetime.date(2003 + i % 10, 1, 1))
    start = datetime.date(2019, 1, 1)  # after the hand-made terms of build_world
    for i in range(n):
        f.ChairTermFactory(
            agency=agencies[i],
            start=start + datetime.timedelta(days=200 * i),
            end=start + datetime.timedelta(days=200 * i + 150),
        )
    for i in range(n):
        event = f.EventFactory(organiser=agencies[i])
        for agency in agencies[:5]:
            Participation.objects.create(event=event, agency=agency)
        statement = f.StatementFactory(event=event, date=datetime.date(2006 + i % 12, 3, 1))
        statement.signatories.set(agencies[:5])
        statement.topics.set(topics)
        group = f.WorkingGroupFactory()
        for agency in agencies[:4]:
            f.WorkingGroupRoleFactory(group=group, agency=agency, role=Role.MEMBER)
        publication = f.PublicationFactory()
        publication.lead_agencies.set(agencies[:3])
        publication.topics.set(topics)
        f.InitiativeFactory()
    return agencies
