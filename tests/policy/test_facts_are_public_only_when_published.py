"""A membership, chair term, vacancy or working-group role is public only once published: each kind ×
each workflow state × every public surface, from one table, and staff still find the unpublished ones.

Every fact carries a word found nowhere else; a surface "shows" it when its response holds the word
(or, for answers that are not text — a member count, the chair on a date — when the answer names it).
"""

import datetime
import json

import pytest
from django.urls import reverse

from registry import models as m
from registry.opendata import tables
from tests import factories as f
from tests.editorial.conftest import admin_url

pytestmark = pytest.mark.django_db

D = datetime.date
STATES = ["draft", "in_review", "published", "withdrawn"]
KINDS = ["membership", "chair term", "vacancy", "role"]
WORD = {"membership": "Wombatmember", "chair term": "Wombatchair", "vacancy": "Wombatvacancy", "role": "Wombatrole"}

# THE TABLE: the public surfaces on which each kind of fact appears once it is published.
SURFACES = {
    "membership": [
        "agency page", "agency list", "member on (site)", "member on (API)", "members_on", "API list", "API detail",
        "API agency", "CSV", "search", "open data",
    ],
    "chair term": [
        "agency page", "chairs page", "chair gaps", "current chair (API)", "statement's chair (API)", "home page",
        "API list",
        "API detail", "CSV", "search", "open data",
    ],
    "vacancy": ["chairs page", "chair gaps", "current chair (API)", "search", "open data"],
    "role": ["agency page", "working group page", "working group list", "API working group", "group by agency (API)",
             "open data"],
}  # fmt: skip


def _state(state):
    past = f.FACT_PUBLISHED_AT  # long ago, so that the home page seen in 2010 finds it public
    return {
        "draft": {"status": m.Status.DRAFT, "published_at": None},
        "in_review": {"status": m.Status.IN_REVIEW, "published_at": None},
        "published": {"status": m.Status.PUBLISHED, "published_at": past},
        "withdrawn": {"status": m.Status.WITHDRAWN, "published_at": past},
    }[state]


@pytest.fixture
def world():
    """An agency (ZRL) known to the public only through the fact under test, a chair rotation with a
    gap in the second half of 2010, and a working group and a statement dated in that gap."""
    zrl = f.AgencyFactory(acronym="ZRL", slug="zrl", name="Zorilla Agency")
    f.ChairTermFactory(start=D(2010, 1, 1), end=D(2010, 6, 30))
    f.ChairTermFactory(start=D(2011, 1, 1), end=D(2011, 6, 30))
    group = f.WorkingGroupFactory(name="Group on data", slug="data")
    statement = f.StatementFactory(slug="in-the-gap", date=D(2010, 9, 1))
    return {"agency": zrl, "group": group, "statement": statement}


def make(kind, state, world):
    fields = {**_state(state), "sourced": True}
    agency = world["agency"]
    if kind == "membership":
        return f.MembershipFactory(agency=agency, start=D(2010, 1, 1), note=WORD[kind], **fields)
    if kind == "chair term":
        return f.ChairTermFactory(agency=agency, start=D(2010, 7, 1), end=D(2010, 12, 31), note=WORD[kind], **fields)
    if kind == "vacancy":
        return f.ChairVacancyFactory(start=D(2010, 7, 1), end=D(2010, 12, 31), note=WORD[kind], **fields)
    return f.WorkingGroupRoleFactory(group=world["group"], agency=agency, role=m.Role.CO_CHAIR, **fields)


def shows(client, surface, kind, fact, world):
    """Whether `surface` (as the anonymous public sees it) shows `fact`."""
    word = WORD[kind] if kind != "role" else "ZRL"
    zrl = world["agency"]

    def page(url):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return word in response.content.decode()

    def api(url):
        response = client.get(url)
        assert response.status_code in (200, 404), (url, response.status_code)
        return word in response.content.decode()

    if surface == "agency page":
        if kind == "role":
            return world["group"].name in client.get(zrl.get_absolute_url()).content.decode()
        return page(zrl.get_absolute_url())
    if surface == "agency list":
        return "Member:" in _agency_list_entry(client)
    if surface == "member on (site)":
        return "Zorilla" in client.get(reverse("site:agencies") + "?member_on=2010-09-01").content.decode()
    if surface == "member on (API)":
        return "zrl" in _slugs(client.get("/api/v1/agencies/?member_on=2010-09-01"))
    if surface == "members_on":
        return m.Agency.objects.members_on(D(2010, 9, 1)).filter(pk=zrl.pk).exists()
    if surface == "chairs page":
        return page(reverse("site:chairs"))
    if surface == "chair gaps":
        gaps = m.ChairTerm.objects.published().gaps()
        gap = [g for g in gaps if g.start == D(2010, 7, 1)]
        return (not gap) if kind == "chair term" else bool(gap and gap[0].documented)
    if surface == "current chair (API)":
        body = client.get("/api/v1/chair-terms/current/?on=2010-09-01").json()
        return "zrl" in body.get("holders", []) if kind == "chair term" else bool(body.get("vacancy"))
    if surface == "home page":
        import time_machine

        with time_machine.travel("2010-09-01 12:00 +0000"):
            html = client.get(reverse("site:home")).content.decode()
        return "Current chair" in html and "(ZRL)" in html
    if surface == "statement's chair (API)":
        chair = client.get("/api/v1/statements/in-the-gap/").json()["chair"]
        return chair is not None and "zrl" in chair["holders"]
    resource = {"membership": "memberships", "chair term": "chair-terms"}.get(kind)
    if surface == "API list":
        return api(f"/api/v1/{resource}/?page_size=200")
    if surface == "API detail":
        return api(f"/api/v1/{resource}/{fact.pk}/")
    if surface == "API agency":
        return fact.pk in [row["id"] for row in client.get("/api/v1/agencies/zrl/").json()["memberships"]]
    if surface == "CSV":
        return api(f"/api/v1/{resource}/?format=csv")
    if surface == "search":
        response = client.get(reverse("site:search") + f"?q={word}")
        return any(word in str(hit.title) or word in str(hit.snippet) for hit in response.context["hits"])
    if surface == "open data":
        read = tables.read_tables()
        if kind == "role":
            return any(row["agency"] == "zrl" for row in read["working_group_roles"])
        return word in json.dumps(read, default=str)
    if surface == "working group page":
        return page(world["group"].get_absolute_url())
    if surface == "working group list":
        return "Co-chairs: ZRL" in " ".join(client.get(reverse("site:working-groups")).content.decode().split())
    if surface == "API working group":
        return "zrl" in [role["agency"] for role in client.get("/api/v1/working-groups/data/").json()["roles"]]
    if surface == "group by agency (API)":
        return "data" in _slugs(client.get("/api/v1/working-groups/?agency=zrl"))
    raise AssertionError(surface)


def _agency_list_entry(client):
    html = client.get(reverse("site:agencies")).content.decode()
    start = html.index("Zorilla")
    return html[start : start + 600]


def _slugs(response):
    assert response.status_code == 200, response.content
    return [row["slug"] for row in response.json()["results"]]


CASES = [(kind, surface) for kind in KINDS for surface in SURFACES[kind]]


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize(("kind", "surface"), CASES, ids=[f"{k}: {s}" for k, s in CASES])
def test_the_public_sees_a_fact_on_every_surface_exactly_when_it_is_published(client, world, kind, surface, state):
    fact = make(kind, state, world)
    assert shows(client, surface, kind, fact, world) is (state == "published")


@pytest.mark.parametrize("kind", KINDS)
def test_staff_find_an_unpublished_fact_in_the_admin_and_the_api(client, editor, world, kind):
    fact = make(kind, "draft", world)
    client.force_login(editor)
    response = client.get(admin_url(fact, "change"))
    assert response.status_code == 200
    assert "Status: <strong>Draft</strong>" in response.content.decode()
    assert str(fact) in client.get(admin_url(type(fact), "changelist") + "?status=draft").content.decode()
    resource = {"membership": "memberships", "chair term": "chair-terms"}.get(kind)
    if resource:
        detail = client.get(f"/api/v1/{resource}/{fact.pk}/")
        assert (detail.status_code, detail.json()["status"]) == (200, "draft")
        assert client.get(f"/api/v1/{resource}/{fact.pk}/").json()["published_at"] is None


@pytest.mark.parametrize("kind", ["membership", "chair term"])
def test_the_api_gives_the_public_a_published_facts_status_like_a_statements(client, world, kind):
    fact = make(kind, "published", world)
    resource = {"membership": "memberships", "chair term": "chair-terms"}[kind]
    body = client.get(f"/api/v1/{resource}/{fact.pk}/").json()
    assert body["status"] == "published"
    assert body["published_at"] is not None
