"""Public pages are cacheable for anonymous visitors; nothing rendered for a signed-in user is."""

import pytest


@pytest.mark.parametrize(
    "url", ["/", "/agencies/", "/agencies/unhcr/", "/chairs/", "/statements/", "/search/?q=unhcr",
            "/statements/feed/", "/events/feed.ics", "/sitemap.xml", "/robots.txt", "/history/"],
)  # fmt: skip
def test_anonymous_visitors_get_a_publicly_cacheable_page(client, world, settings, url):
    response = client.get(url)
    assert response.status_code == 200
    assert f"max-age={settings.PUBLIC_CACHE_SECONDS}" in response["Cache-Control"]
    assert "public" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]


def test_signed_in_users_get_private_uncached_pages(client, world, editor):
    client.force_login(editor)
    response = client.get("/agencies/unhcr/")
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]
