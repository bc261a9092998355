"""Atom feed, iCalendar, sitemap, robots.txt, canonical and Open Graph meta, schema.org JSON-LD."""

import json
import re

import feedparser
import icalendar
from django.urls import reverse

from tests.sitemap import sitemap_locs


def test_the_atom_feed_parses_with_feedparser(client, world):
    response = client.get(reverse("site:statement-feed"))
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title == "Global Migration Group — statements"
    entry = next(e for e in feed.entries if e.title == world["statement"].title)
    assert entry.link == "http://testserver/statements/human-rights-irregular-2010/"
    assert "protect the human rights" in entry.summary


def test_the_icalendar_feed_lists_the_events_as_all_day_entries(client, world):
    response = client.get(reverse("site:event-feed"))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    assert str(events[0]["SUMMARY"]) == "Principals' meeting, Geneva 2010"
    assert events[0].decoded("DTSTART").isoformat() == "2010-09-30"
    assert events[0].decoded("DTEND").isoformat() == "2010-10-01"
    assert str(events[0]["LOCATION"]) == "Geneva, Switzerland"


def test_the_sitemap_is_valid_xml_with_sections_and_records(client, world):
    locs = set(sitemap_locs(client))
    for path in ("/", "/chairs/", "/agencies/unhcr/", "/working-groups/data-research/", "/events/principals-2010/",
                 "/publications/migration-hr-2008/", "/topics/human-rights/", "/history/"):  # fmt: skip
        assert f"http://testserver{path}" in locs


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client, db):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_pages_carry_canonical_and_open_graph_meta(client, world, settings):
    settings.SITE_URL = "https://gmg.example.org"
    html = client.get("/statements/human-rights-irregular-2010/?utm=x").content.decode()
    assert '<link rel="canonical" href="https://gmg.example.org/statements/human-rights-irregular-2010/">' in html
    assert '<meta property="og:type" content="article">' in html
    assert (
        '<meta property="og:title" content="Statement on the human rights of migrants in irregular situation">' in html
    )


def test_the_event_page_describes_the_event_as_schema_org_json_ld(client, world):
    html = client.get(reverse("site:event", kwargs={"slug": "principals-2010"})).content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Event"
    assert data["startDate"] == "2010-09-30"
    assert data["location"]["address"]["addressLocality"] == "Geneva"
    assert data["organizer"]["@type"] == "Organization"


def test_json_ld_cannot_be_broken_out_of_by_the_data(client, db):
    from tests.factories import AgencyFactory

    AgencyFactory(acronym="EVIL", slug="evil", name="</script><script>alert(1)</script>")
    html = client.get("/agencies/evil/").content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert json.loads(block)["name"] == "</script><script>alert(1)</script>"


def test_the_sitemap_is_an_index_of_paged_sections_that_together_list_every_record(client, world, monkeypatch):
    from registry.models import Statement

    monkeypatch.setattr("registry.sitemaps.PAGE_RECORDS", 1)  # one record (in six languages) a page
    index = client.get("/sitemap.xml").content.decode()
    published = Statement.objects.published().count()
    assert published > 1
    assert "/sitemap-statements.xml</loc>" in index
    assert f"/sitemap-statements.xml?p={published}</loc>" in index
    assert f"/sitemap-statements.xml?p={published + 1}</loc>" not in index
    second = client.get("/sitemap-statements.xml?p=2").content.decode()
    assert second.count("<url>") == 6  # the record in each language, with its alternates
    locs = sitemap_locs(client)
    for statement in Statement.objects.published():
        assert f"http://testserver{statement.get_absolute_url()}" in locs
