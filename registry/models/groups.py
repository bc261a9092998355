"""Working groups, the agencies in them, and what they did."""

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from registry.dates import Span, precision_field
from registry.fields import RichTextField
from registry.models.agencies import BODY_ENDS, Agency, Body, InBody, ended_bodies
from registry.models.base import (
    Editorial,
    PartialDates,
    Period,
    PeriodQuerySet,
    PublicQuerySet,
    Publishable,
    PublishablePeriodQuerySet,
    end_after_start,
    stored_search_document,
)
from registry.models.content import ci_unique_slug


class WorkingGroupQuerySet(PublicQuerySet):
    def active_on(self, date):
        if Body.GMG in ended_bodies(date):  # no working group outlived the group
            return self.none()
        return self.filter(
            Q(established__isnull=True) | Q(established__lte=date), Q(dissolved__isnull=True) | Q(dissolved__gte=date)
        )

    def with_agency(self, agency):
        """Groups in which `agency` (an Agency or a slug) is a co-chair or a member, by a published role."""
        roles = WorkingGroupRole.objects.published().filter(group=OuterRef("pk"))
        roles = roles.filter(agency=agency) if isinstance(agency, Agency) else roles.filter(agency__slug=agency)
        return self.filter(Exists(roles))


class WorkingGroup(PartialDates, Editorial):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    mandate = RichTextField(blank=True)
    established = models.DateField(null=True, blank=True)
    established_precision = precision_field()
    dissolved = models.DateField(null=True, blank=True)
    dissolved_precision = precision_field()
    partial_dates = {"established": False, "dissolved": True}

    SEARCH_FIELDS = {"name": "A", "mandate": "B"}
    SEARCH_TRANSLATED = ("name", "mandate")
    search_document = stored_search_document(SEARCH_FIELDS, SEARCH_TRANSLATED)

    objects = WorkingGroupQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            ci_unique_slug("workinggroup"),
            end_after_start("registry_workinggroup_dissolved_after_established", "established", "dissolved"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if self.established and self.dissolved and self.dissolved < self.established:
            raise ValidationError({"dissolved": "A group cannot be dissolved before it was established."})

    @property
    def span(self):
        if not self.established:
            return Span(None)
        ongoing = BODY_ENDS[Body.GMG].until
        return Span(self.established, self.established_precision, self.dissolved, self.dissolved_precision, ongoing)

    @property
    def period_display(self):
        return self.span.text()

    def get_absolute_url(self):
        return reverse("site:working-group", kwargs={"slug": self.slug})


class Role(models.TextChoices):
    CO_CHAIR = "co_chair", _("Co-chair")
    MEMBER = "member", _("Member")


class WorkingGroupRole(InBody, Publishable, Period):
    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="roles")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="working_group_roles")
    role = models.CharField(max_length=8, choices=Role.choices, default=Role.MEMBER)
    start = models.DateField(null=True, blank=True, help_text="Empty when not known.")
    requires_source = True

    objects = PublishablePeriodQuerySet.as_manager()

    class Meta:
        ordering = ["group", "-role", "agency__acronym"]
        permissions = [("publish_workinggrouprole", "Can publish, schedule and withdraw working-group roles")]
        constraints = [end_after_start("registry_workinggrouprole_end_after_start")]

    def __str__(self):
        if not (self.agency_id and self.group_id):
            return "New working-group role"  # unsaved, on the admin's add form
        return f"{self.agency}, {self.get_role_display().lower()} of {self.group}"


class Activity(InBody, Editorial, Period):
    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="activities")
    title = models.CharField(max_length=300)
    description = RichTextField(blank=True)
    countries = models.CharField(max_length=500, blank=True, help_text="Comma-separated country names.")
    funding_note = models.TextField(blank=True)
    start = models.DateField(null=True, blank=True)

    objects = PeriodQuerySet.as_manager()

    class Meta:
        ordering = ["group", "start", "title"]
        verbose_name_plural = "activities"
        constraints = [end_after_start("registry_activity_end_after_start")]

    def __str__(self):
        return self.title

    @property
    def country_list(self):
        return [c.strip() for c in self.countries.split(",") if c.strip()]
