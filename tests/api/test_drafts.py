"""Drafts exist only for authenticated users allowed to view them: anonymous clients never see one."""

import pytest

from tests.factories import PublicationFactory, StatementFactory


@pytest.fixture
def drafts(db):
    StatementFactory(slug="public", title="Published migration statement")
    StatementFactory(slug="secret", title="Draft migration statement", draft=True)
    PublicationFactory(slug="unpublished-report", draft=True)


def test_an_anonymous_list_search_and_csv_show_no_drafts(api, drafts):
    assert [s["slug"] for s in api.get("/api/v1/statements/").json()["results"]] == ["public"]
    assert api.get("/api/v1/statements/?search=draft").json()["count"] == 0
    assert b"secret" not in api.get("/api/v1/statements/?format=csv").content
    assert api.get("/api/v1/publications/").json()["count"] == 0


def test_an_anonymous_detail_of_a_draft_is_a_404(api, drafts):
    assert api.get("/api/v1/statements/secret/").status_code == 404
    assert api.get("/api/v1/publications/unpublished-report/").status_code == 404


def test_a_scheduled_statement_is_not_public_before_its_time(api, db):
    import datetime

    from django.utils import timezone

    StatementFactory(slug="tomorrow", published_at=timezone.now() + datetime.timedelta(days=1))
    assert api.get("/api/v1/statements/tomorrow/").status_code == 404


def test_an_editor_sees_drafts_in_list_search_detail_and_csv(as_user, editor, drafts):
    client = as_user(editor)
    assert {s["slug"] for s in client.get("/api/v1/statements/").json()["results"]} == {"public", "secret"}
    assert client.get("/api/v1/statements/?search=draft").json()["count"] == 1
    assert client.get("/api/v1/statements/secret/").json()["status"] == "draft"
    assert b"secret" in client.get("/api/v1/statements/?format=csv").content


def test_a_user_without_a_role_sees_only_what_the_public_sees(as_user, stranger, drafts):
    assert as_user(stranger).get("/api/v1/statements/secret/").status_code == 404
