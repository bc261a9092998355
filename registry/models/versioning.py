"""The content version: one row that every write to the registry changes, in the write's own transaction.

Cached public responses are keyed by it (registry.cache), so a committed write makes every cached
page unreachable at once, on every app server that shares the database. A scheduled record going
live changes what `published()` returns without any write, so the row also holds the next time
that will happen (`next_due`); the first request after it changes the version.

`serial` orders the versions: each change sets it above the last one and above the current time in
microseconds, so it only grows, even after a restored dump or a rebuilt database. A copy of the
version in a shared cache (registry.cache) is only ever replaced by a higher serial.
"""

import uuid

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, IntegrityError, models, transaction
from django.db.models import F, Min, Value
from django.db.models.functions import Greatest
from django.utils import timezone

from registry.models.base import Publishable, Status

ROW = 1


def new_token():
    # Random rather than a counter: a rolled-back transaction (or test) can never bring an old value back.
    return uuid.uuid4().hex


class ContentVersion(models.Model):
    token = models.CharField(max_length=32, default=new_token)
    serial = models.BigIntegerField(default=0, help_text="Grows with every change (see the module's docstring).")
    next_due = models.DateTimeField(null=True, blank=True, help_text="The next scheduled publication time.")
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "content version"

    def __str__(self):
        return self.token


def _primary(model):
    """The model's rows on the primary database, whatever a router would pick: the version decides whether a
    cached page is still right, and a read replica lags (a page from before a write would be served as new)."""
    return model._base_manager.db_manager(DEFAULT_DB_ALIAS)


def next_due(now=None):
    """The earliest publication time still in the future, over every model with a publication workflow."""
    now = now or timezone.now()
    times = [
        _primary(model).filter(status=Status.PUBLISHED, published_at__gt=now).aggregate(t=Min("published_at"))["t"]
        for model in apps.get_models()
        if issubclass(model, Publishable)
    ]
    return min(filter(None, times), default=None)


def _micros(now):
    return int(now.timestamp() * 1_000_000)


def _next_serial(now):
    return Greatest(F("serial") + 1, Value(_micros(now)))


def bump(*, due_changed=True):
    """Give the registry a new version, inside the caller's transaction; returns the new token."""
    token, now = new_token(), timezone.now()
    fields = {"token": token, "changed_at": now, "serial": _next_serial(now)}
    if due_changed:
        fields["next_due"] = next_due(now)
    if not ContentVersion.objects.filter(pk=ROW).update(**fields):
        try:
            with transaction.atomic():
                ContentVersion.objects.create(
                    pk=ROW, next_due=next_due(now), token=token, changed_at=now, serial=_micros(now)
                )
        except IntegrityError:  # another writer created it first
            ContentVersion.objects.filter(pk=ROW).update(**fields)
    from registry import cache  # the shared cache's copy of the version follows the commit

    cache.version_changed()
    return token


NO_VERSION = (0, "none", None)


def current_row():
    """(serial, token, next_due) of the version to key cached responses by, moved on first if a scheduled
    publication has come due."""
    row = _primary(ContentVersion).filter(pk=ROW).values_list("serial", "token", "next_due").first()
    if row is None:
        return NO_VERSION
    serial, token, due = row
    now = timezone.now()
    if due is None or due > now:
        return row
    # Compare-and-set, so that of many requests arriving together one moves it and all agree. The
    # token moves with the serial, so the row matched has the serial read above.
    fresh, upcoming = new_token(), next_due(now)
    if ContentVersion.objects.filter(pk=ROW, token=token).update(
        token=fresh, next_due=upcoming, changed_at=now, serial=_next_serial(now)
    ):
        return max(serial + 1, _micros(now)), fresh, upcoming
    return _primary(ContentVersion).filter(pk=ROW).values_list("serial", "token", "next_due").first() or NO_VERSION


def current():
    """The token of `current_row()`."""
    return current_row()[1]
