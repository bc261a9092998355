"""A write that fails part-way leaves nothing behind: the record, its links and its revision go together."""

import pytest
import reversion.revisions
from reversion.models import Revision

from registry.models import ApiToken, Statement
from tests.factories import AgencyFactory


@pytest.fixture
def revisions_fail(monkeypatch):
    """The last step of every write (recording the revision) fails, after the record and its links are saved."""

    def fail(*args, **kwargs):
        raise RuntimeError("revision store failed")

    monkeypatch.setattr(reversion.revisions, "_save_revision", fail)


def test_an_api_write_that_fails_after_its_first_rows_saves_nothing(client, editor, revisions_fail):
    AgencyFactory(acronym="ILO", slug="ilo")
    AgencyFactory(acronym="IOM", slug="iom")
    key = ApiToken.objects.create_for(editor)[1]
    client.raise_request_exception = False
    response = client.post(
        "/api/v1/statements/",
        {"title": "On return", "kind": "joint", "date": "2012-05-01", "signatories": ["ilo", "iom"]},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {key}",
    )
    assert response.status_code == 500
    assert response.json()["detail"] == "Internal error; it has been logged."
    assert not Statement.objects.exists()
    assert not Statement.signatories.through.objects.exists()
    assert not Revision.objects.exists()


def test_the_same_write_succeeds_when_nothing_fails(client, editor):
    AgencyFactory(acronym="ILO", slug="ilo")
    AgencyFactory(acronym="IOM", slug="iom")
    key = ApiToken.objects.create_for(editor)[1]
    response = client.post(
        "/api/v1/statements/",
        {"title": "On return", "kind": "joint", "date": "2012-05-01", "signatories": ["ilo", "iom"]},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {key}",
    )
    assert response.status_code == 201, response.json()
    assert sorted(Statement.objects.get().signatories.values_list("slug", flat=True)) == ["ilo", "iom"]
    assert Revision.objects.count() == 1
