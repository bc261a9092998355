"""Pending changes: an edit to a live record that waits for a Publisher (as Wagtail keeps a live page
and a newer draft revision).

The live row is never touched until a Publisher approves, so every public surface (pages, API,
CSV, feeds, search, open data) keeps showing the live version without asking anything new.
The proposal is stored as Django's python serialisation of the record's content fields (many-to-many
as lists of ids); registry.pending reads and writes it.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PendingState(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    APPROVED = "approved", _("Approved")
    SENT_BACK = "sent_back", _("Sent back")
    SUPERSEDED = "superseded", _("Superseded")


class PendingChangeQuerySet(models.QuerySet):
    def open(self):
        """Changes still to be decided (pending) or to be reworked by their proposer (sent back)."""
        return self.filter(state__in=[PendingState.PENDING, PendingState.SENT_BACK])

    def awaiting_review(self):
        """What a Publisher has to decide, oldest first."""
        return self.filter(state=PendingState.PENDING).order_by("proposed_at")

    def sent_back_to(self, user):
        """`user`'s proposals a Publisher sent back, newest first: they are theirs to rework."""
        return self.filter(state=PendingState.SENT_BACK, proposed_by=user).order_by("-reviewed_at")

    def for_record(self, obj):
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)

    def of_models(self, models_):
        return self.filter(content_type__in=ContentType.objects.get_for_models(*models_).values())

    def visible_to(self, user):
        """A pending change is read by whoever may read its record (a focal point: their own agency's)."""
        from registry.permissions import Reader, reader

        if reader(user)[0] is Reader.EVERYTHING:
            return self.all()
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(Q(proposed_by=user))


class PendingChange(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    data = models.JSONField(
        encoder=DjangoJSONEncoder,
        help_text="The proposal: {'fields': the record's python serialisation, 'repr': its name}.",
    )
    base_version = models.CharField(
        max_length=40, help_text="The live record's version (updated_at) the proposal was made on."
    )
    state = models.CharField(max_length=10, choices=PendingState.choices, default=PendingState.PENDING)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="pending_changes"
    )
    proposed_at = models.DateTimeField(default=timezone.now)
    comment = models.TextField(blank=True, help_text="The proposer's note.")
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_comment = models.TextField(blank=True, help_text="The reviewer's reason for sending it back.")

    objects = PendingChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-proposed_at"]
        indexes = [models.Index(fields=["content_type", "object_id", "state"])]
        constraints = [
            # One open change per record: a further edit edits it rather than starting a rival.
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=Q(state__in=["pending", "sent_back"]),
                name="registry_pendingchange_one_open_per_record",
                violation_error_message="This record already has a change waiting for review.",
            )
        ]

    def __str__(self):
        return f"Change to {self.content_type.name} “{self.record_repr}” by {self.proposed_by or 'someone'}"

    @property
    def model(self):
        return self.content_type.model_class()

    @property
    def record_repr(self):
        return self.data.get("repr", f"#{self.object_id}")

    @property
    def is_open(self):
        return self.state in (PendingState.PENDING, PendingState.SENT_BACK)

    def live(self):
        """The record as the public sees it now."""
        return self.model._base_manager.get(pk=self.object_id)

    def get_absolute_url(self):
        return reverse("admin:registry_pendingchange_change", args=[self.pk])
