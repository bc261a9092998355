"""The contract on the real seed data: what researchers will actually query."""

import datetime

import pytest

from registry import models as m


def results(api, query):
    response = api.get(f"/api/v1/{query}")
    assert response.status_code == 200, response.content
    return response.json()


@pytest.mark.parametrize(("date", "count"), [("2006-06-30", 10), ("2008-06-30", 14), ("2010-06-30", 16)])
def test_the_number_of_gmg_members_on_a_date(api, seed, date, count):
    assert results(api, f"agencies/?member_on={date}")["count"] == count


def test_the_geneva_migration_group_had_its_own_members(api, seed):
    geneva = {a["slug"] for a in results(api, "agencies/?member_on=2005-01-01&body=geneva")["results"]}
    assert {"ilo", "iom", "unhcr"} <= geneva
    assert results(api, "agencies/?member_on=2005-01-01")["count"] == 0  # the GMG itself began in 2006


def test_ohchr_chaired_on_1_october_2010(api, seed):
    term = results(api, "chair-terms/current/?on=2010-10-01")
    assert term["agency"] == "ohchr"
    assert term["start"] <= "2010-10-01" <= term["end"]


def test_on_1_march_2009_there_was_no_chair_and_the_404_says_why(api, seed):
    response = api.get("/api/v1/chair-terms/current/?on=2009-03-01")
    assert response.status_code == 404
    body = response.json()
    assert body["detail"].startswith("No chair on record on 2009-03-01")
    vacancy = m.ChairVacancy.objects.active_on(datetime.date(2009, 3, 1)).get()
    assert vacancy.note in body["detail"]
    assert body["vacancy"]["note"] == vacancy.note


def test_chair_terms_on_a_date_and_in_a_year(api, seed):
    assert [t["agency"] for t in results(api, "chair-terms/?on=2010-10-01")["results"]] == ["ohchr"]
    assert results(api, "chair-terms/?on=2009-03-01")["count"] == 0
    in_2008 = results(api, "chair-terms/?year=2008")["results"]
    assert in_2008 and all(t["start"] <= "2008-12-31" and t["end"] >= "2008-01-01" for t in in_2008)
    ohchr = results(api, "chair-terms/?agency=ohchr")["results"]
    assert ohchr and {t["agency"] for t in ohchr} == {"ohchr"}


def test_memberships_by_agency_body_and_date(api, seed):
    iom = results(api, "memberships/?agency=iom")["results"]
    assert {mb["body"] for mb in iom} == {"gmg", "geneva"}
    active = results(api, "memberships/?active_on=2006-06-30&body=gmg")
    assert active["count"] == 10


def test_agency_kind_un_system_and_headquarters_agree_with_the_records(api, seed):
    for query, expected in [
        ("kind=specialised", m.Agency.objects.filter(kind="specialised")),
        ("in_un_system=false", m.Agency.objects.filter(in_un_system=False)),
        ("headquarters=geneva", m.Agency.objects.filter(headquarters__iexact="geneva")),
    ]:
        assert results(api, f"agencies/?{query}")["count"] == expected.count(), query


def test_every_statement_filter_agrees_with_the_records(api, seed):
    public = m.Statement.objects.published()
    statement = public.first()
    year = statement.date.year
    checks = {
        f"kind={statement.kind}": public.filter(kind=statement.kind),
        f"language={statement.language}": public.filter(language=statement.language),
        f"year={year}": public.filter(date__year=year),
        f"date_after={year}-01-01": public.filter(date__gte=datetime.date(year, 1, 1)),
        f"date_before={year}-12-31": public.filter(date__lte=datetime.date(year, 12, 31)),
    }
    agency = m.Agency.objects.filter(statements_signed__in=public).first()
    if agency:
        checks[f"agency={agency.slug}"] = public.filter(signatories=agency)
    topic = m.Topic.objects.filter(statements__in=public).first()
    if topic:
        checks[f"topic={topic.slug}"] = public.filter(topics=topic)
    event = public.exclude(event=None).values_list("event__slug", flat=True).first()
    if event:
        checks[f"event={event}"] = public.filter(event__slug=event)
    for query, expected in checks.items():
        slugs = {s["slug"] for s in results(api, f"statements/?{query}")["results"]}
        assert slugs == set(expected.values_list("slug", flat=True)), query


def test_working_groups_by_date_and_agency_agree_with_the_records(api, seed):
    role = m.WorkingGroupRole.objects.select_related("agency").first()
    expected = set(m.WorkingGroup.objects.with_agency(role.agency).values_list("slug", flat=True))
    assert {g["slug"] for g in results(api, f"working-groups/?agency={role.agency.slug}")["results"]} == expected
    active = set(m.WorkingGroup.objects.active_on(datetime.date(2012, 1, 1)).values_list("slug", flat=True))
    assert {g["slug"] for g in results(api, "working-groups/?active_on=2012-01-01")["results"]} == active


def test_events_filters_agree_with_the_records(api, seed):
    event = m.Event.objects.first()
    year = event.start.year
    assert results(api, f"events/?kind={event.kind}")["count"] == m.Event.objects.filter(kind=event.kind).count()
    assert results(api, f"events/?year={year}")["count"] == m.Event.objects.filter(start__year=year).count()
    participant = m.Participation.objects.select_related("agency").first()
    if participant:
        expected = m.Event.objects.involving(participant.agency).count()
        assert results(api, f"events/?agency={participant.agency.slug}")["count"] == expected
    after = results(api, f"events/?date_after={year}-01-01")["count"]
    assert after == m.Event.objects.filter(start__gte=datetime.date(year, 1, 1)).count()


def test_publications_filters_agree_with_the_records(api, seed):
    public = m.Publication.objects.published()
    publication = public.first()
    assert (
        results(api, f"publications/?kind={publication.kind}")["count"] == public.filter(kind=publication.kind).count()
    )
    year = publication.date.year
    assert results(api, f"publications/?year={year}")["count"] == public.filter(date__year=year).count()
    lead = public.exclude(lead_agencies=None).first()
    if lead:
        agency = lead.lead_agencies.first()
        assert (
            results(api, f"publications/?agency={agency.slug}")["count"] == public.filter(lead_agencies=agency).count()
        )
    topical = public.exclude(topics=None).first()
    if topical:
        topic = topical.topics.first()
        assert results(api, f"publications/?topic={topic.slug}")["count"] == public.filter(topics=topic).count()


def test_the_seed_csv_has_the_same_rows(api, seed):
    json_count = results(api, "agencies/?member_on=2010-06-30")["count"]
    lines = api.get("/api/v1/agencies/?member_on=2010-06-30&format=csv").content.decode().strip().splitlines()
    assert len(lines) == json_count + 1
