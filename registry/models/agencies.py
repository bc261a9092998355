"""Member agencies, their time-bounded memberships, and the rotating chair."""

import bisect
import dataclasses
import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.text import slugify

from registry.dates import Precision, Span, format_partial, overlaps, precision_field
from registry.fields import RichTextField
from registry.models.base import Editorial, Period, PeriodQuerySet, PublicQuerySet, end_after_start
from registry.uploads import GeneratedName, validate_image


class Body(models.TextChoices):
    GMG = "gmg", "Global Migration Group"
    GENEVA = "geneva", "Geneva Migration Group"


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
        return f"until the group ended ({self.display})"


# A body's end bounds everything in it: no membership, chair term, working group, role or activity
# of a body that has ended is "ongoing". The one place that says when each body ended.
BODY_ENDS = {
    # The GMG was replaced by the UN Network on Migration in 2018 (ohchr.org; FACTS.md).
    Body.GMG: BodyEnd(datetime.date(2018, 12, 31), Precision.YEAR, "replaced by the UN Network on Migration"),
    # The Global Migration Group was built on the Geneva Migration Group in early 2006 (the article).
    Body.GENEVA: BodyEnd(datetime.date(2006, 12, 31), Precision.YEAR, "succeeded by the Global Migration Group"),
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
        return end.until if end else "end not recorded"

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

    SECRETARIAT = "secretariat", "UN Secretariat department or office"
    FUND = "fund", "Fund or programme"
    SPECIALISED = "specialised", "Specialised agency"
    RESEARCH = "research", "Research and training institute"
    OTHER = "other", "Other entity"
    RELATED = "related", "Related organisation"
    COMMISSIONS = "commissions", "Regional commissions"


class AgencyQuerySet(PublicQuerySet):
    def members_on(self, date, body=Body.GMG):
        """Agencies holding a membership of `body` on `date`."""
        active = Membership.objects.filter(agency=OuterRef("pk"), body=body).active_on(date)
        return self.filter(Exists(active))

    def ever_members(self, body=Body.GMG):
        """Agencies that held a membership of `body` at any time."""
        return self.filter(Exists(Membership.objects.filter(agency=OuterRef("pk"), body=body)))


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

    objects = AgencyQuerySet.as_manager()

    class Meta:
        ordering = ["acronym"]
        verbose_name_plural = "agencies"
        permissions = [("publish_agency", "Can approve changes to agencies")]
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


class MembershipQuerySet(PeriodQuerySet):
    def active_on(self, date):
        """Memberships running on `date`; none of a body that had ended by then, whatever their end says."""
        return super().active_on(date).exclude(body__in=ended_bodies(date))


class Membership(InBody, Editorial, Period):
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="memberships")
    body = models.CharField(max_length=6, choices=Body.choices, default=Body.GMG)
    note = models.TextField(blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["start", "agency__acronym"]
        constraints = [end_after_start("registry_membership_end_after_start")]
        # No two memberships of one agency in one body overlap: validated in clean() everywhere,
        # and by an exclusion constraint on PostgreSQL (migration 0002).

    def __str__(self):
        return f"{self.agency} in the {self.get_body_display()}, {self.period_display}"

    def clean(self):
        super().clean()
        if self.agency_id is None or self.start is None:
            return
        clash = (
            Membership.objects.filter(agency_id=self.agency_id, body=self.body)
            .exclude(pk=self.pk)
            .overlapping(self.start, self.end)
            .first()
        )
        if clash:
            raise ValidationError(
                f"{self.agency} already has a membership of the {clash.get_body_display()} "
                f"for {clash.period_display}, which overlaps this one."
            )


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


class ChairLookup:
    """The chair on any date from one query: for lists of statements, never one query per row."""

    def __init__(self, terms):
        self.terms = sorted(terms, key=lambda term: term.start)
        self.starts = [term.start for term in self.terms]

    def on(self, date):
        index = bisect.bisect_right(self.starts, date) - 1
        if index >= 0 and self.terms[index].end >= date:
            return self.terms[index]
        return None


class ChairTermQuerySet(PeriodQuerySet):
    def on(self, date):
        return self.filter(start__lte=date, end__gte=date)

    def lookup(self):
        """Every term in one query, answering `.on(date)` in memory (terms never overlap)."""
        return ChairLookup(self.select_related("agency"))

    def current(self, date=None):
        """The term running on `date` (today if None), or None during a vacancy."""
        from django.utils import timezone

        return self.on(date or timezone.localdate()).select_related("agency").first()

    def gaps(self, start=None, end=None):
        """Periods between `start` and `end` (default: the first and last terms) with no chair on record."""
        terms = list(self.order_by("start").values_list("start", "end"))
        if not terms:
            return []
        start = start or terms[0][0]
        end = end or terms[-1][1]
        vacancies = list(ChairVacancy.objects.overlapping(start, end).prefetch_related("sources"))
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


class ChairTerm(InBody, Editorial, Period):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="chair_terms")
    end = models.DateField()
    principal = models.CharField(
        max_length=200, blank=True, help_text="The executive head of the chairing agency, formal head of the group."
    )
    priorities = RichTextField(blank=True)
    note = models.TextField(blank=True, help_text="E.g. 'interim'.")

    objects = ChairTermQuerySet.as_manager()

    class Meta:
        ordering = ["start"]
        constraints = [end_after_start("registry_chairterm_end_after_start")]
        # No two terms overlap: clean() everywhere, an exclusion constraint on PostgreSQL (0002).

    def __str__(self):
        return f"{self.agency}, {self.period_display}"

    def clean(self):
        super().clean()
        if self.start is None or self.end is None:
            return
        clash = ChairTerm.objects.exclude(pk=self.pk).overlapping(self.start, self.end).select_related("agency")
        clash = clash.first()
        if clash:
            raise ValidationError(
                f"This term overlaps {clash.agency}'s term {clash.period_display} "
                f"({clash.start:%-d %b %Y} – {clash.end:%-d %b %Y}); the group has one chair at a time."
            )
        vacancy = ChairVacancy.objects.overlapping(self.start, self.end).first()
        if vacancy:
            raise ValidationError(
                f"This term overlaps the documented vacancy {vacancy.period_display}; change the vacancy first."
            )


class ChairVacancy(InBody, Editorial, Period):
    """A documented period with no chair (e.g. January–May 2009, when no agency would take it)."""

    note = models.TextField(help_text="Why there was no chair, as the sources tell it.")

    objects = PeriodQuerySet.as_manager()

    class Meta:
        ordering = ["start"]
        verbose_name_plural = "chair vacancies"
        constraints = [end_after_start("registry_chairvacancy_end_after_start")]

    def __str__(self):
        return f"No chair, {self.period_display}"

    def clean(self):
        super().clean()
        if self.start is None:
            return
        clash = ChairTerm.objects.overlapping(self.start, self.end).select_related("agency").first()
        if clash:
            raise ValidationError(f"A vacancy cannot overlap {clash.agency}'s term {clash.period_display}.")


class Profile(models.Model):
    """What the registry knows of a user beyond auth: the agency a focal point works for."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.SET_NULL, related_name="focal_points",
        help_text="For agency focal points: the one agency whose records they may edit.",
    )  # fmt: skip

    def __str__(self):
        return f"Profile of {self.user}"
