"""What every editorial record shares: sources, who changed it and when, periods, publication status."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, Value, When
from django.db.models.functions import ExtractDay, ExtractMonth, ExtractYear
from django.db.models.lookups import Exact, In
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registry.dates import END_NOT_RECORDED, Precision, Span, normalise_fields, precision_field


def chronological(field="date", *, descending=False, stored=False):
    """The one chronological order, for every list on the site and in the API: by year, then month,
    then day, where a date known only to the month sorts after the dated days of that month and a
    date known only to the year after everything dated within that year (`dates.sort_key` in Python).

    `field` is a date stored with `<field>_precision`. Works on SQLite and PostgreSQL alike.
    `stored`: the model keeps the same order in a column (`<field>_order`, see `chronological_key`),
    which an index can serve; a long list reads a page from the index instead of sorting every row.
    """
    if stored:
        key = F(f"{field}_order")
        return [key.desc() if descending else key.asc()]
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


class OnPostgreSQL(models.Func):
    """`expression` on PostgreSQL, NULL on other databases: for a generated column only PostgreSQL can
    compute (a text-search document); SQLite searches without one."""

    template = "%(expressions)s"

    def as_sqlite(self, compiler, connection, **extra_context):
        return "NULL", []


# PostgreSQL's text-search configuration per language; Arabic and Chinese have none, so are not stemmed.
TEXT_SEARCH_CONFIG = {
    "en": "english", "fr": "french", "es": "spanish", "ru": "russian", "ar": "simple", "zh-hans": "simple",
}  # fmt: skip


def search_document(fields, config="english", translated=()):
    """The weighted text-search document of `fields` ({field: weight}), as registry.search builds it, to be
    stored in a generated column and indexed (GIN): a field in `translated` is read in each language's column
    ("name_fr"…, registry.translation), each with its language's configuration; the others with `config`."""
    from django.contrib.postgres.search import SearchVector

    vectors = []
    for name, weight in fields.items():
        if name not in translated:
            vectors.append(SearchVector(name, weight=weight, config=config))
            continue
        vectors += [
            SearchVector(column, weight=weight, config=TEXT_SEARCH_CONFIG.get(code, config))
            for column, code in _language_columns(name, codes=True)
        ]
    document = vectors[0]
    for vector in vectors[1:]:
        document = document + vector
    return OnPostgreSQL(document, output_field=SearchVectorField(null=True))


def _language_columns(name, codes=False):
    """A translated field's columns, one per language ("name_ar", "name_en"…), sorted; with their language codes."""
    columns = sorted((f"{name}_{code.replace('-', '_')}", code) for code, _label in settings.LANGUAGES)
    return columns if codes else [column for column, _code in columns]


def stored_search_text(fields, translated=()):
    """A generated column holding `fields`' text lower-cased, one space between them, on PostgreSQL (NULL on
    SQLite): registry.search finds a word inside it through a trigram index (pg_trgm) instead of reading
    every record's text. A word never spans two fields: the words searched for hold no space. A field in
    `translated` is read in each language's column ("name_fr"…), as the search reads it."""
    from django.db.models.functions import Concat, Lower

    parts = []
    for name in fields:
        columns = _language_columns(name) if name in translated else [name]
        for column in columns:
            parts += [F(column), Value(" ")]
    return models.GeneratedField(
        expression=OnPostgreSQL(
            Lower(Concat(*parts[:-1], output_field=models.TextField())), output_field=models.TextField(null=True)
        ),
        output_field=models.TextField(null=True),
        db_persist=True,
        editable=False,
        serialize=False,  # derived, as above
    )


def stored_search_document(fields, translated=()):
    """A generated column holding `search_document(fields, translated=translated)` (see registry.search).

    The field remembers the fields it holds (`search_fields`): registry.search reads the column wherever its
    document has those fields, a related record's included (a membership's agency names), instead of
    computing them for every row searched."""
    field = models.GeneratedField(
        expression=search_document(fields, translated=translated),
        output_field=SearchVectorField(null=True),
        db_persist=True,
        editable=False,
        serialize=False,  # derived: backups and revisions leave it out, the database computes it again
    )
    field.search_fields = (tuple(fields.items()), tuple(name for name in fields if name in translated))
    return field


def chronological_key(field="date"):
    """`chronological()`'s three keys as one integer, year * 10000 + month * 100 + day (13 and 32 as
    there), for a generated column: the database keeps it right on every write, bulk ones included."""
    precision = F(f"{field}_precision")
    month = Case(
        When(Exact(precision, Precision.YEAR), then=Value(1300)),
        default=ExtractMonth(field) * 100,
        output_field=IntegerField(),
    )
    day = Case(
        When(In(precision, [Precision.YEAR, Precision.MONTH]), then=Value(32)),
        default=ExtractDay(field),
        output_field=IntegerField(),
    )
    return ExtractYear(field) * 10000 + month + day


class Year(models.Func):
    """The year of a date column as an integer, computed by the database, with no conversion per row.

    For queries that need only years of many rows (the growth chart reads 2,000 memberships): Django's
    `ExtractYear` calls a Python function per row on SQLite, and reading the dates themselves parses each
    one in Python there. SQLite stores a date as its ISO text, whose first four characters are the year."""

    template = "CAST(EXTRACT(YEAR FROM %(expressions)s) AS integer)"
    output_field = IntegerField()
    # The database's integer as it comes (an expression's IntegerField would call int() on every value).
    convert_value = staticmethod(models.Func._convert_value_noop)

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="CAST(SUBSTR(%(expressions)s, 1, 4) AS integer)")


def in_year(field, year):
    """Records whose partial date `field` falls in `year`, read from its stored order (`chronological_key`:
    the year is its leading digits), so the list index that orders them also finds them."""
    return Q(**{f"{field}_order__gte": year * 10000, f"{field}_order__lt": (year + 1) * 10000})


def in_date_range(field, first, last):
    """Records whose partial date `field` is stored on a day from `first` to `last` (both included), the same records
    as `field__gte=first, field__lte=last`, with bounds on its stored order too (`chronological_key`) so that the
    list index that orders them also finds them: a date's order is at least its own day's (a month or a year sorts
    after its days) and at most its year's last (13, 32)."""
    return in_date_range_bounded(field, first, last, *order_bounds(first, last))


def order_bounds(first, last):
    """The bounds of the stored order (`chronological_key`) of the dates from `first` to `last` (`in_date_range`)."""
    return first.year * 10000 + first.month * 100 + first.day, last.year * 10000 + 1332


def in_date_range_bounded(field, first, last, lowest, highest):
    """`in_date_range` with its `order_bounds` given: for a query made once and run with other values."""
    return Q(**{f"{field}__gte": first, f"{field}__lte": last, f"{field}_order__gte": lowest,
                f"{field}_order__lte": highest})  # fmt: skip


def stored_order(field):
    """The chronological order of a partial date `field` (`chronological_key`), kept by the database so that
    lists read it from an index. Derived, so not serialized: backups and revisions leave it out and the
    database computes it again."""
    return models.GeneratedField(
        expression=chronological_key(field),
        output_field=models.IntegerField(),
        db_persist=True,
        editable=False,
        serialize=False,
    )


class PublicQuerySet(models.QuerySet):
    """The one place that decides who may read which records.

    `published()` is what the public sees; `visible_to(user)` is what one person sees (anonymous:
    `published()`). Every surface — pages, preview, admin, API, CSV, feeds, sitemap, search —
    asks one of these two, and nothing else filters on status or publication time.
    """

    def published(self):
        """What the public may see. Records without a workflow status are always public."""
        return self.all()

    def visible_to(self, user):
        """What `user` may read: everything for the secretariat (Editors, Publishers, superusers),
        the public records plus their own agency's drafts for a focal point, `published()` for anyone else.

        Built without DISTINCT (an EXISTS subquery instead of a join), so that a caller may add
        `select_for_update()` to it.
        """
        from registry.permissions import Reader, reader  # the roles live with the rest of the permissions

        kind, agency = reader(user)
        if kind is Reader.EVERYTHING:
            return self.all()
        if kind is Reader.AGENCY and agency is not None:
            return self.visible_to_agency(agency)
        return self.published()

    def visible_to_agency(self, agency):
        """What a focal point of `agency` reads. Without a workflow, everything is public already."""
        return self.published()

    def chronological(self, field="date", *, descending=False, then=("pk",)):
        """In the order of `field` at its precision (see `chronological()`), then by `then`."""
        stored = any(f.name == f"{field}_order" for f in self.model._meta.concrete_fields)
        return self.order_by(*chronological(field, descending=descending, stored=stored), *then)

    def without_sources(self):
        """Records that cite no source: a record of history must say where it comes from."""
        cited = Source.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model), object_id=OuterRef("pk")
        )
        return self.exclude(Exists(cited))

    def deleted_visible_to(self, user, versions):
        """The stored versions of deleted records of this model that `user` may read (the recover list).

        A deleted row can no longer be queried, so this judges its last stored state: the
        secretariat reads them all, a focal point those their agency was named on (`agency_field`),
        nobody else any.
        """
        from registry.permissions import Reader, reader

        kind, agency = reader(user)
        if kind is Reader.EVERYTHING:
            return list(versions)
        field = getattr(self.model, "agency_field", None)
        if kind is not Reader.AGENCY or agency is None or field is None:
            return []
        return [v for v in versions if agency.pk in (v.field_dict.get(field) or [])]


class SourceQuerySet(PublicQuerySet):
    """A source is read with its record: the sources of a record `user` may not read are hidden too."""

    def visible_to(self, user):
        from django.apps import apps

        from registry.permissions import Reader, reader

        if reader(user)[0] is Reader.EVERYTHING:
            return self.all()
        queryset = self
        for model in apps.get_models():
            if issubclass(model, Publishable):
                readable = model.objects.visible_to(user).values("pk")
                content_type = ContentType.objects.get_for_model(model)
                queryset = queryset.exclude(Q(content_type=content_type) & ~Q(object_id__in=readable))
        return queryset

    def published(self):
        return self.visible_to(None)


class Source(models.Model):
    """Where a fact comes from (Popolo's `sources`): every record of history cites at least one."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    title = models.CharField(max_length=300)
    url = models.URLField(max_length=500, blank=True)
    note = models.TextField(blank=True, help_text="What this source says, or where it disagrees with another.")

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return self.title


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
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class StatusQuerySet(PublicQuerySet):
    def published(self):
        """Published and due: a publication time in the future is scheduled, not yet public."""
        return self.filter(self._public_q())

    def _public_q(self, now=None):
        return Q(status=Status.PUBLISHED, published_at__lte=now or timezone.now())

    def visible_to_agency(self, agency):
        """The public records, and the unpublished ones `agency` is named on (the model's `agency_field`).

        Another agency's drafts, reviews, withdrawals and scheduled records stay theirs.
        """
        field = getattr(self.model, "agency_field", None)
        if field is None:
            return self.published()
        mine = self.model._base_manager.filter(pk=OuterRef("pk"), **{field: agency})
        return self.filter(self._public_q() | Q(Exists(mine)))

    def scheduled(self, now=None):
        """Published, but with a publication time still to come."""
        return self.filter(status=Status.PUBLISHED, published_at__gt=now or timezone.now())

    def due_to_go_live(self, now=None):
        """Scheduled records whose time has come but that nobody has saved since (services.go_live)."""
        return self.filter(self._public_q(now), updated_at__lt=models.F("published_at"))

    def drafts(self):
        return self.filter(status=Status.DRAFT)

    def in_review(self):
        return self.filter(status=Status.IN_REVIEW)


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

    # Whether publishing it needs at least one source (facts of history: registry.permissions.source_refusal).
    requires_source = False

    @property
    def is_public(self):
        return self.status == Status.PUBLISHED and self.published_at is not None and self.published_at <= timezone.now()

    @property
    def counts_in_overlaps(self):
        """A withdrawn record claims no period: it is neither checked nor checked against."""
        return self.status != Status.WITHDRAWN


class PeriodQuerySet(PublicQuerySet):
    def active_on(self, date):
        return self.filter(Q(start__isnull=True) | Q(start__lte=date), Q(end__isnull=True) | Q(end__gte=date))

    def overlapping(self, start, end):
        """Periods sharing at least one day with [start, end]; `end=None` means still ongoing.

        The database's side of `registry.dates.overlaps`: an empty end is ongoing, an empty start unknown.
        """
        qs = self.filter(Q(end__isnull=True) | Q(end__gte=start))
        return qs if end is None else qs.filter(Q(start__isnull=True) | Q(start__lte=end))


def end_after_start(name, start="start", end="end"):
    """The database refuses an end before its start; an empty end (still ongoing) is fine."""
    return models.CheckConstraint(
        condition=Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": models.F(start)}),
        name=name,
        violation_error_message="The end date is before the start date.",
    )


class PublishablePeriodQuerySet(StatusQuerySet, PeriodQuerySet):
    """Facts of history with a workflow (memberships, chair terms, vacancies, roles): periods that are
    drafted, reviewed and published like statements."""

    def counted_in_overlaps(self):
        """The rows an overlap check compares a record with: those published or waiting for review.

        A draft is work in progress (two editors may draft rival versions of one fact) and a
        withdrawn row is no longer claimed by anyone, so neither blocks another record; the record
        being checked is compared whatever its own status (see `Publishable.counts_in_overlaps`).
        The PostgreSQL exclusion constraints (migration 0012) hold the same rows to the same rule.
        """
        return self.filter(status__in=OVERLAP_STATUSES)


# The statuses whose rows claim their period: see PublishablePeriodQuerySet.counted_in_overlaps.
OVERLAP_STATUSES = (Status.PUBLISHED, Status.IN_REVIEW)


class PartialDates(models.Model):
    """A model with dates known to the day, month or year: each is normalised (registry.dates)
    before validation and before saving, whoever writes it (admin, API, seed, shell)."""

    # Each date field, and whether it ends a period; its precision is in `<field>_precision`.
    partial_dates = {}

    class Meta:
        abstract = True

    def normalise_dates(self):
        normalise_fields(self, self.partial_dates)

    def clean(self):
        self.normalise_dates()
        super().clean()

    def save(self, *args, **kwargs):
        self.normalise_dates()
        super().save(*args, **kwargs)


class DatedMixin(PartialDates):
    """A single date that history may give only to the month or year (shown as 'November 2008')."""

    date = models.DateField(db_index=True)
    date_precision = precision_field()
    date_order = stored_order("date")
    partial_dates = {"date": False}

    class Meta:
        abstract = True

    @property
    def span(self):
        return Span(self.date, self.date_precision)

    @property
    def date_display(self):
        return self.span.text()


class Period(PartialDates):
    """A start and an optional end, each with the precision history gives it."""

    partial_dates = {"start": False, "end": True}

    start = models.DateField()
    start_precision = precision_field()
    end = models.DateField(null=True, blank=True, help_text="Empty while it is still ongoing.")
    end_precision = precision_field()

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": "The end date is before the start date."})

    # What an empty end says: overridden where the period belongs to a body that has ended.
    ongoing = END_NOT_RECORDED

    @property
    def span(self):
        # What an empty end means is only needed, and only worth formatting, when the end is empty.
        ongoing = self.ongoing if self.end is None else ""
        return Span(self.start, self.start_precision, self.end, self.end_precision, ongoing)

    @property
    def period_display(self):
        return self.span.text()

    def contains(self, date):
        return self.start <= date and (self.end is None or date <= self.end)


__all__ = [
    "OVERLAP_STATUSES",
    "DatedMixin",
    "Editorial",
    "PartialDates",
    "Period",
    "PeriodQuerySet",
    "Precision",
    "PublicQuerySet",
    "Publishable",
    "PublishablePeriodQuerySet",
    "Source",
    "Status",
    "StatusQuerySet",
    "chronological",
    "end_after_start",
]
