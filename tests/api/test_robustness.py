"""Whatever a client sends, the answer is a 4xx with a JSON body naming the problem, never a 500."""

import pytest

from tests.factories import AgencyFactory, StatementFactory


@pytest.fixture
def data(db):
    StatementFactory(slug="s").signatories.add(AgencyFactory(slug="iom"))


@pytest.mark.parametrize(
    ("path", "param"),
    [
        ("statements/?search=%00", "search"),
        ("statements/?agency=io%00m", "agency"),
        ("agencies/?headquarters=Gen%00eva", "headquarters"),
        ("statements/?se%00arch=x", "se\\0arch"),
        ("statements/?search=" + "a " * 150, "search"),
        ("statements/?date_after=99999-01-01", "date_after"),
        ("statements/?date_after=2010-02-30", "date_after"),
        ("statements/?year=10000", "year"),
        ("statements/?year=-5", "year"),
        ("chair-terms/?on=%F0%9F%92%A5", "on"),
        ("statements/?ordering=-", "ordering"),
    ],
)
def test_bad_query_values_are_400s_naming_the_parameter(api, data, path, param):
    response = api.get(f"/api/v1/{path}")
    assert response.status_code == 400, response.content
    assert param in response.json()


@pytest.mark.parametrize(
    "path",
    [
        "agencies/%00/",
        "agencies/iom%00/",
        "memberships/99999999999999999999999999/",
        "chair-terms/abc/",
        "statements/" + "x" * 5000 + "/",
        "statements/s/?format=xml",
        "statements/?page=99999999999999999999999",
        "working-groups/a%0Ab/",
    ],
)
def test_odd_addresses_are_json_404s(api, data, path):
    response = api.get(f"/api/v1/{path}")
    assert response.status_code == 404
    assert response.json()["detail"]


def test_a_long_search_that_is_allowed_still_answers(api, data):
    response = api.get("/api/v1/statements/?search=" + "migration " * 19)
    assert response.status_code == 200


def test_unicode_search_is_fine(api, data):
    assert api.get("/api/v1/statements/?search=移民 émigré").status_code == 200


def test_an_unknown_parameter_is_ignored(api, data):
    assert api.get("/api/v1/statements/?colour=blue").json()["count"] == 1


def test_writes_with_a_nul_byte_or_an_over_long_value_are_400s(as_user, editor):
    client = as_user(editor)
    for body, field in [
        ({"title": "A\x00B", "date": "2010-01-01"}, "title"),
        ({"title": "T" * 301, "date": "2010-01-01"}, "title"),
        ({"title": "T", "date": "2010-02-30"}, "date"),
        ({"title": "T", "date": "2010-01-01", "signatories": ["nobody"]}, "signatories"),
        ({"title": "T", "date": "2010-01-01", "signatories": "iom"}, "signatories"),
        ({"title": "T", "date": "2010-01-01", "language": "de"}, "language"),
    ]:
        response = client.post("/api/v1/statements/", body, format="json")
        assert response.status_code == 400, (body, response.content)
        assert field in response.json()


def test_a_json_body_that_is_not_an_object_is_a_400(as_user, editor):
    response = as_user(editor).post("/api/v1/agencies/", [1, 2], format="json")
    assert response.status_code == 400


def test_a_form_encoded_write_is_a_415(as_user, editor):
    response = as_user(editor).post("/api/v1/agencies/", {"acronym": "X"})
    assert response.status_code == 415


def test_an_unexpected_error_is_still_json(api, data, monkeypatch):
    from registry.api import views

    def explode(self, request, *args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(views.AgencyViewSet, "list", explode)
    response = api.get("/api/v1/agencies/")
    assert response.status_code == 500
    assert response.json() == {"detail": "Internal error; it has been logged."}
