"""Links a deletion removes from other records, kept so that recovering the record can put them back."""

from django.contrib.contenttypes.models import ContentType
from django.db import models


class RemovedLink(models.Model):
    """One record that named a deleted record (a statement's signatory, an event's organiser…).

    Saved with the deletion's revision; recovering the deleted record adds each link back where
    the linking record still exists and the field is free (registry.links).
    """

    revision = models.ForeignKey("reversion.Revision", on_delete=models.CASCADE, related_name="removed_links")
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    target_id = models.CharField(max_length=191, help_text="The deleted record.")
    source_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    source_id = models.CharField(max_length=191, help_text="The record that named it.")
    source_repr = models.CharField(max_length=191)
    field = models.CharField(max_length=100, help_text="The field of the linking record that named it.")

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self):
        return f"{self.source_repr} → {self.field}"
