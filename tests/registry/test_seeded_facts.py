"""The seed holds the facts of FACTS.md, and only those."""

import datetime

from registry import models as m

D = datetime.date


def test_there_are_nineteen_agencies_with_their_lower_case_acronym_as_slug(seed):
    # The 16 members of 2013, UNU and FAO (2014), and WFP (on the group's members page, undated).
    agencies = m.Agency.objects.all()
    assert agencies.count() == 19
    slugs = set(agencies.values_list("slug", flat=True))
    assert {"unhcr", "un-women", "world-bank", "un-regional-commissions", "unu", "fao", "wfp"} <= slugs


def test_every_agency_has_its_kind_headquarters_website_focus_and_description(seed):
    for agency in m.Agency.objects.exclude(slug="un-regional-commissions"):
        assert agency.headquarters, agency
    for agency in m.Agency.objects.all():
        assert agency.website.startswith("https://"), agency
        assert agency.migration_focus and agency.description.startswith("<p>"), agency
    assert m.Agency.objects.get(slug="who").kind == m.AgencyKind.SPECIALISED
    assert m.Agency.objects.get(slug="iom").kind == m.AgencyKind.RELATED
    assert m.Agency.objects.get(slug="un-regional-commissions").kind == m.AgencyKind.COMMISSIONS


def test_headquarters_are_the_cities_the_sources_give(seed):
    cities = dict(m.Agency.objects.values_list("slug", "headquarters"))
    assert cities["unodc"] == "Vienna"
    assert cities["unesco"] == "Paris"
    assert cities["world-bank"] == "Washington, D.C."
    assert cities["unu"] == "Tokyo"
    # The regional commissions' city rotates with the commission: no single headquarters.
    assert cities["un-regional-commissions"] == ""


def test_the_first_principals_meeting_was_chaired_by_unctads_secretary_general(seed):
    meeting = m.Event.objects.get(start=D(2006, 5, 9))
    assert meeting.kind == m.EventKind.PRINCIPALS
    assert "UNCTAD's Secretary-General chaired" in meeting.summary
    assert meeting.participations.get().agency.slug == "unctad"


def test_the_events_are_the_ones_the_sources_name(seed):
    events = {(event.kind, event.start, event.end, event.city) for event in m.Event.objects.all()}
    assert events == {
        (m.EventKind.PRINCIPALS, D(2006, 5, 9), None, ""),
        (m.EventKind.HLD, D(2006, 9, 1), None, "New York"),  # September 2006, month precision
        (m.EventKind.GFMD, D(2007, 1, 1), None, "Brussels"),
        (m.EventKind.SYMPOSIUM, D(2011, 5, 17), D(2011, 5, 18), "New York"),
        (m.EventKind.HLD, D(2013, 10, 3), D(2013, 10, 4), "New York"),
        (m.EventKind.UNGA, D(2016, 9, 19), None, ""),
    }


def test_statements_are_published_and_linked_to_the_events_where_they_were_delivered(seed):
    statements = m.Statement.objects.published()
    assert statements.count() == 4
    linked = dict(statements.values_list("slug", "event__slug"))
    assert linked["statement-to-the-high-level-dialogue-2013"] == "high-level-dialogue-2013"
    assert linked["un-summit-for-refugees-and-migrants-2016"] == "un-summit-for-refugees-and-migrants-2016"
    assert linked["human-rights-of-migrants-in-irregular-situation-2010"] is None


def test_the_2010_statement_was_made_under_ohchrs_chair(seed):
    statement = m.Statement.objects.get(date=D(2010, 9, 30))
    assert [agency.slug for agency in statement.chair.chairs] == ["ohchr"]
    assert set(statement.topics.values_list("slug", flat=True)) == {"human-rights", "irregular-migration"}


def test_the_2010_handbook_carries_its_isbn(seed):
    handbook = m.Publication.objects.get(slug="mainstreaming-migration-into-development-planning-2010")
    assert handbook.isbn == "978-92-1-126293-3"
    assert (handbook.kind, handbook.date_display) == (m.PublicationKind.HANDBOOK, "2010")


def test_publications_are_published_with_their_dates_and_topics(seed):
    dates = dict(m.Publication.objects.published().values_list("slug", "date"))
    assert sorted(dates.values()) == [D(2008, 11, 1), D(2010, 1, 1), D(2016, 9, 13), D(2017, 12, 18)]
    assert m.Topic.objects.get(slug="migration-data").publications.count() == 1


def test_working_groups_have_their_two_co_chairs(seed):
    co_chairs = {
        group.slug: {role.agency.slug for role in group.roles.filter(role=m.Role.CO_CHAIR)}
        for group in m.WorkingGroup.objects.prefetch_related("roles__agency")
    }
    assert co_chairs == {
        "mainstreaming-migration": {"iom", "undp"},
        "data-and-research": {"iom", "undesa"},
        "migration-human-rights-and-gender": {"ohchr", "un-women"},
        "capacity-development-task-force": {"unitar", "iom"},
    }
    assert m.WorkingGroup.objects.get(slug="data-and-research").established == D(2011, 1, 1)
    assert set(m.WorkingGroupRole.objects.filter(group__slug="capacity-development-task-force")
               .values_list("start", flat=True)) == {D(2013, 7, 3)}  # fmt: skip


def test_the_five_initiatives_with_the_years_they_began(seed):
    launched = dict(m.Initiative.objects.values_list("slug", "launched"))
    assert {slug: day.year for slug, day in launched.items()} == {
        "icpd": 1994,
        "berne-initiative": 2001,
        "gcim": 2003,
        "hld": 2006,
        "gfmd": 2007,
    }
    assert not m.Initiative.objects.get(slug="gfmd").un_led


def test_about_and_history_pages_are_published_and_cite_the_article(seed):
    pages = m.Page.objects.published()
    assert set(pages.values_list("slug", flat=True)) == {"about", "history"}
    for page in pages:
        assert "migrationpolicy.org/article/suddenly-migration-was-everywhere" in page.body
        assert "<q>" in page.body or page.slug == "about"


def test_seeded_content_was_published_at_a_fixed_past_time(seed):
    for model in (m.Statement, m.Publication, m.Page):
        times = set(model.objects.values_list("published_at", flat=True))
        assert times == {datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)}
