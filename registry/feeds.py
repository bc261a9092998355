"""The Atom feed of statements and the iCalendar feed of events: published records only.

Dates follow registry/dates.py: an Atom entry is `published` at the first instant of the day, month
or year the statement is dated to (its text says which), `updated` when the record last changed;
the calendar holds only the events whose days are known.
"""

import icalendar
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from registry.dates import atom_timestamp, ical_days
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
        # Newest statement first, by its own date at its precision, as the statements list.
        return (
            Statement.objects.published()
            .prefetch_related("signatories")
            .chronological(descending=True, then=("title",))[:FEED_LENGTH]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # The timestamp cannot say "October 2013"; the text does.
        return f"{item.date_display}. {item.summary}" if item.summary else item.date_display

    def item_pubdate(self, item):
        return atom_timestamp(item.date, item.date_precision)

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return ", ".join(agency.acronym for agency in item.signatories.all()) or "Global Migration Group"

    def item_categories(self, item):
        return [item.get_kind_display()]


@require_safe
def events_ics(request):
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Global Migration Group//GMG Registry//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Global Migration Group — events")
    host = request.get_host() or settings.SITE_URL
    stamp = timezone.now()
    events = Event.objects.published().chronological("start")
    dated = [(event, ical_days(event.start, event.start_precision, event.end, event.end_precision)) for event in events]
    left_out = sum(1 for _event, days in dated if days is None)
    description = "Events of the Global Migration Group whose days are on record."
    if left_out:
        description += (
            f" {left_out} more, known only to the month or year, are not in this calendar (a calendar entry "
            f"would claim a day no source gives): see {request.build_absolute_uri(reverse('site:events'))}"
        )
    calendar.add("x-wr-caldesc", description)
    for event, days in dated:
        if days is None:
            continue
        entry = icalendar.Event()
        entry.add("uid", f"event-{event.pk}@{host}")
        entry.add("dtstamp", stamp)
        entry.add("summary", event.title)
        # All-day entries (VALUE=DATE); DTEND is exclusive: the day after the last day.
        entry.add("dtstart", days[0])
        entry.add("dtend", days[1])
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
