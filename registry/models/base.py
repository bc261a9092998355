"""What every editorial record shares: sources, who changed it and when, periods, publication status."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.db.models.functions import ExtractDay, ExtractMonth, ExtractYear
from django.db.models.lookups import Exact, In
from django.utils import timezone

from registry.dates import END_NOT_RECORDED, Precision, Span, normalise, precision_field


def chronological(field="date", *, descending=False):
    """The one chronological order, for every list on the site and in the API: by year, then month,
    then day, where a date known only to the month sorts after the dated days of that month and a
    date known only to the year after everything dated within that year (`dates.sort_key` in Python).

    `field` is a date stored with `<field>_precision`. Works on SQLite and PostgreSQL alike.
    """
    # Lookups rather than keyword conditions (Q): Django cannot re-root a Q when another model
    # orders by this one through a relation (Participation orders by "event").
    precision = F(f"{field}_precision")
    keys = [
        ExtractYear(field),
        Case(
            When(Exact(precision, Precision.YEAR), then=Value(13)),
            default=ExtractMonth(field),
            output_field=IntegerField(),
        ),
        Case(
            When(In(precision, [Precision.YEAR, Precision.MONTH]), then=Value(32)),
            default=ExtractDay(field),
            output_field=IntegerField(),
        ),
    ]
    return [key.desc() if descending else key.asc() for key in keys]


class Source(models.Model):
    """Where a fact comes from (Popolo's `sources`): every record of history cites at least one."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    title = models.CharField(max_length=300)
    url = models.URLField(max_length=500, blank=True)
    note = models.TextField(blank=True, help_text="What this source says, or where it disagrees with another.")

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return self.title


class PublicQuerySet(models.QuerySet):
    def published(self):
        """What the public may see. Records without a workflow status are always public."""
        return self.all()

    def chronological(self, field="date", *, descending=False, then=("pk",)):
        """In the order of `field` at its precision (see `chronological()`), then by `then`."""
        return self.order_by(*chronological(field, descending=descending), *then)


class Editorial(models.Model):
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    sources = GenericRelation(Source)

    objects = PublicQuerySet.as_manager()

    class Meta:
        abstract = True


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    PUBLISHED = "published", "Published"
    WITHDRAWN = "withdrawn", "Withdrawn"


class StatusQuerySet(PublicQuerySet):
    def published(self):
        """Published and due: a publication time in the future is scheduled, not yet public."""
        return self.filter(status=Status.PUBLISHED, published_at__lte=timezone.now())


class Publishable(Editorial):
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        db_index=True,
        help_text="When it became (or becomes) public; a future time schedules it.",
    )

    objects = StatusQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_public(self):
        return self.status == Status.PUBLISHED and self.published_at is not None and self.published_at <= timezone.now()


class PeriodQuerySet(PublicQuerySet):
    def active_on(self, date):
        return self.filter(Q(start__isnull=True) | Q(start__lte=date), Q(end__isnull=True) | Q(end__gte=date))

    def overlapping(self, start, end):
        """Periods sharing at least one day with [start, end]; `end=None` means still ongoing."""
        qs = self.filter(Q(end__isnull=True) | Q(end__gte=start))
        return qs if end is None else qs.filter(start__lte=end)


def end_after_start(name, start="start", end="end"):
    """The database refuses an end before its start; an empty end (still ongoing) is fine."""
    return models.CheckConstraint(
        condition=Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": models.F(start)}),
        name=name,
        violation_error_message="The end date is before the start date.",
    )


class Period(models.Model):
    """A start and an optional end, each with the precision history gives it."""

    start = models.DateField()
    start_precision = precision_field()
    end = models.DateField(null=True, blank=True, help_text="Empty while it is still ongoing.")
    end_precision = precision_field()

    class Meta:
        abstract = True

    def normalise_period(self):
        self.start = normalise(self.start, self.start_precision, end=False)
        self.end = normalise(self.end, self.end_precision, end=True)

    def clean(self):
        super().clean()
        self.normalise_period()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": "The end date is before the start date."})

    def save(self, *args, **kwargs):
        self.normalise_period()
        super().save(*args, **kwargs)

    # What an empty end says: overridden where the period belongs to a body that has ended.
    ongoing = END_NOT_RECORDED

    @property
    def span(self):
        return Span(self.start, self.start_precision, self.end, self.end_precision, self.ongoing)

    @property
    def period_display(self):
        return self.span.text()

    def contains(self, date):
        return self.start <= date and (self.end is None or date <= self.end)


__all__ = [
    "Editorial",
    "Period",
    "PeriodQuerySet",
    "Precision",
    "PublicQuerySet",
    "Publishable",
    "Source",
    "Status",
    "StatusQuerySet",
    "chronological",
    "end_after_start",
]
