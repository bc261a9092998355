"""Drafts stay out of every public place; staff who may see drafts preview them, uncached and bannered."""

import feedparser
import pytest
from django.urls import reverse

from tests.sitemap import sitemap_locs

DRAFT_PAGES = [
    ("site:statement", "secret-draft"),
    ("site:publication", "unfinished-handbook"),
    ("site:page", "hidden"),
]


@pytest.mark.parametrize(("name", "slug"), DRAFT_PAGES)
def test_an_anonymous_visitor_gets_404_for_a_draft(client, world, name, slug):
    assert client.get(reverse(name, kwargs={"slug": slug})).status_code == 404


@pytest.mark.parametrize(("name", "slug"), DRAFT_PAGES)
def test_an_editor_previews_a_draft_with_a_banner_and_no_caching(client, world, editor, name, slug):
    client.force_login(editor)
    response = client.get(reverse(name, kwargs={"slug": slug}))
    assert response.status_code == 200
    assert "Draft — not public." in response.content.decode()
    cache = response["Cache-Control"]
    assert "no-cache" in cache and "private" in cache and "public" not in cache


def test_a_logged_in_user_without_view_permission_gets_404(client, world, stranger):
    client.force_login(stranger)
    assert client.get(reverse("site:statement", kwargs={"slug": "secret-draft"})).status_code == 404


def test_a_published_record_has_no_draft_banner_even_for_staff(client, world, editor):
    client.force_login(editor)
    html = client.get(reverse("site:statement", kwargs={"slug": "human-rights-irregular-2010"})).content.decode()
    assert "Draft — not public." not in html


def test_a_scheduled_statement_is_not_public_before_its_time(client, world):
    import datetime

    from django.utils import timezone

    from tests.factories import StatementFactory

    StatementFactory(slug="tomorrow", title="Scheduled", published_at=timezone.now() + datetime.timedelta(days=1))
    assert client.get(reverse("site:statement", kwargs={"slug": "tomorrow"})).status_code == 404
    assert "Scheduled" not in client.get(reverse("site:statements")).content.decode()


@pytest.mark.parametrize(
    "url",
    ["/", "/statements/", "/statements/?q=secret", "/agencies/unhcr/", "/publications/", "/topics/human-rights/",
     "/search/?q=secret+draft", "/search/?q=unfinished", "/statements/feed/", "/events/feed.ics", "/sitemap.xml",
     "/sitemap-statements.xml", "/sitemap-publications.xml", "/sitemap-pages.xml"],
)  # fmt: skip
def test_no_public_list_feed_or_sitemap_shows_a_draft(client, world, editor, url):
    for who in (None, editor):  # not even to staff: previews are on detail pages only
        if who:
            client.force_login(who)
        body = client.get(url).content.decode()
        for leak in ("Secret draft", "secret-draft", "Unfinished handbook", "unfinished-handbook", "/hidden/"):
            assert leak not in body, f"{leak} on {url}"


def test_the_feed_lists_only_published_statements(client, world):
    feed = feedparser.parse(client.get("/statements/feed/").content)
    titles = {entry.title for entry in feed.entries}
    assert titles == {world["statement"].title, world["french"].title}


def test_the_sitemap_lists_only_published_urls(client, world):
    locs = sitemap_locs(client)
    assert "http://testserver/statements/human-rights-irregular-2010/" in locs
    assert not [loc for loc in locs if "secret" in loc or "unfinished" in loc or "hidden" in loc]
