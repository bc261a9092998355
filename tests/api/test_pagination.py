"""Pages of 50 by default, at most 200; anything outside that is a 400, never a silent clamp."""

import pytest

from tests.factories import TopicFactory


@pytest.fixture
def topics(db):
    return TopicFactory.create_batch(205)


def test_the_default_page_holds_50_and_links_to_the_next(api, topics):
    body = api.get("/api/v1/topics/").json()
    assert body["count"] == 205
    assert len(body["results"]) == 50
    assert body["previous"] is None
    assert body["next"] == "http://testserver/api/v1/topics/?page=2"


def test_page_size_up_to_200(api, topics):
    body = api.get("/api/v1/topics/?page_size=200&page=2").json()
    assert len(body["results"]) == 5
    assert body["next"] is None


@pytest.mark.parametrize("size", ["201", "0", "-1", "many", "1.5"])
def test_a_page_size_outside_1_to_200_is_a_400_naming_it(api, topics, size):
    response = api.get(f"/api/v1/topics/?page_size={size}")
    assert response.status_code == 400
    assert list(response.json()) == ["page_size"]


def test_a_page_past_the_end_is_a_json_404(api, topics):
    response = api.get("/api/v1/topics/?page=6")
    assert response.status_code == 404
    assert "past the end" in response.json()["detail"]


@pytest.mark.parametrize("page", ["0", "first", "-3"])
def test_a_page_that_is_not_a_positive_number_is_a_400(api, topics, page):
    response = api.get(f"/api/v1/topics/?page={page}")
    assert response.status_code == 400
    assert "page" in response.json()


def test_pages_do_not_overlap(api, topics):
    first = api.get("/api/v1/topics/?page_size=100&ordering=updated_at").json()["results"]
    second = api.get("/api/v1/topics/?page_size=100&ordering=updated_at&page=2").json()["results"]
    assert not {t["id"] for t in first} & {t["id"] for t in second}
