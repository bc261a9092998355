"""The content version: one row that every write to the registry changes, in the write's own transaction.

Cached public responses are keyed by it (registry.cache), so a committed write makes every cached
page unreachable at once, on every app server that shares the database. A scheduled record going
live changes what `published()` returns without any write, so the row also holds the next time
that will happen (`next_due`); the first request after it changes the version.
"""

import uuid

from django.apps import apps
from django.db import IntegrityError, models, transaction
from django.db.models import Min
from django.utils import timezone

from registry.models.base import Publishable, Status

ROW = 1


def new_token():
    # Random rather than a counter: a rolled-back transaction (or test) can never bring an old value back.
    return uuid.uuid4().hex


class ContentVersion(models.Model):
    token = models.CharField(max_length=32, default=new_token)
    next_due = models.DateTimeField(null=True, blank=True, help_text="The next scheduled publication time.")
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "content version"

    def __str__(self):
        return self.token


def next_due(now=None):
    """The earliest publication time still in the future, over every model with a publication workflow."""
    now = now or timezone.now()
    times = [
        model._base_manager.filter(status=Status.PUBLISHED, published_at__gt=now).aggregate(t=Min("published_at"))["t"]
        for model in apps.get_models()
        if issubclass(model, Publishable)
    ]
    return min(filter(None, times), default=None)


def bump(*, due_changed=True):
    """Give the registry a new version, inside the caller's transaction; returns the new token."""
    token, now = new_token(), timezone.now()
    fields = {"token": token, "changed_at": now}
    if due_changed:
        fields["next_due"] = next_due(now)
    if not ContentVersion.objects.filter(pk=ROW).update(**fields):
        try:
            with transaction.atomic():
                ContentVersion.objects.create(pk=ROW, next_due=next_due(now), token=token, changed_at=now)
        except IntegrityError:  # another writer created it first
            ContentVersion.objects.filter(pk=ROW).update(**fields)
    return token


def current():
    """The version to key cached responses by, moved on first if a scheduled publication has come due."""
    row = ContentVersion.objects.filter(pk=ROW).values_list("token", "next_due").first()
    if row is None:
        return "none"
    token, due = row
    now = timezone.now()
    if due is None or due > now:
        return token
    # Compare-and-set, so that of many requests arriving together one moves it and all agree.
    fresh = new_token()
    if ContentVersion.objects.filter(pk=ROW, token=token).update(token=fresh, next_due=next_due(now), changed_at=now):
        return fresh
    return ContentVersion.objects.filter(pk=ROW).values_list("token", flat=True).first() or "none"
