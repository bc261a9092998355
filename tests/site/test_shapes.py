"""A query's SQL made once per shape (registry.shapes.compiled) gives what the query built anew gives: the same
records or rows, in the same order, for every agency, language and time; shapes whose SQL depends on more than
their values are not kept."""

import datetime

import pytest
import time_machine
from django.db.models import Count, Window
from django.utils import timezone, translation

from registry import shapes
from registry.models import Agency, Event, Membership, Statement, Status, WorkingGroupRole
from registry.models.base import in_date_range
from registry.views.agencies import EVENT_COLUMNS, STATEMENT_COLUMNS
from tests.factories import AgencyFactory, MembershipFactory, StatementFactory


@pytest.fixture
def kept():
    shapes._shapes.clear()
    yield shapes._shapes
    shapes._shapes.clear()


def memberships(pk):
    return Membership.objects.published().filter(agency=pk)


def roles(pk):
    return WorkingGroupRole.objects.published().filter(agency=pk).select_related("group")


def signed(pk):
    statements = Statement.objects.published().filter(signatories=pk).chronological(descending=True)
    return statements.only(*STATEMENT_COLUMNS).annotate(in_all=Window(Count("*")))[:3]


def events(pk):
    involved = Event.objects.published().involving(Agency(pk=pk)).chronological("start", descending=True)
    return involved.only(*EVENT_COLUMNS)


def names(pk):
    return Agency.objects.filter(pk=pk).values_list("acronym", "name", "slug", named=True)


def fields(records):
    """Every field of each record as read (deferred ones left out), and its annotations."""
    return [(type(r).__name__, {k: v for k, v in vars(r).items() if not k.startswith("_")}) for r in records]


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_a_kept_shape_gives_what_the_query_gives_for_every_agency(world, kept, language):
    with translation.override(language):
        for make in (memberships, roles, signed, events, names):
            for agency in Agency.objects.order_by("pk"):
                expected = list(make(agency.pk))
                if make in (roles,):
                    got = shapes.compiled(WorkingGroupRole, "test", make, [agency.pk])
                    assert [(r.pk, r.group.name) for r in got] == [(r.pk, r.group.name) for r in expected]
                    continue
                model = expected[0]._meta.model if expected and hasattr(expected[0], "_meta") else Agency
                got = shapes.compiled(model, ("test", make.__name__), make, [agency.pk])
                if make is names:
                    assert got == expected
                    assert [row._fields for row in got] == [row._fields for row in expected]
                else:
                    assert fields(got) == fields(expected), (make.__name__, agency.slug)
    kept_shapes = [shape for shape in kept.shapes.values() if shape is not shapes._NEVER]
    assert len(kept_shapes) >= 4


def test_the_agency_page_keeps_every_shape_it_makes(client, world, kept):
    client.get("/agencies/unhcr/")
    assert kept.shapes and shapes._NEVER not in kept.shapes.values()
    first = client.get("/agencies/unhcr/").content
    assert client.get("/fr/agencies/ohchr/").status_code == 200
    shapes._shapes.clear()
    assert client.get("/agencies/unhcr/").content == first  # compiled anew: the same page


def test_a_shape_keeps_no_time_a_scheduled_record_shows_once_it_is_due(world, kept):
    agency = AgencyFactory(acronym="ZZZ", slug="zzz")
    noon = timezone.now().replace(microsecond=0) + datetime.timedelta(days=1)
    MembershipFactory(agency=agency, status=Status.PUBLISHED, published_at=noon)
    with time_machine.travel(noon - datetime.timedelta(seconds=1), tick=False):
        assert shapes.compiled(Membership, "t", memberships, [agency.pk]) == []  # makes the shape
        assert shapes.compiled(Membership, "t", memberships, [agency.pk]) == []
    with time_machine.travel(noon, tick=False):
        assert len(shapes.compiled(Membership, "t", memberships, [agency.pk])) == 1
    assert [shapes._NOW in shape.slots for shape in kept.shapes.values()] == [True]


def test_a_value_the_query_derives_from_is_not_kept(world, kept):
    """`in_date_range` computes bounds from its dates: the shape would keep the first ones, so it is not kept,
    and each query is built anew with its own."""
    StatementFactory(date=datetime.date(2010, 5, 5))

    def during(first, last):
        return Statement.objects.published().filter(in_date_range("date", first, last)).order_by("pk")

    for first, last in [(datetime.date(2010, 1, 1), datetime.date(2010, 12, 31)),
                        (datetime.date(2011, 1, 1), datetime.date(2011, 12, 31))]:  # fmt: skip
        assert shapes.compiled(Statement, "t", during, [first, last]) == list(during(first, last))
    assert list(kept.shapes.values()) == [shapes._NEVER]


def test_a_date_value_is_filled_as_the_database_takes_it(world, kept):
    def after(day):
        return Statement.objects.published().filter(date__gte=day).order_by("pk").values_list("pk", flat=True)

    for day in (datetime.date(2005, 1, 1), datetime.date(2012, 6, 30), datetime.date(2030, 1, 1)):
        assert shapes.compiled(Statement, "t", after, [day]) == list(after(day))
    assert [shape is not shapes._NEVER for shape in kept.shapes.values()] == [True]


def test_other_values_are_not_shaped(world, kept):
    assert shapes.compiled(Membership, "t", lambda pk: memberships(pk), [None]) == []
    assert not kept.shapes


def test_the_shapes_kept_are_bounded(world, kept, monkeypatch):
    monkeypatch.setattr(kept, "size", 2)
    for key in range(5):
        shapes.compiled(Membership, key, memberships, [1])
    assert len(kept.shapes) == 2


def test_the_agency_page_finds_each_agency_by_its_own_slug_and_no_other(client, world, kept):
    assert b"UNHCR" in client.get("/agencies/unhcr/").content
    page = client.get("/agencies/ohchr/").content.decode()
    assert "<h1><span>Office of the High Commissioner for Human Rights</span>" in page
    assert client.get("/agencies/no-such-agency/").status_code == 404
    assert client.get("/agencies/UNHCR/").status_code == 404  # as DetailView: the slug as written


def test_the_menu_shows_a_page_added_to_it_on_the_next_render(client, world, kept):
    from tests.factories import PageFactory

    client.get("/agencies/")
    PageFactory(title="Zanzibar notes", slug="zanzibar", show_in_menu=True, status=Status.PUBLISHED,
                published_at=timezone.now() - datetime.timedelta(minutes=1))  # fmt: skip
    assert b"Zanzibar notes" in client.get("/agencies/").content


def test_the_statements_during_terms_are_those_of_each_agencys_own_terms(world, kept):
    from registry.views.agencies import during_values, statements_during, statements_during_values, terms_held

    for start in (datetime.date(2007, 3, 1), datetime.date(2009, 7, 31), datetime.date(2014, 1, 1)):
        StatementFactory(date=start)
    checked = 0
    for agency in Agency.objects.order_by("pk"):
        terms = terms_held(agency)
        for held in (terms, terms[:1], terms[1:]):
            got = shapes.compiled(Statement, ("t", len(held)), statements_during_values, during_values(held))
            assert [s.pk for s in got] == [s.pk for s in statements_during(held)]
            checked += bool(got)
    assert checked
    assert shapes._NEVER not in [shape for key, shape in kept.shapes.items() if key[2]]


def test_an_agencys_sources_are_its_own(client, world, kept):
    from registry.views.agencies import sources_of

    for agency in Agency.objects.order_by("pk"):
        assert [s.pk for s in sources_of(agency)] == [s.pk for s in agency.sources.all()]
    assert shapes._NEVER not in kept.shapes.values()


def test_the_totals_beside_named_count_each_totals_own_date_and_body(world, kept):
    from registry.models import Body, Precision, ReportedTotal
    from registry.models.agencies import agencies_counted_between, count_named

    periods = list(Membership.objects.published().counted_periods())
    for day, precision, body in [
        (datetime.date(2010, 6, 30), Precision.DAY, Body.GMG),
        (datetime.date(2015, 1, 1), Precision.YEAR, Body.GMG),
        (datetime.date(2006, 1, 1), Precision.YEAR, Body.GENEVA),
        (datetime.date(2003, 5, 1), Precision.MONTH, Body.GMG),
    ]:
        total = ReportedTotal(date=day, date_precision=precision, body=body, total=3)
        (counted,) = count_named([total])  # the same shape each time: one total of one body
        assert counted.named_on_date == len(agencies_counted_between(periods, *total.period, body))
    assert shapes._NEVER not in kept.shapes.values()
