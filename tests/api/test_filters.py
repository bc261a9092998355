"""Every filter of the contract, on factory data: what it keeps, and what it refuses."""

import datetime

import pytest
from django.http import QueryDict
from django_filters.constants import EMPTY_VALUES
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from registry import models as m
from registry.api import views
from registry.api.views import GivenFiltersBackend
from registry.filters import AgencyFilter
from tests.factories import (
    AgencyFactory,
    ChairTermFactory,
    ChairVacancyFactory,
    EventFactory,
    MembershipFactory,
    PublicationFactory,
    StatementFactory,
    TopicFactory,
    WorkingGroupFactory,
    WorkingGroupRoleFactory,
)

D = datetime.date


def slugs(response, key="slug"):
    assert response.status_code == 200, response.content
    return sorted(obj[key] for obj in response.json()["results"])


@pytest.fixture
def agencies(db):
    iom = AgencyFactory(acronym="IOM", slug="iom", kind=m.AgencyKind.RELATED, in_un_system=False, headquarters="Geneva")
    unfpa = AgencyFactory(acronym="UNFPA", slug="unfpa", kind=m.AgencyKind.FUND, headquarters="New York")
    undp = AgencyFactory(acronym="UNDP", slug="undp", kind=m.AgencyKind.FUND, headquarters="New York")
    MembershipFactory(agency=iom, body=m.Body.GENEVA, start=D(2003, 1, 1), end=D(2006, 12, 31))
    MembershipFactory(agency=iom, start=D(2006, 1, 1))
    MembershipFactory(agency=unfpa, start=D(2006, 1, 1), end=D(2018, 12, 31))
    MembershipFactory(agency=undp, start=D(2007, 1, 1))
    return {"iom": iom, "unfpa": unfpa, "undp": undp}


class TestAgencies:
    def test_member_on_a_date_defaults_to_the_gmg(self, api, agencies):
        assert slugs(api.get("/api/v1/agencies/?member_on=2006-06-30")) == ["iom", "unfpa"]
        assert slugs(api.get("/api/v1/agencies/?member_on=2018-12-31")) == ["iom", "undp", "unfpa"]
        # Open memberships end with the group (2018): nobody is a member afterwards.
        assert slugs(api.get("/api/v1/agencies/?member_on=2019-01-01")) == []

    def test_member_on_with_body_geneva(self, api, agencies):
        assert slugs(api.get("/api/v1/agencies/?member_on=2005-01-01&body=geneva")) == ["iom"]

    def test_body_alone_gives_agencies_that_were_ever_members(self, api, agencies):
        assert slugs(api.get("/api/v1/agencies/?body=geneva")) == ["iom"]

    def test_kind_in_un_system_and_headquarters(self, api, agencies):
        assert slugs(api.get("/api/v1/agencies/?kind=fund")) == ["undp", "unfpa"]
        assert slugs(api.get("/api/v1/agencies/?in_un_system=false")) == ["iom"]
        assert slugs(api.get("/api/v1/agencies/?headquarters=new%20york")) == ["undp", "unfpa"]

    def test_filters_combine(self, api, agencies):
        assert slugs(api.get("/api/v1/agencies/?member_on=2006-06-30&kind=fund")) == ["unfpa"]

    def test_search_and_ordering(self, api, agencies):
        assert slugs(api.get("/api/v1/agencies/?search=UNF")) == ["unfpa"]
        results = api.get("/api/v1/agencies/?ordering=-acronym").json()["results"]
        assert [a["acronym"] for a in results] == ["UNFPA", "UNDP", "IOM"]

    @pytest.mark.parametrize(
        ("query", "param"),
        [
            ("member_on=2006-13-01", "member_on"),
            ("member_on=30/06/2006", "member_on"),
            ("body=un", "body"),
            ("kind=bank", "kind"),
            ("in_un_system=maybe", "in_un_system"),
            ("ordering=budget", "ordering"),
        ],
    )
    def test_a_bad_value_is_a_400_naming_the_parameter(self, api, agencies, query, param):
        response = api.get(f"/api/v1/agencies/?{query}")
        assert response.status_code == 400
        assert param in response.json()


class TestMemberships:
    def test_agency_body_and_active_on(self, api, agencies):
        def agencies_of(query):
            return slugs(api.get(f"/api/v1/memberships/?{query}"), key="agency")

        assert agencies_of("agency=iom") == ["iom", "iom"]
        assert agencies_of("body=geneva") == ["iom"]
        assert agencies_of("active_on=2006-06-30") == ["iom", "iom", "unfpa"]
        assert agencies_of("active_on=2006-06-30&body=gmg") == ["iom", "unfpa"]

    def test_an_unknown_agency_is_a_400(self, api, agencies):
        response = api.get("/api/v1/memberships/?agency=nobody")
        assert response.status_code == 400
        assert "agency" in response.json()


@pytest.fixture
def chairs(db):
    ilo = AgencyFactory(acronym="ILO", slug="ilo")
    ohchr = AgencyFactory(acronym="OHCHR", slug="ohchr")
    ChairTermFactory(agency=ilo, start=D(2008, 7, 1), end=D(2008, 12, 31))
    ChairTermFactory(agency=ohchr, start=D(2010, 7, 1), end=D(2010, 12, 31))
    ChairVacancyFactory(start=D(2009, 1, 1), end=D(2009, 5, 31), start_precision="month",
                        end_precision="month", note="No agency would take the chair.")  # fmt: skip
    return {"ilo": ilo, "ohchr": ohchr}


class TestChairTerms:
    def test_on_year_and_agency(self, api, chairs):
        def chairs_of(query):
            return slugs(api.get(f"/api/v1/chair-terms/?{query}"), key="agency")

        assert chairs_of("on=2010-10-01") == ["ohchr"]
        assert chairs_of("on=2009-03-01") == []
        assert chairs_of("year=2008") == ["ilo"]
        assert chairs_of("agency=ohchr") == ["ohchr"]
        assert chairs_of("year=2010&agency=ilo") == []

    def test_current_gives_the_term_on_a_date(self, api, chairs):
        response = api.get("/api/v1/chair-terms/current/?on=2010-10-01")
        assert response.status_code == 200
        assert response.json()["agency"] == "ohchr"
        assert response["ETag"]

    def test_current_during_a_documented_vacancy_is_a_404_naming_it(self, api, chairs):
        response = api.get("/api/v1/chair-terms/current/?on=2009-03-01")
        assert response.status_code == 404
        body = response.json()
        assert body["detail"].startswith("No chair on record on 2009-03-01")
        assert "No agency would take the chair." in body["detail"]
        assert body["vacancy"]["start"] == "2009-01-01"

    def test_current_in_an_undocumented_gap_is_a_404_saying_no_chair(self, api, chairs):
        body = api.get("/api/v1/chair-terms/current/?on=2009-12-01").json()
        assert body == {
            "detail": "No chair on record on 2009-12-01.",
            "on": "2009-12-01",
            "vacancy": None,
            "group_ended": None,
        }

    def test_current_defaults_to_today(self, api, db):
        today = datetime.date.today()
        ChairTermFactory(agency=AgencyFactory(slug="now"), start=today, end=today + datetime.timedelta(days=30))
        assert api.get("/api/v1/chair-terms/current/").json()["agency"] == "now"

    @pytest.mark.parametrize(("query", "param"), [("on=2009-02-30", "on"), ("year=20x0", "year"), ("year=0", "year")])
    def test_bad_dates_and_years_are_400s(self, api, chairs, query, param):
        assert param in api.get(f"/api/v1/chair-terms/?{query}").json()

    def test_current_with_a_bad_date_is_a_400(self, api, chairs):
        response = api.get("/api/v1/chair-terms/current/?on=yesterday")
        assert response.status_code == 400
        assert "on" in response.json()


class TestStatements:
    @pytest.fixture
    def statements(self, agencies):
        topic = TopicFactory(slug="rights")
        event = EventFactory(slug="hld-2013")
        a = StatementFactory(slug="a", date=D(2010, 9, 30), kind=m.StatementKind.JOINT)
        a.signatories.add(agencies["iom"], agencies["unfpa"])
        a.topics.add(topic)
        StatementFactory(slug="b", date=D(2013, 10, 3), kind=m.StatementKind.DELIVERED, event=event)
        StatementFactory(slug="c", date=D(2013, 10, 4), language=m.Language.FRENCH)

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("agency=iom", ["a"]),
            ("topic=rights", ["a"]),
            ("kind=delivered", ["b"]),
            ("event=hld-2013", ["b"]),
            ("language=fr", ["c"]),
            ("year=2013", ["b", "c"]),
            ("date_after=2013-10-04", ["c"]),
            ("date_before=2013-10-03", ["a", "b"]),
            ("date_after=2011-01-01&date_before=2013-10-03", ["b"]),
            ("year=2010&agency=unfpa&topic=rights", ["a"]),
            ("search=statement", ["a", "b", "c"]),
        ],
    )
    def test_each_filter(self, api, statements, query, expected):
        assert slugs(api.get(f"/api/v1/statements/?{query}")) == expected

    def test_year_keeps_dates_known_to_the_day_month_or_year_and_nothing_of_the_years_around(self, api, db):
        """`year` reads the stored order (`models.base.in_year`): the edges of the year and partial dates."""
        day, month, year = m.Precision.DAY, m.Precision.MONTH, m.Precision.YEAR
        for slug, date, precision in [
            ("last-day-before", D(2009, 12, 31), day),
            ("first-day", D(2010, 1, 1), day),
            ("december", D(2010, 12, 1), month),
            ("the-year", D(2010, 1, 1), year),
            ("last-day", D(2010, 12, 31), day),
            ("next-year", D(2011, 1, 1), year),
        ]:
            StatementFactory(slug=slug, date=date, date_precision=precision)
        expected = ["december", "first-day", "last-day", "the-year"]
        assert slugs(api.get("/api/v1/statements/?year=2010")) == expected
        assert sorted(m.Statement.objects.filter(date__year=2010).values_list("slug", flat=True)) == expected

    @pytest.mark.parametrize(
        "query", ["agency=nobody", "topic=nothing", "kind=tweet", "event=none", "language=de", "date_after=2013"]
    )
    def test_unknown_values_are_400s(self, api, statements, query):
        response = api.get(f"/api/v1/statements/?{query}")
        assert response.status_code == 400
        assert query.split("=")[0] in response.json()


class TestWorkingGroups:
    def test_active_on_and_agency(self, api, agencies):
        old = WorkingGroupFactory(slug="old", established=D(2006, 1, 1), dissolved=D(2008, 12, 31))
        new = WorkingGroupFactory(slug="new", established=D(2011, 1, 1), dissolved=None)
        WorkingGroupRoleFactory(group=old, agency=agencies["iom"], role=m.Role.CO_CHAIR)
        WorkingGroupRoleFactory(group=new, agency=agencies["unfpa"], role=m.Role.MEMBER)
        assert slugs(api.get("/api/v1/working-groups/?active_on=2007-01-01")) == ["old"]
        assert slugs(api.get("/api/v1/working-groups/?active_on=2015-01-01")) == ["new"]
        assert slugs(api.get("/api/v1/working-groups/?agency=iom")) == ["old"]
        assert slugs(api.get("/api/v1/working-groups/?agency=unfpa")) == ["new"]
        assert slugs(api.get("/api/v1/working-groups/?agency=unfpa&active_on=2007-01-01")) == []
        assert api.get("/api/v1/working-groups/?agency=ghost").status_code == 400


class TestEvents:
    def test_kind_year_agency_and_dates(self, api, agencies):
        organised = EventFactory(slug="organised", kind=m.EventKind.PRINCIPALS, start=D(2007, 5, 1),
                                 organiser=agencies["iom"])  # fmt: skip
        attended = EventFactory(slug="attended", kind=m.EventKind.GFMD, start=D(2009, 11, 4))
        m.Participation.objects.create(event=attended, agency=agencies["unfpa"], level=m.Level.PRINCIPAL)
        assert slugs(api.get("/api/v1/events/?kind=gfmd")) == ["attended"]
        assert slugs(api.get("/api/v1/events/?year=2007")) == ["organised"]
        assert slugs(api.get("/api/v1/events/?agency=iom")) == ["organised"]
        assert slugs(api.get("/api/v1/events/?agency=unfpa")) == ["attended"]
        assert slugs(api.get("/api/v1/events/?date_after=2008-01-01")) == ["attended"]
        assert slugs(api.get("/api/v1/events/?date_before=2008-01-01")) == ["organised"]
        assert organised.pk and api.get("/api/v1/events/?kind=party").status_code == 400


class TestPublications:
    def test_kind_year_agency_and_topic(self, api, agencies):
        topic = TopicFactory(slug="data")
        report = PublicationFactory(slug="report", kind=m.PublicationKind.REPORT, date=D(2008, 1, 1))
        report.lead_agencies.add(agencies["iom"])
        handbook = PublicationFactory(slug="handbook", kind=m.PublicationKind.HANDBOOK, date=D(2010, 1, 1))
        handbook.topics.add(topic)
        assert slugs(api.get("/api/v1/publications/?kind=handbook")) == ["handbook"]
        assert slugs(api.get("/api/v1/publications/?year=2008")) == ["report"]
        assert slugs(api.get("/api/v1/publications/?agency=iom")) == ["report"]
        assert slugs(api.get("/api/v1/publications/?topic=data")) == ["handbook"]
        assert api.get("/api/v1/publications/?year=twenty").status_code == 400


class TestOrdering:
    """A client generated from the schema repeats `ordering`; others join it with commas: one meaning."""

    @pytest.fixture
    def kinds(self, db):
        AgencyFactory(acronym="B1", slug="b1", kind=m.AgencyKind.FUND)
        AgencyFactory(acronym="A1", slug="a1", kind=m.AgencyKind.FUND)
        AgencyFactory(acronym="C1", slug="c1", kind=m.AgencyKind.RELATED)

    def acronyms(self, api, query):
        response = api.get(f"/api/v1/agencies/?{query}")
        assert response.status_code == 200, response.content
        return [a["acronym"] for a in response.json()["results"]]

    def test_repeated_and_comma_separated_ordering_give_the_same_order(self, api, kinds):
        # kind descending (related before fund), then acronym.
        assert self.acronyms(api, "ordering=-kind&ordering=acronym") == ["C1", "A1", "B1"]
        assert self.acronyms(api, "ordering=-kind,acronym") == ["C1", "A1", "B1"]
        assert self.acronyms(api, "ordering=acronym&ordering=-kind") == ["A1", "B1", "C1"]

    def test_a_field_given_twice_or_unknown_in_any_form_is_a_400(self, api, kinds):
        for query in ("ordering=acronym&ordering=-acronym", "ordering=kind,kind", "ordering=kind&ordering=budget"):
            response = api.get(f"/api/v1/agencies/?{query}")
            assert response.status_code == 400, query
            assert "ordering" in response.json()


def test_event_year_means_running_at_any_time_that_year(api, db):
    EventFactory(slug="new-year", start=D(2008, 12, 30), end=D(2009, 1, 2))
    EventFactory(slug="one-day-2008", start=D(2008, 5, 9), end=None)
    assert slugs(api.get("/api/v1/events/?year=2009")) == ["new-year"]
    assert slugs(api.get("/api/v1/events/?year=2008")) == ["new-year", "one-day-2008"]
    assert slugs(api.get("/api/v1/events/?year=2010")) == []  # an event without an end is not ongoing


def test_headquarters_ignores_case_and_body_alone_means_ever_a_member_on_the_site_too(client, agencies):
    def site(params):
        return [a.slug for a in client.get("/agencies/", params).context["paginator"].object_list]

    assert site({"headquarters": "NEW YORK"}) == ["undp", "unfpa"]
    assert site({"body": "geneva"}) == ["iom"]


def test_search_combines_with_a_many_to_many_filter_and_ranks_the_best_match_first(api, agencies):
    first = StatementFactory(slug="about-remittances", title="Remittances", summary="On remittances.")
    second = StatementFactory(slug="mentions-remittances", title="Migration and development", summary="Remittances.")
    for statement in (first, second):
        statement.signatories.add(agencies["iom"], agencies["undp"])
    response = api.get("/api/v1/statements/?search=remittances&agency=iom")
    assert [s["slug"] for s in response.json()["results"]] == ["about-remittances", "mentions-remittances"]
    ordered = api.get("/api/v1/statements/?search=remittances&agency=iom&ordering=title")
    assert [s["slug"] for s in ordered.json()["results"]] == ["mentions-remittances", "about-remittances"]


def _api_filtersets():
    return sorted(
        {view.filterset_class for view in vars(views).values() if getattr(view, "filterset_class", None)},
        key=lambda filterset: filterset.__name__,
    )


@pytest.mark.parametrize("filterset_class", _api_filtersets(), ids=lambda filterset: filterset.__name__)
def test_a_filter_not_given_cleans_to_nothing_so_the_api_may_leave_it_out_of_the_form(db, filterset_class):
    # GivenFiltersBackend builds a form of only the filters a request names: that filters the same only if
    # every filter left out would have cleaned to an empty value (a check box's False would not).
    filterset = filterset_class(data=QueryDict(""), queryset=filterset_class._meta.model.objects.none())
    assert filterset.is_valid(), filterset.errors
    assert {name: value for name, value in filterset.form.cleaned_data.items() if value not in EMPTY_VALUES} == {}


def test_the_api_cleans_only_the_filters_it_is_given_and_still_refuses_a_bad_one(api, agencies):
    class View:
        filterset_class = AgencyFilter

    request = Request(APIRequestFactory().get("/api/v1/agencies/", {"member_on": "2010-06-30"}))
    filterset = GivenFiltersBackend().get_filterset(request, m.Agency.objects.all(), View())
    assert list(filterset.form.fields) == ["member_on"]
    assert isinstance(filterset, AgencyFilter)
    response = api.get("/api/v1/agencies/", {"member_on": "2010-02-30", "kind": "nothing"})
    assert response.status_code == 400
    assert sorted(response.json()) == ["kind", "member_on"]
