"""Every classification shown comes with its source, or is not shown (FACTS.md, "How the agencies are classified")."""

import datetime

import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from registry import models as m
from tests.factories import AgencyFactory, MembershipFactory, StatementFactory

pytestmark = pytest.mark.django_db


def html_of(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def test_each_seeded_agency_kind_names_the_un_system_chart_edition_it_follows(seed):
    for agency in m.Agency.objects.exclude(slug="iom"):
        assert agency.kind_source == "The United Nations System (UN System Chart, DPI, 2015 edition)", agency
        assert agency.kind_source_url == "https://www.unsystem.org/content/unsystemchart-dpi-2015"
        assert agency.sources.filter(title=agency.kind_source).exists(), agency


@pytest.mark.parametrize(
    ("slug", "kind"),
    [("unhcr", "other"), ("unctad", "other"), ("unodc", "secretariat"), ("un-women", "other"), ("ilo", "specialised")],
)
def test_the_kinds_follow_the_2015_chart_not_the_older_editions(seed, slug, kind):
    assert m.Agency.objects.get(slug=slug).kind == kind


def test_the_agency_page_names_the_source_of_its_kind(client, seed):
    html = html_of(client, reverse("site:agency", kwargs={"slug": "unhcr"}))
    assert (
        "Other entity, as classified by "
        '<a href="https://www.unsystem.org/content/unsystemchart-dpi-2015">'
        "The United Nations System (UN System Chart, DPI, 2015 edition)</a>"
    ) in html


def test_iom_entered_the_un_system_in_2016_as_a_dated_fact(client, seed):
    iom = m.Agency.objects.get(slug="iom")
    assert (iom.in_un_system_since, iom.in_un_system_since_precision) == (datetime.date(2016, 9, 19), "day")
    text = strip_tags(html_of(client, reverse("site:agency", kwargs={"slug": "iom"})))
    assert "From 19 September 2016; outside it before" in text
    assert "In the UN system Yes" not in " ".join(text.split())
    data = client.get("/api/v1/agencies/iom/").json()
    assert (data["in_un_system"], data["in_un_system_since"], data["in_un_system_since_precision"]) == (
        True,
        "2016-09-19",
        "day",
    )
    assert data["kind"] == "related"
    assert data["kind_source"].startswith("Agreement concerning the Relationship between the United Nations and")


def test_a_kind_without_a_source_is_not_shown(client, db):
    agency = AgencyFactory(acronym="NOSRC", slug="nosrc", kind=m.AgencyKind.FUND, kind_source="")
    assert "Fund or programme" not in html_of(client, agency.get_absolute_url())
    listing = html_of(client, reverse("site:agencies"))
    card = listing[listing.index('href="/agencies/nosrc/"') :]
    assert "Fund or programme" not in card[: card.index("</li>")]


def test_the_migrants_day_2013_statement_is_not_called_a_principals_joint_statement(client, seed):
    statement = m.Statement.objects.get(slug="international-migrants-day-2013")
    assert statement.kind == m.StatementKind.UNSPECIFIED
    html = html_of(client, statement.get_absolute_url())
    assert "Principals&#x27; joint statement" not in html and "Principals' joint statement" not in html
    assert '<p class="kicker">Statement</p>' in html


def test_a_statement_without_signatories_leaves_the_section_out(client, db):
    statement = StatementFactory(slug="unsigned", date=datetime.date(2010, 9, 30))
    html = html_of(client, statement.get_absolute_url())
    assert "No signatory is on record" not in html
    assert "signatories-heading" not in html


def test_an_agency_with_little_on_record_shows_no_empty_sections(client, db):
    agency = AgencyFactory(acronym="QUIET", slug="quiet")
    text = strip_tags(html_of(client, agency.get_absolute_url()))
    for empty in ["No membership on record", "did not chair", "No working-group role", "No published statement",
                  "No event on record", "Chair terms", "Statements signed"]:  # fmt: skip
        assert empty not in text


def test_a_membership_table_without_notes_has_no_note_column(client, db):
    agency = AgencyFactory(acronym="NONOTE", slug="nonote")
    MembershipFactory(agency=agency, start=datetime.date(2007, 1, 1), start_precision="year")
    html = html_of(client, agency.get_absolute_url())
    assert '<th scope="col">Note</th>' not in html


def test_every_statement_publication_and_working_group_has_a_description_of_several_sentences(seed):
    texts = [(s.slug, s.summary) for s in m.Statement.objects.all()]
    texts += [(p.slug, p.summary) for p in m.Publication.objects.all()]
    texts += [(g.slug, strip_tags(g.mandate)) for g in m.WorkingGroup.objects.all()]
    assert len(texts) == 12
    for slug, text in texts:
        sentences = [part for part in text.replace("\n", " ").split(". ") if part.strip()]
        assert len(sentences) >= 3, (slug, text)


def test_a_working_group_page_leaves_out_empty_sections_and_columns(client, seed):
    data = html_of(client, reverse("site:working-group", kwargs={"slug": "data-and-research"}))
    assert "activities-heading" not in data and "No activity is on record" not in data
    assert '<th scope="col">Period</th>' not in data  # neither co-chair's start is on record
    task_force = html_of(client, reverse("site:working-group", kwargs={"slug": "capacity-development-task-force"}))
    assert '<th scope="col">Period</th>' in task_force
    mainstreaming = html_of(client, reverse("site:working-group", kwargs={"slug": "mainstreaming-migration"}))
    assert "Projects in countries of origin" in mainstreaming
