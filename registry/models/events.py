"""Meetings, symposia and the wider processes the group took part in, with who attended."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from registry.models.agencies import Agency
from registry.models.base import (
    Editorial,
    Period,
    PeriodQuerySet,
    chronological,
    end_after_start,
    stored_order,
    stored_search_document,
    stored_search_text,
)
from registry.models.content import ci_unique_slug


class EventKind(models.TextChoices):
    PRINCIPALS = "principals", _("Principals' meeting")
    WORKING = "working", _("Working-level meeting")
    SYMPOSIUM = "symposium", _("Symposium")
    GFMD = "gfmd", _("GFMD meeting")
    HLD = "hld", _("UN High-Level Dialogue")
    UNGA = "unga", _("UN General Assembly")
    OTHER = "other", _("Other")


class EventQuerySet(PeriodQuerySet):
    def involving(self, agency):
        """Events `agency` (an Agency or slug) organised or took part in.

        One set of ids, those it organised and those it took part in (`IN (… UNION …)`), each half read from
        its index: not a test per event (`EXISTS`: SQLite ran it on each of the registry's 2,000 events at scale
        to find an agency's few), nor `organiser = … OR id IN (…)`, which PostgreSQL answered by reading every
        event."""
        if isinstance(agency, Agency):
            organised = Event.objects.filter(organiser=agency)
            attended = Participation.objects.filter(agency=agency)
        else:
            organised = Event.objects.filter(organiser__slug=agency)
            attended = Participation.objects.filter(agency__slug=agency)
        ids = organised.order_by().values("pk").union(attended.order_by().values("event"))
        return self.filter(pk__in=ids)

    def during(self, first, last):
        """Events running at any time between `first` and `last`. An event without an end lasted one
        day (or the one period its start names): it is not ongoing."""
        return self.filter(Q(end__isnull=True, start__gte=first) | Q(end__gte=first), start__lte=last)


class Event(Editorial, Period):
    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField(max_length=10, choices=EventKind.choices, default=EventKind.OTHER)
    city = models.CharField(max_length=100, blank=True)
    country = models.CharField(max_length=100, blank=True)
    organiser = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.SET_NULL, related_name="events_organised",
        verbose_name="organising agency",
    )  # fmt: skip
    summary = models.TextField(blank=True)
    start_order = stored_order("start")

    # As Agency.SEARCH_FIELDS: what registry.search reads, and its stored text-search document.
    SEARCH_FIELDS = {"title": "A", "city": "B", "country": "B", "summary": "B"}
    SEARCH_TRANSLATED = ("title", "summary")
    search_document = stored_search_document(SEARCH_FIELDS, SEARCH_TRANSLATED)
    search_text = stored_search_text(SEARCH_FIELDS, SEARCH_TRANSLATED)  # trigram-indexed on PostgreSQL (0021)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = [*chronological("start", descending=True, stored=True), "title"]
        constraints = [ci_unique_slug("event"), end_after_start("registry_event_end_after_start")]
        indexes = [models.Index(fields=["-start_order", "title"], name="event_start_title_idx")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("site:event", kwargs={"slug": self.slug})

    # An event with no end is a one-day (or one-period) event, not an ongoing one.
    ongoing = ""


class Level(models.TextChoices):
    PRINCIPAL = "principal", _("Principal")
    DEPUTY = "deputy", _("Deputy")
    WORKING = "working", _("Working level")


class Participation(Editorial):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participations")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="participations")
    level = models.CharField(max_length=10, choices=Level.choices, default=Level.WORKING)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["event", "agency__acronym"]
        constraints = [models.UniqueConstraint(fields=["event", "agency"], name="registry_participation_once")]

    def __str__(self):
        return f"{self.agency} at {self.event} ({self.get_level_display().lower()})"
