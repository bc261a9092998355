def test_healthz_answers_without_touching_the_database(client):
    # No db fixture: pytest-django raises on any database access, so passing proves there was none.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_refuses_writes(client):
    assert client.post("/healthz").status_code == 405
