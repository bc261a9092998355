"""Member agencies, their time-bounded memberships, and the rotating chair."""

import bisect
import dataclasses
import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce, Lower
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from registry.dates import END_NOT_RECORDED, Precision, Span, format_partial, normalise, overlaps, precision_field
from registry.fields import RichTextField
from registry.i18n import translated_column
from registry.models.base import (
    DatedMixin,
    Editorial,
    Period,
    PublicQuerySet,
    Publishable,
    PublishablePeriodQuerySet,
    Source,
    Year,
    end_after_start,
    stored_search_document,
    stored_search_text,
)
from registry.shapes import compiled
from registry.uploads import GeneratedName, validate_image


class Body(models.TextChoices):
    GMG = "gmg", _("Global Migration Group")
    GENEVA = "geneva", _("Geneva Migration Group")


@dataclasses.dataclass(frozen=True)
class BodyEnd:
    """When a body ended, at the precision a source gives, and what became of it."""

    date: datetime.date
    precision: str
    what_followed: str

    @property
    def display(self):
        return format_partial(self.date, self.precision)

    @property
    def until(self):
        """What an empty end of a period in this body means: it ran until the body ended, at the latest."""
        return _("until the group ended (%s)") % self.display


# A body's end bounds everything in it: no membership, chair term, working group, role or activity
# of a body that has ended is "ongoing". The one place that says when each body ended.
BODY_ENDS = {
    # The GMG was replaced by the UN Network on Migration in 2018 (ohchr.org; FACTS.md).
    Body.GMG: BodyEnd(
        datetime.date(2018, 12, 31), Precision.YEAR, gettext_noop("replaced by the UN Network on Migration")
    ),
    # The Global Migration Group was built on the Geneva Migration Group in early 2006 (the article).
    Body.GENEVA: BodyEnd(
        datetime.date(2006, 12, 31), Precision.YEAR, gettext_noop("succeeded by the Global Migration Group")
    ),
}


def ended_bodies(on):
    """The bodies that had ended before `on`."""
    return [body for body, end in BODY_ENDS.items() if end.date < on]


class InBody:
    """A period that belongs to a body (the GMG unless it says otherwise): its empty end is bounded by the body's."""

    body_of_record = Body.GMG

    @property
    def ongoing(self):
        end = BODY_ENDS.get(getattr(self, "body", None) or self.body_of_record)
        return end.until if end else END_NOT_RECORDED

    def clean(self):
        """Nothing in a body starts after it ended or runs past its end (an empty end stops with the body)."""
        super().clean()
        body = getattr(self, "body", None) or self.body_of_record
        ended = BODY_ENDS.get(body)
        if ended is None:
            return
        name = f"The {Body(body).label} ended in {ended.display}"
        if self.start and self.start > ended.date:
            raise ValidationError({"start": f"{name}: nothing in it can start after that."})
        if self.end and self.end > ended.date:
            hint = " Leave the end empty if it lasted until then." if self._meta.get_field("end").null else ""
            raise ValidationError({"end": f"{name}: nothing in it can run past its end.{hint}"})


class AgencyKind(models.TextChoices):
    """The categories of the UN System Chart (each agency names the edition it follows)."""

    SECRETARIAT = "secretariat", _("UN Secretariat department or office")
    FUND = "fund", _("Fund or programme")
    SPECIALISED = "specialised", _("Specialised agency")
    RESEARCH = "research", _("Research and training institute")
    OTHER = "other", _("Other entity")
    RELATED = "related", _("Related organisation")
    COMMISSIONS = "commissions", _("Regional commissions")


class AgencyQuerySet(PublicQuerySet):
    def members_on(self, date, body=Body.GMG):
        """Agencies holding a published membership of `body` on `date` (a draft membership makes no member)."""
        active = Membership.objects.published().filter(agency=OuterRef("pk"), body=body).active_on(date)
        return self.filter(Exists(active))

    def ever_members(self, body=Body.GMG):
        """Agencies that held a published membership of `body` at any time."""
        return self.filter(Exists(Membership.objects.published().filter(agency=OuterRef("pk"), body=body)))


class Agency(Editorial):
    acronym = models.CharField(max_length=32, help_text="As the agency writes it, e.g. UNHCR or UN Women.")
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=40, unique=True, help_text="The lower-case acronym, e.g. unhcr.")
    kind = models.CharField(
        max_length=12, choices=AgencyKind.choices, blank=True,
        help_text="As the UN System Chart classifies it; leave empty rather than guess.",
    )  # fmt: skip
    kind_source = models.CharField(
        max_length=200, blank=True,
        help_text="The UN System Chart edition the kind follows; the kind is shown only with it.",
    )  # fmt: skip
    kind_source_url = models.URLField("kind source URL", max_length=500, blank=True)
    in_un_system = models.BooleanField(
        "in the UN system at the group's end", default=True,
        help_text="Kept for compatibility: whether it was part of the UN system when the group ended (2018).",
    )  # fmt: skip
    in_un_system_since = models.DateField(
        "in the UN system since", null=True, blank=True,
        help_text="When it joined the UN system during the group's life (IOM: 19 September 2016).",
    )  # fmt: skip
    in_un_system_since_precision = precision_field()
    headquarters = models.CharField(max_length=100, blank=True, help_text="City of the headquarters.")
    website = models.URLField(blank=True)
    migration_focus = models.CharField(max_length=255, blank=True, help_text="One line on its migration mandate.")
    description = RichTextField(blank=True)
    logo = models.ImageField(
        upload_to=GeneratedName("logos", image_field="logo"), validators=[validate_image], blank=True
    )

    # What registry.search matches and ranks (names A, summaries B, long texts C), the fields it reads in each
    # language, and their text-search document, kept by the database and GIN-indexed on PostgreSQL (0013).
    SEARCH_FIELDS = {"acronym": "A", "name": "A", "migration_focus": "B", "headquarters": "C", "description": "C"}
    SEARCH_TRANSLATED = ("name", "migration_focus", "description")
    # The names alone, as a membership is searched by its agency's (registry.search reads this column there
    # instead of parsing seven names for each of 2,000 memberships a search at scale 100).
    SEARCH_NAMES = {"acronym": "A", "name": "B"}
    names_document = stored_search_document(SEARCH_NAMES, ("name",))
    search_document = stored_search_document(SEARCH_FIELDS, SEARCH_TRANSLATED)
    search_text = stored_search_text(SEARCH_FIELDS, SEARCH_TRANSLATED)  # trigram-indexed on PostgreSQL (0021)

    objects = AgencyQuerySet.as_manager()

    class Meta:
        ordering = ["acronym"]
        verbose_name_plural = "agencies"
        permissions = [("publish_agency", "Can approve changes to agencies")]
        indexes = [
            models.Index(fields=["acronym"], name="agency_acronym_idx"),  # the directory's order
            # The directory's list of known cities (DISTINCT headquarters): read from the index, not the table's
            # 2,000 wide rows.
            models.Index(fields=["headquarters"], name="agency_headquarters_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                Lower("acronym"),
                name="registry_agency_acronym_ci_unique",
                violation_error_message="An agency with this acronym already exists (acronyms ignore case).",
            ),
            models.UniqueConstraint(
                Lower("slug"),
                name="registry_agency_slug_ci_unique",
                violation_error_message="An agency with this slug already exists.",
            ),
        ]

    def __str__(self):
        return self.acronym

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.acronym)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("site:agency", kwargs={"slug": self.slug})

    @property
    def kind_is_sourced(self):
        return bool(self.kind and self.kind_source)

    @property
    def un_system_span(self):
        """When it entered the UN system, where that happened during the group's life (IOM, 2016)."""
        return Span(self.in_un_system_since, self.in_un_system_since_precision)

    def clean(self):
        super().clean()
        if self.in_un_system_since and not self.in_un_system:
            raise ValidationError(
                {"in_un_system": "An agency that entered the UN system was in it at the group's end; tick it."}
            )


class MembershipQuerySet(PublishablePeriodQuerySet):
    """A membership counts from its start or, when the start is not recorded, from `attested_on`.

    `counted_from` is that date; a membership with neither (WFP: a source lists it as a member
    but gives no date) counts on no date at all. Every count of members goes through here.
    """

    def with_counted_from(self):
        return self.alias(counted_from=Coalesce("start", "attested_on"))

    def active_on(self, date):
        """Memberships counted on `date`; none of a body that had ended by then, whatever their end says."""
        counted = self.with_counted_from().filter(Q(counted_from__lte=date), Q(end__isnull=True) | Q(end__gte=date))
        return counted.exclude(body__in=ended_bodies(date))

    def overlapping(self, start, end):
        """Memberships counted on at least one day of [start, end] (`end=None`: still ongoing)."""
        qs = self.with_counted_from().filter(counted_from__isnull=False).filter(Q(end__isnull=True) | Q(end__gte=start))
        return qs if end is None else qs.filter(counted_from__lte=end)

    def counted(self):
        """The memberships that count on some date, with the first (`counted_from`)."""
        return self.annotate(counted_from=Coalesce("start", "attested_on")).filter(counted_from__isnull=False)

    def counted_periods(self):
        """(agency id, body, counted from, end) of every membership that counts on some date: one query."""
        return self.counted().values_list("agency_id", "body", "counted_from", "end")

    def counted_years(self):
        """(agency id, year counted from, year of the end or None) of every membership that counts on some
        date: the years, computed by the database, for counts by year (one integer per row, no date to read)."""
        return self.counted().values_list("agency_id", Year("counted_from"), Year("end"))

    def undated(self):
        """Memberships a source records without any date: listed, but counted on no date."""
        return self.filter(start__isnull=True, attested_on__isnull=True)


def agencies_counted_between(periods, first, last, body=None):
    """The agency ids among `counted_periods()` rows that count on at least one day of [first, last]."""
    return {
        agency
        for agency, in_body, start, end in periods
        if (body is None or in_body == body) and start <= last and (end is None or end >= first)
    }


class Membership(InBody, Publishable, Period):
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="memberships")
    body = models.CharField(max_length=6, choices=Body.choices, default=Body.GMG)
    start = models.DateField(
        null=True, blank=True, help_text="Empty when no source records when it joined (give 'attested on' instead)."
    )
    attested_on = models.DateField(
        null=True,
        blank=True,
        help_text="Only if the start is not recorded: when a source shows it as a member. Counts from then on.",
    )
    attested_on_precision = precision_field()
    note = models.TextField(blank=True)
    # Searched by its agency's names (their stored document, `Agency.names_document`) and its note.
    SEARCH_FIELDS = {**{f"agency__{name}": weight for name, weight in Agency.SEARCH_NAMES.items()}, "note": "B"}
    # "Member by 2015" vouches for 31 December 2015 at the latest: it counts from the end of that period.
    partial_dates = {"start": False, "end": True, "attested_on": True}
    requires_source = True

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = [F("start").asc(nulls_last=True), "agency__acronym"]
        permissions = [("publish_membership", "Can publish, schedule and withdraw memberships")]
        constraints = [
            end_after_start("registry_membership_end_after_start"),
            models.CheckConstraint(
                condition=Q(attested_on__isnull=True) | Q(start__isnull=True),
                name="registry_membership_attested_only_without_start",
                violation_error_message="A membership with a recorded start needs no attestation date.",
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(attested_on__isnull=True) | Q(end__gte=F("attested_on")),
                name="registry_membership_end_after_attested",
                violation_error_message="The end date is before the date a source attests the membership.",
            ),
        ]
        # No two memberships of one agency in one body overlap: validated in clean() everywhere,
        # and by an exclusion constraint on PostgreSQL (migration 0002, redefined by the later-years one).
        indexes = [
            # The few memberships recorded without any date (`undated()`, which count_named looks for on the
            # directory): a partial index of them, not a read of every membership.
            models.Index(
                fields=["agency"],
                condition=Q(start__isnull=True, attested_on__isnull=True),
                name="membership_undated_idx",
            ),
        ]

    def __str__(self):
        agency = self.agency if self.agency_id else "A new membership"  # unsaved, on the admin's add form
        return f"{agency} in the {self.get_body_display()}, {self.period_display}"

    @property
    def counted_from(self):
        """The first day this membership counts as one (None: on no date). As MembershipQuerySet.active_on."""
        return self.start or self.attested_on

    @property
    def span(self):
        if self.start is not None:
            return super().span
        return Span(None, unknown=self.period_display)

    @property
    def period_display(self):
        if self.start is not None:
            return super().period_display
        if self.attested_on is None:
            if self.end is None:
                return str(_("dates not recorded"))
            return _("joining date not recorded; until %(end)s") % {"end": self._end}
        text = _("member by %(date)s; joining date not recorded") % {
            "date": format_partial(self.attested_on, self.attested_on_precision)
        }
        return _("%(text)s; until %(end)s") % {"text": text, "end": self._end} if self.end else text

    @property
    def _end(self):
        return format_partial(self.end, self.end_precision)

    def contains(self, date):
        return self.counted_from is not None and self.counted_from <= date and (self.end is None or date <= self.end)

    def clean(self):
        super().clean()
        if self.start is not None and self.attested_on is not None:
            raise ValidationError(
                {"attested_on": "Give the date a source attests the membership only when its start is not recorded."}
            )
        if self.attested_on and self.end and self.end < self.attested_on:
            raise ValidationError({"end": "The end date is before the date a source attests the membership."})
        if self.agency_id is None or self.counted_from is None or not self.counts_in_overlaps:
            return  # a membership without dates overlaps nothing that can be shown; a withdrawn one claims nothing
        clash = (
            Membership.objects.counted_in_overlaps()
            .filter(agency_id=self.agency_id, body=self.body)
            .exclude(pk=self.pk)
            .overlapping(self.counted_from, self.end)
            .first()
        )
        if clash:
            raise ValidationError(
                f"{self.agency} already has a membership of the {clash.get_body_display()} "
                f"for {clash.period_display}, which overlaps this one."
            )


class ReportedTotalQuerySet(PublicQuerySet):
    def beside_named(self):
        """The totals, each with its sources (`source_list`, in their order) and who this registry names for its
        date: see `count_named`. The sources in one plain query (the generic relation's prefetch machinery cost
        twice the query)."""
        totals = list(self)
        sources = {}
        if totals:
            kind = ContentType.objects.get_for_model(self.model)
            keys = [kind.pk, *(total.pk for total in totals)]  # its SQL made once per shape (`compiled`)
            for source in compiled(
                Source, "of", lambda kind, *pks: Source.objects.filter(content_type=kind, object_id__in=pks), keys
            ):
                sources.setdefault(source.object_id, []).append(source)
        for total in totals:
            total.source_list = sources.get(total.pk, [])
        return count_named(totals)


def count_named(totals):
    """Set on each total the agencies this registry names for its date, in two queries whatever the size.

    `named_on_date`: agencies with a published membership of the total's body counted on some day of
    its date at its precision (all of 2018 for "2018"); `named_undated`: agencies whose membership
    of the body has no date at all (listed as members, counted on no date); `named` is both.
    """
    if not totals:
        return totals
    bodies = {total.body for total in totals}
    # How many agencies each total's date names, counted by the database (not every membership period read
    # and compared here: 2,000 agencies at scale 100).
    # One row of counts (an aggregate without GROUP BY), its SQL made once per number of bodies and totals
    # (`compiled`), run with the bodies, each total's body and period, and the time.
    bodies = sorted(bodies)

    def named(*values):
        periods = values[len(bodies) :]
        counts = {
            f"total_{i}": Count("agency", distinct=True, filter=_counted_between(first, last, body))
            for i, (body, first, last) in enumerate(zip(periods[0::3], periods[1::3], periods[2::3], strict=True))
        }
        counted = Membership.objects.published().filter(body__in=values[: len(bodies)]).counted().order_by()
        return counted.annotate(one=Value(1)).values("one").annotate(**counts).values_list(*counts)

    values = [*bodies, *(value for total in totals for value in (total.body, *total.period))]
    (row,) = compiled(Membership, ("named", len(bodies)), named, values)
    counts = {f"total_{i}": count for i, count in enumerate(row)}

    # The agencies listed without a date, with all their memberships: those dated on a total's date are counted.
    # Only what is compared and what the page shows of the agency (its acronym and link), as columns: not every
    # column of both (the agency's descriptions in six languages, its search document), nor model instances
    # but for the few agencies named.
    # Its SQL made once per shape (`compiled`), run with the bodies and the time.
    def listed(*bodies):
        memberships = Membership.objects.published().filter(body__in=bodies)
        return (
            memberships.filter(agency__in=memberships.undated().values("agency"))
            .order_by()
            .values_list("agency", "agency__acronym", "agency__slug", "body", "start", "attested_on", "end")
        )

    undated, periods = {}, []
    for agency, acronym, slug, body, start, attested_on, end in compiled(Membership, "undated", listed, sorted(bodies)):
        if start is None and attested_on is None:
            undated.setdefault(body, {})[agency] = Agency(pk=agency, acronym=acronym, slug=slug)
        else:
            periods.append((agency, body, start or attested_on, end))
    for i, total in enumerate(totals):
        first, last = total.period
        dated = agencies_counted_between(periods, first, last, total.body)
        extra = [agency for pk, agency in undated.get(total.body, {}).items() if pk not in dated]
        total.named_on_date = counts[f"total_{i}"]
        total.named_undated = sorted(extra, key=lambda agency: agency.acronym.lower())
        total.named = total.named_on_date + len(extra)
    return totals


def _counted_between(first, last, body):
    """A `counted()` membership of `body` that counts on at least one day of [first, last]."""
    return Q(body=body, counted_from__lte=last) & (Q(end__isnull=True) | Q(end__gte=first))


class ReportedTotal(DatedMixin, Editorial):
    """The group had N members on a date, per a source that does not name them all (22 in 2018)."""

    body = models.CharField(max_length=6, choices=Body.choices, default=Body.GMG)
    date = models.DateField(help_text="The date the source gives the total for.")
    total = models.PositiveSmallIntegerField(help_text="How many members the source reports.")
    note = models.TextField(blank=True, help_text="What the source says, e.g. its own words for the members.")

    SEARCH_FIELDS = {"note": "B"}
    search_document = stored_search_document(SEARCH_FIELDS)

    objects = ReportedTotalQuerySet.as_manager()

    class Meta:
        ordering = ["date", "body"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "date"],
                name="registry_reportedtotal_one_per_body_and_date",
                violation_error_message="A total is already reported for this body on this date.",
            ),
            models.CheckConstraint(
                condition=Q(total__gte=1),
                name="registry_reportedtotal_total_positive",
                violation_error_message="A reported total is at least 1.",
            ),
        ]

    def __str__(self):
        return f"{self.total} members of the {self.get_body_display()}, {self.date_display}"

    @property
    def period(self):
        """The first and last day the date names at its precision: (1 Jan 2018, 31 Dec 2018) for "2018"."""
        return self.date, normalise(self.date, self.date_precision, end=True)

    @property
    def when_display(self):
        """'in 2018', 'in May 2015', 'on 30 April 2015'."""
        if self.date_precision == Precision.DAY:
            return _("on %(date)s") % {"date": self.date_display}
        return _("in %(date)s") % {"date": self.date_display}

    def get_absolute_url(self):
        return reverse("site:agencies") + "#reported-totals"


@dataclasses.dataclass(frozen=True)
class ChairGap:
    """A period with no chair on record, with the note of a documented vacancy if there is one."""

    start: datetime.date
    end: datetime.date
    vacancy: "ChairVacancy | None" = None

    @property
    def documented(self):
        return self.vacancy is not None

    @property
    def note(self):
        return self.vacancy.note if self.vacancy else ""

    @property
    def span(self):
        return Span(self.start, Precision.DAY, self.end, Precision.DAY)

    @property
    def period_display(self):
        return self.span.text()


@dataclasses.dataclass(frozen=True)
class HolderName:
    """What a list of chair terms shows of a holder: its acronym and name, a link to its page."""

    pk: int
    acronym: str
    name: str  # in the active language, English where it has none (as reading `Agency.name` gives)
    slug: str

    def get_absolute_url(self):
        return reverse("site:agency", kwargs={"slug": self.slug})


class HeldByChairs:
    """What a chair term shows of its holders (`chairs`, in their order), as a model or as a row."""

    @property
    def co_chaired(self):
        return len(self.chairs) > 1

    @property
    def holders_display(self):
        return holders_display(self.chairs)


@dataclasses.dataclass
class ChairTermRow(HeldByChairs):
    """A chair term as a list of hundreds of terms shows it (`ChairTermQuerySet.rows()`): read as columns,
    with the same names as `ChairTerm`'s (`chairs`, `period_display`), so the same code draws both."""

    pk: int
    start: datetime.date
    start_precision: str
    end: datetime.date
    end_precision: str
    principal: str
    note: str
    chairs: list = dataclasses.field(default_factory=list)  # HolderName, in their order

    @property
    def span(self):
        return Span(self.start, self.start_precision, self.end, self.end_precision)

    @property
    def period_display(self):
        return self.span.text()


def holders_display(agencies):
    """'UNHCR', 'FAO and IOM', 'A, B and C'."""
    acronyms = [agency.acronym for agency in agencies]
    return " and ".join([", ".join(acronyms[:-1]), acronyms[-1]] if len(acronyms) > 1 else acronyms)


class ChairLookup:
    """The chair on any date from one query (`ChairTermQuerySet.lookup()`): for lists of statements, never one
    query per row."""

    def __init__(self, terms):
        self.terms = sorted(terms, key=lambda term: term.start)
        self.starts = [term.start for term in self.terms]

    def on(self, date):
        index = bisect.bisect_right(self.starts, date) - 1
        if index >= 0 and self.terms[index].end >= date:
            return self.terms[index]
        return None


# Where `with_holders()` puts a term's holdings, in their order; `ChairTerm.chairs` reads it.
PREFETCHED_HOLDINGS = "ordered_holdings"


class ChairTermQuerySet(PublishablePeriodQuerySet):
    def on(self, date):
        return self.filter(start__lte=date, end__gte=date)

    def with_holders(self):
        """Prefetch each term's holders in their order (two queries for any number of terms).

        Into a plain list (`to_attr`): prefetching into the related manager builds and filters a
        queryset per term, which was most of the cost of listing hundreds of terms."""
        holdings = ChairHolder.objects.select_related("agency").order_by("order", "pk")
        return self.prefetch_related(Prefetch("holdings", queryset=holdings, to_attr=PREFETCHED_HOLDINGS))

    def with_first_holder_acronym(self):
        """Annotate `first_holder_acronym`, to sort terms by chair without a row per co-chair."""
        first = ChairHolder.objects.filter(term=OuterRef("pk")).order_by("order", "pk").values("agency__acronym")[:1]
        return self.annotate(first_holder_acronym=Subquery(first))

    def rows(self):
        """This queryset's terms in its order as `ChairTermRow`s, each with its holders in order: one query of
        columns, a row per holder (two when sliced: a limit counts terms, not holders). For the chairs page's
        hundreds of terms, where building every term, holding and agency as a model instance took most of the
        page's time, and for the terms of a page of statements."""
        columns = ("pk", "start", "start_precision", "end", "end_precision", "principal", "note")
        if self.query.is_sliced:
            rows = {values[0]: ChairTermRow(*values) for values in self.values_list(*columns)}
            holders = (
                Agency.objects.filter(chair_holdings__term__in=self.values("pk"))
                .order_by("chair_holdings__order", "chair_holdings__pk")
                .values_list("chair_holdings__term", "pk", "acronym", translated_column(Agency, "name"), "slug")
            )
            for term, *holder in holders:
                rows[term].chairs.append(HolderName(*holder))
            return list(rows.values())
        through = "holdings__agency__"
        holder = ("holdings__agency", f"{through}acronym", translated_column(Agency, "name", through), f"{through}slug")
        order = self.query.order_by or self.model._meta.ordering
        rows = {}
        for *values, agency, acronym, name, slug in self.order_by(
            *order, "holdings__order", "holdings__pk"
        ).values_list(*columns, *holder):
            term = rows.get(values[0])
            if term is None:
                term = rows[values[0]] = ChairTermRow(*values)
            if agency is not None:  # a term with no holder yet (LEFT JOIN)
                term.chairs.append(HolderName(agency, acronym, name, slug))
        return list(rows.values())

    def lookup(self):
        """Every term and its holders in one query of columns (`rows()`), answering `.on(date)` in memory (terms
        never overlap)."""
        return ChairLookup(self.rows())

    def current(self, date=None):
        """The term running on `date` (today if None), or None during a vacancy."""
        from django.utils import timezone

        return self.on(date or timezone.localdate()).with_holders().first()

    def current_or_last(self, date=None):
        """(term, running, more_to_come) on `date` (today if None): the term running then and True, else the last
        one that ended before it and False (None, False when none had started), and whether a term starts later.

        One query and its holders' (terms never overlap: the last to start by `date` is the only one that can be
        running), where `current()`, a query for the last term and one for a later term took four."""
        from django.utils import timezone

        date = date or timezone.localdate()
        started = self.filter(start__lte=date).annotate(more_to_come=Exists(self.filter(start__gt=date)))
        term = started.order_by("-start").with_holders().first()
        if term is None:
            return None, False, False
        return term, term.end >= date, term.more_to_come

    def held_by(self, agency):
        """Terms `agency` (an Agency or a slug) held, alone or as a co-chair."""
        holders = ChairHolder.objects.filter(term=OuterRef("pk"))
        holders = holders.filter(agency=agency) if isinstance(agency, Agency) else holders.filter(agency__slug=agency)
        return self.filter(Exists(holders))

    def gaps(self, start=None, end=None, vacancies=None, terms=None):
        """Periods between `start` and `end` (default: the first and last terms) with no chair on record.

        The terms are this queryset's (`ChairTerm.objects.published().gaps()` for the public: a draft
        term fills no gap); a gap is explained by one of `vacancies` (default: the published ones with their
        sources, so a draft vacancy explains nothing). `terms`: this queryset's terms (anything with `start` and `end`)
        in order of start, when the caller has read them already (the chairs page), not to read them twice.
        """
        if terms is None:
            terms = list(self.order_by("start").values_list("start", "end"))
        else:
            terms = [(term.start, term.end) for term in terms]
        if not terms:
            return []
        start = start or terms[0][0]
        end = end or terms[-1][1]
        if vacancies is None:
            vacancies = ChairVacancy.objects.published().prefetch_related("sources")
        vacancies = list(vacancies.overlapping(start, end))
        gaps, cursor = [], start
        for term_start, term_end in terms:
            if term_start > cursor and cursor <= end:
                gaps.append((cursor, min(term_start - datetime.timedelta(days=1), end)))
            cursor = max(cursor, term_end + datetime.timedelta(days=1))
        if cursor <= end:
            gaps.append((cursor, end))
        return [ChairGap(a, b, _vacancy_within(vacancies, a, b)) for a, b in gaps]


def _vacancy_within(vacancies, start, end):
    for vacancy in vacancies:
        if overlaps(vacancy.start, vacancy.end, start, end):
            return vacancy
    return None


class ChairTerm(HeldByChairs, InBody, Publishable, Period):
    """A term of the group's chair, held by one agency or by several together (co-chairs, as in 2018).

    Terms never overlap (clean() everywhere, an exclusion constraint on PostgreSQL); the agencies
    holding a term are its `holdings`, each agency once per term.
    """

    holders = models.ManyToManyField(Agency, through="ChairHolder", related_name="chair_terms")
    end = models.DateField()
    principal = models.CharField(
        max_length=200, blank=True, help_text="The executive head of the chairing agency, formal head of the group."
    )
    priorities = RichTextField(blank=True)
    note = models.TextField(blank=True, help_text="E.g. 'interim'.")
    requires_source = True

    # Co-chairs are matched one by one (registry.search); the term's own fields are its stored document.
    SEARCH_OWN = {"principal": "B", "note": "B", "priorities": "C"}
    SEARCH_FIELDS = {**{f"holders__{name}": weight for name, weight in Agency.SEARCH_NAMES.items()}, **SEARCH_OWN}
    search_document = stored_search_document(SEARCH_OWN)

    objects = ChairTermQuerySet.as_manager()

    class Meta:
        ordering = ["start"]
        permissions = [("publish_chairterm", "Can publish, schedule and withdraw chair terms")]
        constraints = [end_after_start("registry_chairterm_end_after_start")]
        # No two terms overlap: clean() everywhere, an exclusion constraint on PostgreSQL (0002).

    def __str__(self):
        return f"{self.holders_display or 'Chair term'}, {self.period_display}"

    @property
    def chairs(self):
        """The holding agencies in their order (uses `with_holders()` when prefetched)."""
        if self.pk is None:
            return []
        holdings = getattr(self, PREFETCHED_HOLDINGS, None)
        if holdings is None:
            holdings = self.holdings.all()
        return [holding.agency for holding in holdings]

    @property
    def first_holder(self):
        """The sole chair, or the first-named co-chair."""
        chairs = self.chairs
        return chairs[0] if chairs else None

    def set_holders(self, agencies):
        """Make `agencies` (in this order, each once) the holders of this saved term."""
        wanted = {agency.pk: order for order, agency in enumerate(dict.fromkeys(agencies))}
        for holding in list(self.holdings.all()):
            order = wanted.pop(holding.agency_id, None)
            if order is None:
                holding.delete()
            elif holding.order != order:
                holding.order = order
                holding.save(update_fields=["order"])
        for agency_id, order in wanted.items():
            ChairHolder.objects.create(term=self, agency_id=agency_id, order=order)
        self._prefetched_objects_cache = {}
        self.__dict__.pop(PREFETCHED_HOLDINGS, None)

    def clean(self):
        super().clean()
        if self.start is None or self.end is None or not self.counts_in_overlaps:
            return
        others = ChairTerm.objects.counted_in_overlaps().exclude(pk=self.pk)
        clash = others.overlapping(self.start, self.end).with_holders().first()
        if clash:
            raise ValidationError(
                f"This term overlaps {clash.holders_display or 'another chair'}'s term {clash.period_display} "
                f"({clash.start:%-d %b %Y} – {clash.end:%-d %b %Y}); the group has one chair term at a time "
                "(co-chairs hold the same term)."
            )
        vacancy = ChairVacancy.objects.counted_in_overlaps().overlapping(self.start, self.end).first()
        if vacancy:
            raise ValidationError(
                f"This term overlaps the documented vacancy {vacancy.period_display}; change the vacancy first."
            )


class ChairHolder(models.Model):
    """One agency holding one chair term: the sole chair, or one of its co-chairs."""

    term = models.ForeignKey(ChairTerm, on_delete=models.CASCADE, related_name="holdings")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="chair_holdings")
    order = models.PositiveSmallIntegerField(default=0, help_text="Where the agency is named among the co-chairs.")

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "chair term holder"
        constraints = [
            models.UniqueConstraint(
                fields=["term", "agency"],
                name="registry_chairholder_once_per_term",
                violation_error_message="This agency already holds this term.",
            )
        ]

    def __str__(self):
        return f"{self.agency} ({self.term.period_display})" if self.term_id else str(self.agency)


class ChairVacancy(InBody, Publishable, Period):
    """A documented period with no chair (e.g. January–May 2009, when no agency would take it)."""

    note = models.TextField(help_text="Why there was no chair, as the sources tell it.")
    requires_source = True

    SEARCH_FIELDS = {"note": "B"}
    search_document = stored_search_document(SEARCH_FIELDS)

    objects = PublishablePeriodQuerySet.as_manager()

    class Meta:
        ordering = ["start"]
        verbose_name_plural = "chair vacancies"
        permissions = [("publish_chairvacancy", "Can publish, schedule and withdraw chair vacancies")]
        constraints = [end_after_start("registry_chairvacancy_end_after_start")]

    def __str__(self):
        return f"No chair, {self.period_display}"

    def clean(self):
        super().clean()
        if self.start is None or not self.counts_in_overlaps:
            return
        clash = ChairTerm.objects.counted_in_overlaps().overlapping(self.start, self.end).with_holders().first()
        if clash:
            raise ValidationError(f"A vacancy cannot overlap {clash.holders_display}'s term {clash.period_display}.")


class Profile(models.Model):
    """What the registry knows of a user beyond auth: the agency a focal point works for."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.SET_NULL, related_name="focal_points",
        help_text="For agency focal points: the one agency whose records they may edit.",
    )  # fmt: skip

    def __str__(self):
        return f"Profile of {self.user}"
