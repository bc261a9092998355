"""Every write goes through registry.services, which checks the permission on the final state."""

import pytest
from reversion.models import Revision

from registry import models as m
from registry import services
from tests.factories import StatementFactory

pytestmark = pytest.mark.usefixtures("no_throttling")


@pytest.fixture
def no_throttling(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}


def test_a_focal_point_cannot_create_a_statement_signed_only_by_another_agency(as_user, focal_point, other_agency):
    response = as_user(focal_point).post(
        "/api/v1/statements/",
        {"title": "Not ours", "date": "2010-09-30", "signatories": ["other"]},
        format="json",
    )

    assert response.status_code == 403
    assert "OWN" in response.json()["detail"]
    assert not m.Statement.objects.filter(title="Not ours").exists()


def test_a_focal_point_cannot_patch_their_draft_to_name_only_another_agency(
    as_user, focal_point, own_agency, other_agency
):
    draft = StatementFactory(draft=True, slug="ours")
    draft.signatories.add(own_agency)

    response = as_user(focal_point).patch("/api/v1/statements/ours/", {"signatories": ["other"]}, format="json")

    assert response.status_code == 403
    assert list(draft.signatories.values_list("slug", flat=True)) == ["own"]


def test_a_focal_point_creates_a_statement_their_agency_signs(as_user, focal_point, own_agency):
    response = as_user(focal_point).post(
        "/api/v1/statements/",
        {"title": "Ours", "date": "2010-09-30", "signatories": ["own"]},
        format="json",
    )

    assert response.status_code == 201
    assert m.Statement.objects.get(slug="ours").signatories.get().slug == "own"


def test_the_location_of_a_created_record_is_a_plain_string(as_user, editor):
    response = as_user(editor).post("/api/v1/topics/", {"name": "Climate and migration"}, format="json")

    assert response.status_code == 201
    # A str subclass (DRF's Hyperlink) is what WSGI servers may refuse as a header value.
    assert type(response.headers["Location"]) is str
    assert response.headers["Location"] == "http://testserver/api/v1/topics/climate-and-migration/"


def test_a_refused_status_change_on_create_leaves_nothing_behind(as_user, editor):
    response = as_user(editor).post(
        "/api/v1/statements/", {"title": "Straight out", "date": "2010-09-30", "status": "published"}, format="json"
    )

    assert response.status_code == 403
    assert not m.Statement.objects.filter(title="Straight out").exists()


def test_a_save_with_a_status_change_is_one_revision(as_user, editor):
    before = Revision.objects.count()

    response = as_user(editor).post(
        "/api/v1/statements/", {"title": "For review", "date": "2010-09-30", "status": "in_review"}, format="json"
    )

    assert response.status_code == 201
    assert response.json()["status"] == "in_review"
    assert Revision.objects.count() == before + 1


def test_services_save_refuses_a_final_state_the_user_may_not_leave(focal_point, own_agency, other_agency):
    draft = StatementFactory(draft=True, title="Ours")
    draft.signatories.add(own_agency)
    draft.title = "Theirs now"

    with pytest.raises(services.PermissionDenied):
        services.save(obj=draft, user=focal_point, m2m={"signatories": [other_agency]})

    draft.refresh_from_db()
    assert draft.title == "Ours"
    assert list(draft.signatories.all()) == [own_agency]


def test_a_published_translation_does_not_give_away_its_draft_original(api_client_factory, editor):
    original = StatementFactory(draft=True, slug="secret-original", language="en")
    StatementFactory(slug="published-translation", language="fr", translation_of=original)

    anonymous = api_client_factory(None)
    detail = anonymous.get("/api/v1/statements/published-translation/")
    csv = anonymous.get("/api/v1/statements/?format=csv").content.decode()
    as_editor = api_client_factory(editor).get("/api/v1/statements/published-translation/")

    assert detail.status_code == 200
    assert detail.json()["translation_of"] is None
    assert "secret-original" not in csv
    assert "published-translation" in csv
    assert as_editor.json()["translation_of"] == "secret-original"


def test_a_client_may_not_name_an_original_it_cannot_read(as_user, focal_point, own_agency):
    StatementFactory(draft=True, slug="other-draft", language="en")

    response = as_user(focal_point).post(
        "/api/v1/statements/",
        {"title": "Traduction", "date": "2010-09-30", "language": "fr", "signatories": ["own"],
         "translation_of": "other-draft"},
        format="json",
    )  # fmt: skip

    assert response.status_code == 400
    assert "translation_of" in response.json()


@pytest.fixture
def api_client_factory(as_user):
    from rest_framework.test import APIClient

    return lambda user: APIClient() if user is None else as_user(user)


def test_the_locked_query_of_a_focal_point_has_no_distinct(focal_point, own_agency, other_agency):
    both = StatementFactory(draft=True)
    both.signatories.add(own_agency, other_agency)

    visible = m.Statement.objects.visible_to(focal_point).select_for_update()

    assert visible.query.distinct is False
    assert [s.pk for s in visible] == [both.pk]  # once, though it has two signatories
