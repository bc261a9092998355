"""Every surface gives a date at the precision the sources give it (FACTS.md):

the 2006 High-Level Dialogue is known to the month (September 2006), the first GFMD meeting in
Brussels to the year (2007), the first principals' meeting to the day (9 May 2006), the
documented vacancy ends in May 2009. Each output is read by a real parser where one exists.
"""

import csv
import datetime
import io
import json
import re

import feedparser
import icalendar
import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from registry import models as m
from tests.factories import StatementFactory

pytestmark = pytest.mark.django_db


def json_ld(html):
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))


def page(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("slug", "time_element", "start_date"),
    [
        ("high-level-dialogue-2006", '<time datetime="2006-09">September 2006</time>', "2006-09"),
        ("gfmd-brussels-2007", '<time datetime="2007">2007</time>', "2007"),
        ("first-principals-meeting-2006", '<time datetime="2006-05-09">9 May 2006</time>', "2006-05-09"),
    ],
)
def test_an_event_page_gives_its_date_at_its_precision_in_text_time_and_json_ld(
    client, seed, slug, time_element, start_date
):
    html = page(client, reverse("site:event", kwargs={"slug": slug}))
    assert time_element in html
    data = json_ld(html)
    assert (data["startDate"], data["endDate"]) == (start_date, start_date)
    assert "2006-01-01" not in html and "2007-01-01" not in html


def test_a_two_day_event_is_shown_as_one_shortened_range(client, seed):
    html = page(client, reverse("site:event", kwargs={"slug": "symposium-on-migration-and-youth-2011"}))
    assert '<time datetime="2011-05-17">17</time>–<time datetime="2011-05-18">18 May 2011</time>' in html
    assert "17 May 2011 – 18 May 2011" not in html
    assert (json_ld(html)["startDate"], json_ld(html)["endDate"]) == ("2011-05-17", "2011-05-18")


def test_a_statement_known_to_the_month_is_shown_as_the_month(client, db):
    statement = StatementFactory(slug="may-2009", date=datetime.date(2009, 5, 20), date_precision="month")
    html = page(client, statement.get_absolute_url())
    assert '<time datetime="2009-05">May 2009</time>' in html
    assert "1 May 2009" not in strip_tags(html)


def test_the_events_list_puts_the_september_2006_dialogue_after_the_9_may_2006_meeting(client, seed):
    text = strip_tags(page(client, reverse("site:events")))
    titles = [
        "Global Forum on Migration and Development, first meeting",  # 2007
        "High-Level Dialogue on International Migration and Development, 2006",  # September 2006
        "First meeting of the principals",  # 9 May 2006
    ]
    newest_first = [text.index(title) for title in titles]
    assert newest_first == sorted(newest_first)


def test_the_calendar_has_day_precision_events_as_dates_and_leaves_out_the_others(client, seed):
    response = client.get(reverse("site:event-feed"))
    calendar = icalendar.Calendar.from_ical(response.content)
    events = {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}
    first = events["First meeting of the principals of the Global Migration Group"]
    assert first["DTSTART"].params["VALUE"] == "DATE"
    assert first.decoded("DTSTART") == datetime.date(2006, 5, 9)
    assert first.decoded("DTEND") == datetime.date(2006, 5, 10)
    dialogue = events["High-Level Dialogue on International Migration and Development, 2013"]
    assert (dialogue.decoded("DTSTART"), dialogue.decoded("DTEND")) == (
        datetime.date(2013, 10, 3),
        datetime.date(2013, 10, 5),
    )
    # Known only to the month (September 2006) or the year (2007): not in the calendar, and it says so.
    assert "High-Level Dialogue on International Migration and Development, 2006" not in events
    assert "Global Forum on Migration and Development, first meeting, Brussels" not in events
    assert "20060101" not in response.content.decode() and "20070101" not in response.content.decode()
    assert "2 more, known only to the month or year" in str(calendar["X-WR-CALDESC"])


def test_the_atom_feed_publishes_each_statement_at_its_own_date_and_updates_at_its_last_change(client, seed):
    feed = feedparser.parse(client.get(reverse("site:statement-feed")).content)
    assert not feed.bozo, feed.get("bozo_exception")
    entries = {entry.title: entry for entry in feed.entries}
    summit = entries["Statement on behalf of the Global Migration Group at the UN Summit for Refugees and Migrants"]
    assert summit.published == "2016-09-19T00:00:00+00:00"
    hld = entries["Statement of the Global Migration Group to the High-Level Dialogue on International Migration "
                  "and Development"]  # fmt: skip
    # Known to the month: the first instant of October 2013, and the text says "October 2013".
    assert hld.published == "2013-10-01T00:00:00+00:00"
    assert hld.summary.startswith("October 2013. ")
    record = m.Statement.objects.get(slug="statement-to-the-high-level-dialogue-2013")
    assert tuple(hld.updated_parsed)[:6] == tuple(record.updated_at.utctimetuple())[:6]
    assert "2025-01-01" not in hld.published


def test_the_atom_feed_lists_statements_newest_first_by_their_own_date(client, seed):
    feed = feedparser.parse(client.get(reverse("site:statement-feed")).content)
    assert [entry.published[:10] for entry in feed.entries] == ["2016-09-19", "2013-12-18", "2013-10-01", "2010-09-30"]


def test_the_api_and_csv_give_the_date_with_its_precision(client, seed):
    data = client.get("/api/v1/events/high-level-dialogue-2006/").json()
    assert (data["start"], data["start_precision"]) == ("2006-09-01", "month")
    rows = list(csv.DictReader(io.StringIO(client.get("/api/v1/events/?format=csv").content.decode())))
    gfmd = next(row for row in rows if row["slug"] == "gfmd-brussels-2007")
    assert (gfmd["start"], gfmd["start_precision"]) == ("2007-01-01", "year")


def test_the_api_orders_events_as_the_site_does(client, seed):
    slugs = [event["slug"] for event in client.get("/api/v1/events/?ordering=start").json()["results"]]
    assert slugs[:3] == ["first-principals-meeting-2006", "high-level-dialogue-2006", "gfmd-brussels-2007"]
    newest = [event["slug"] for event in client.get("/api/v1/events/").json()["results"]]
    assert newest[-3:] == ["gfmd-brussels-2007", "high-level-dialogue-2006", "first-principals-meeting-2006"]


def test_a_year_only_statement_comes_after_the_dated_ones_of_its_year_on_the_site_and_in_the_api(client, db):
    for slug, date, precision in [
        ("year-2031", datetime.date(2031, 1, 1), "year"),
        ("june-2031", datetime.date(2031, 6, 1), "month"),
        ("day-2031-06-30", datetime.date(2031, 6, 30), "day"),
        ("day-2031-03-02", datetime.date(2031, 3, 2), "day"),
    ]:
        StatementFactory(slug=slug, title=slug, date=date, date_precision=precision)
    oldest_first = ["day-2031-03-02", "day-2031-06-30", "june-2031", "year-2031"]
    api = [s["slug"] for s in client.get("/api/v1/statements/?ordering=date").json()["results"]]
    assert api == oldest_first
    api_default = [s["slug"] for s in client.get("/api/v1/statements/").json()["results"]]
    assert api_default == oldest_first[::-1]
    text = strip_tags(page(client, reverse("site:statements") + "?sort=oldest"))
    assert [text.index(slug) for slug in oldest_first] == sorted(text.index(slug) for slug in oldest_first)
    text = strip_tags(page(client, reverse("site:statements")))
    assert [text.index(slug) for slug in oldest_first[::-1]] == sorted(text.index(slug) for slug in oldest_first)
