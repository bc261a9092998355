"""Who reads a statement where: every role × every surface × every state, from one table.

The table below is the whole rule. A statement signed by the OWN agency is put in each state;
each role then looks for it on every surface, and the test compares what it got (status code,
title present or not) with what the table says, surface by surface.
"""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from registry import models as m
from registry import services
from tests.factories import StatementFactory

STATES = ["draft", "in_review", "scheduled", "published", "withdrawn"]
ROLES = ["anonymous", "focal_point_of_signatory", "focal_point_of_other_agency", "editor", "publisher"]

# THE TABLE: which states of a statement its agency signs each role may read.
READS = {
    "anonymous": {"published"},
    "focal_point_of_signatory": set(STATES),
    "focal_point_of_other_agency": {"published"},
    "editor": set(STATES),
    "publisher": set(STATES),
}
# Lists, search, the feed and the sitemap are the public's view for everyone who looks.
PUBLIC_VIEW = {"list", "search", "feed", "sitemap"}
# Deleted records (the recover list) are the secretariat's and the signing agency's.
RECOVERS = {"focal_point_of_signatory", "editor", "publisher"}
ADMIN = {"admin change", "history", "compare", "recover"}
SURFACES = [
    "public page", "list", "search", "feed", "sitemap", "admin change", "history", "compare", "recover",
    "API detail", "API list", "API search", "CSV",
]  # fmt: skip

WORD = "Quokkaword"  # in every title, so that search finds it and nothing else


def expected(role, state, surface):
    """(status code, title shown) that `role` must get for a statement in `state` on `surface`."""
    if surface in ADMIN and role == "anonymous":
        return 302, False  # to the login page
    if surface == "recover":
        return 200, role in RECOVERS
    reads = state in READS[role]
    if surface in PUBLIC_VIEW:
        return 200, state == "published"
    if surface in ("public page", "API detail", "admin change", "history", "compare"):
        return (200, True) if reads else (404, False)
    return 200, reads  # API list, API search, CSV


def _state(state):
    now = timezone.now()
    return {
        "draft": {"status": m.Status.DRAFT, "published_at": None},
        "in_review": {"status": m.Status.IN_REVIEW, "published_at": None},
        "scheduled": {"status": m.Status.PUBLISHED, "published_at": now + datetime.timedelta(days=3)},
        "published": {"status": m.Status.PUBLISHED, "published_at": now - datetime.timedelta(days=3)},
        "withdrawn": {"status": m.Status.WITHDRAWN, "published_at": now - datetime.timedelta(days=3)},
    }[state]


@pytest.fixture
def users(editor, publisher, focal_point, other_agency, django_user_model):
    other = django_user_model.objects.create_user("frank", "frank@example.org", "password", is_staff=True)
    other.groups.add(Group.objects.get(name="Agency focal point"))
    m.Profile.objects.create(user=other, agency=other_agency)
    return {
        "anonymous": None,
        "focal_point_of_signatory": focal_point,
        "focal_point_of_other_agency": other,
        "editor": editor,
        "publisher": publisher,
    }


@pytest.fixture
def no_throttling(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}


def statement_in(state, own_agency, writer, title):
    statement = StatementFactory(title=title, **_state(state))
    statement.signatories.add(own_agency)
    # Two revisions, so that there is something to compare (a Publisher's: an Editor's edit of a
    # published statement would only be a pending change).
    services.save(obj=statement, user=writer, comment="First.")
    statement.summary = "Changed."
    services.save(obj=statement, user=writer, comment="Second.")
    return statement


def observe(client, statement, deleted_title):
    versions = list(Version.objects.get_for_object(statement).order_by("pk").values_list("pk", flat=True))
    compare = reverse("admin:registry_statement_compare", args=[statement.pk])
    urls = {
        "public page": statement.get_absolute_url(),
        "list": reverse("site:statements"),
        "search": reverse("site:search") + f"?q={WORD}",
        "feed": reverse("site:statement-feed"),
        "sitemap": reverse("site:sitemap-section", kwargs={"section": "statements"}),
        "admin change": reverse("admin:registry_statement_change", args=[statement.pk]),
        "history": reverse("admin:registry_statement_history", args=[statement.pk]),
        "compare": f"{compare}?from={versions[0]}&to={versions[-1]}",
        "recover": reverse("admin:registry_statement_recoverlist"),
        "API detail": f"/api/v1/statements/{statement.slug}/",
        "API list": "/api/v1/statements/?page_size=200",
        "API search": f"/api/v1/statements/?search={WORD}",
        "CSV": "/api/v1/statements/?format=csv",
    }
    seen = {}
    for surface, url in urls.items():
        response = client.get(url)
        text = response.content.decode()
        # The sitemap names records by address, not by title.
        needle = statement.get_absolute_url() if surface == "sitemap" else statement.title
        if surface == "recover":
            needle = deleted_title
        seen[surface] = (response.status_code, needle in text)
    return seen


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_each_role_reads_exactly_what_the_table_says_on_every_surface(
    role, state, users, own_agency, editor, no_throttling
):
    statement = statement_in(state, own_agency, users["publisher"], f"{WORD} statement, {state}")
    deleted = statement_in(state, own_agency, users["publisher"], f"Deleted {state} statement")
    services.delete(obj=deleted, user=editor)
    client = Client()
    if users[role] is not None:
        client.force_login(users[role])

    seen = observe(client, statement, deleted.title)

    assert seen == {surface: expected(role, state, surface) for surface in SURFACES}


def test_the_table_keeps_drafts_from_the_public_and_other_agencies():
    """The table itself, read back: a guard against editing it into something that cannot fail."""
    assert READS["anonymous"] == READS["focal_point_of_other_agency"] == {"published"}
    assert expected("anonymous", "scheduled", "public page") == (404, False)
    assert expected("focal_point_of_other_agency", "draft", "compare") == (404, False)
    assert expected("focal_point_of_other_agency", "draft", "recover") == (200, False)
    assert expected("editor", "draft", "list") == (200, False)
