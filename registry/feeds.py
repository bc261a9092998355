"""The Atom feed of statements and the iCalendar feed of events: published records only."""

import datetime

import icalendar
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from registry.models import Event, Statement
from registry.views.base import cache_for_public

FEED_LENGTH = 50


class StatementFeed(Feed):
    feed_type = Atom1Feed
    title = _("Global Migration Group — statements")
    subtitle = _("Joint statements, statements delivered at events and position papers of the Global Migration Group.")
    author_name = _("Global Migration Group")

    def __call__(self, request, *args, **kwargs):
        return cache_for_public(request, super().__call__(request, *args, **kwargs))

    def link(self):
        return reverse("site:statements")

    def items(self):
        return (
            Statement.objects.published()
            .prefetch_related("signatories")
            .order_by("-published_at", "-date")[:FEED_LENGTH]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return max(item.updated_at, item.published_at)

    def item_author_name(self, item):
        return ", ".join(agency.acronym for agency in item.signatories.all()) or "Global Migration Group"

    def item_categories(self, item):
        return [item.get_kind_display()]


def _ical_date(date):
    return datetime.date(date.year, date.month, date.day)


@require_safe
def events_ics(request):
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Global Migration Group//GMG Registry//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Global Migration Group — events")
    host = request.get_host() or settings.SITE_URL
    stamp = timezone.now()
    for event in Event.objects.published().order_by("start"):
        entry = icalendar.Event()
        entry.add("uid", f"event-{event.pk}@{host}")
        entry.add("dtstamp", stamp)
        entry.add("summary", event.title)
        entry.add("dtstart", _ical_date(event.start))
        # DTEND of an all-day event is exclusive: the day after the last day.
        entry.add("dtend", _ical_date(event.end or event.start) + datetime.timedelta(days=1))
        location = ", ".join(part for part in (event.city, event.country) if part)
        if location:
            entry.add("location", location)
        if event.summary:
            entry.add("description", event.summary)
        entry.add("url", request.build_absolute_uri(event.get_absolute_url()))
        calendar.add_component(entry)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="gmg-events.ics"'
    return cache_for_public(request, response)
