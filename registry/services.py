"""Writes that are more than one save. The admin, the API and management commands all call these.

Each takes keyword-only arguments, runs in one transaction, records a revision with the user and
a comment, and refuses a transition the user may not make with PermissionDenied (or a
ValidationError for a transition that makes no sense from the current status).

The record version is `updated_at` (the API's ETag uses it too): a caller that passes the
`expected_version` it last saw gets `Conflict` instead of overwriting someone else's change.
"""

import reversion
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from registry.permissions import (
    TRANSITIONS,
    can_add,
    can_change,
    can_delete,
    is_focal_point,
    may_attempt,
    transition_refusal,
    user_agency,
)

__all__ = [
    "TRANSITIONS",
    "Conflict",
    "check_version",
    "current_version",
    "delete",
    "due_to_go_live",
    "go_live",
    "publish",
    "return_to_draft",
    "save",
    "submit_for_review",
    "transition",
    "version_token",
    "withdraw",
]


class Conflict(Exception):
    """Someone else saved the record after the caller read it."""

    def __init__(self, obj, expected, current):
        self.obj, self.expected, self.current = obj, expected, current
        super().__init__(f"“{obj}” was changed by someone else after you opened it.")


def version_token(updated_at):
    """The version of a record as a string: its `updated_at`, to the microsecond."""
    return updated_at.isoformat() if updated_at else ""


def current_version(obj, *, lock=False):
    """The version the database holds now; with `lock`, the row stays locked until the transaction ends."""
    rows = type(obj)._base_manager.filter(pk=obj.pk)
    if lock:
        rows = rows.select_for_update()
    return version_token(rows.values_list("updated_at", flat=True).first())


def check_version(*, obj, expected):
    """Refuse with Conflict unless the record is still at `expected` (None: the caller did not say)."""
    if expected is None or obj.pk is None:
        return
    current = current_version(obj, lock=True)
    if current != expected:
        raise Conflict(obj, expected, current)


@transaction.atomic
def transition(*, obj, user, action, when=None, comment="", expected_version=None):
    check_version(obj=obj, expected=expected_version)
    if expected_version is not None:
        obj.refresh_from_db()
    refusal = transition_refusal(user, obj, action)
    if refusal:
        raise (ValidationError if may_attempt(user, obj, action) else PermissionDenied)(refusal)
    target = TRANSITIONS[action][1]
    obj.status = target
    if action == "publish":
        obj.published_at = when or timezone.now()
    obj.updated_by = user
    with reversion.create_revision():
        obj.save()
        reversion.set_user(user)
        if not comment and action == "publish" and obj.published_at > timezone.now():
            comment = f"Scheduled for {obj.published_at:%-d %b %Y %H:%M} UTC."
        reversion.set_comment(comment or f"{target.label}.")
    return obj


@transaction.atomic
def save(*, obj, user, expected_version=None, comment="", m2m=None, related=None, clean=True):
    """Every create and change, from the admin, the API and commands: one permission, one version, one revision.

    `m2m` ({field name: records}) is set after the row is saved, and `related` (a callable: the
    admin saves its inlines there) runs after that; then the permission is checked again on the
    final state, so that a focal point cannot, say, create a statement that names only another
    agency as signatory. Raises PermissionDenied, Conflict (someone saved since
    `expected_version`) or ValidationError, and then nothing is written.
    """
    new = obj.pk is None
    model = type(obj)
    check_version(obj=obj, expected=expected_version)
    # The record as stored decides whether it may be touched at all; the final state is checked below.
    if not (can_add(user, model) if new else can_change(user, model._base_manager.get(pk=obj.pk))):
        raise PermissionDenied(f"You may not save this {obj._meta.verbose_name}.")
    if clean:
        obj.full_clean()
    if hasattr(obj, "updated_by_id"):
        if new:
            obj.created_by = user
        obj.updated_by = user
    with reversion.create_revision():
        obj.save()
        for name, records in (m2m or {}).items():
            getattr(obj, name).set(records)
        if related is not None:
            related()
        if not can_change(user, obj):
            raise PermissionDenied(_refusal_after(user, obj))
        reversion.set_user(user)
        reversion.set_comment(comment or ("Added." if new else "Changed."))
    return obj


def _refusal_after(user, obj):
    agency = user_agency(user)
    if is_focal_point(user) and agency is not None and getattr(type(obj), "agency_field", None):
        return f"A focal point's {obj._meta.verbose_name} must stay one that {agency} is named on."
    return f"You may not save this {obj._meta.verbose_name} as it would be."


@transaction.atomic
def delete(*, obj, user, expected_version=None, comment=""):
    """Delete a record so that it can be recovered (registry.revisions saves it first)."""
    if not can_delete(user, obj):
        raise PermissionDenied(f"You may not delete this {obj._meta.verbose_name}.")
    check_version(obj=obj, expected=expected_version)
    with reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(comment or f"Deleted {obj._meta.verbose_name} “{obj}”.")
        obj.delete()


def submit_for_review(*, obj, user, comment="", expected_version=None):
    return transition(obj=obj, user=user, action="submit", comment=comment, expected_version=expected_version)


def publish(*, obj, user, when=None, comment="", expected_version=None):
    """Publish now, or schedule for `when` (a future time keeps it off the public site until then)."""
    return transition(
        obj=obj, user=user, action="publish", when=when, comment=comment, expected_version=expected_version
    )


def withdraw(*, obj, user, comment="", expected_version=None):
    return transition(obj=obj, user=user, action="withdraw", comment=comment, expected_version=expected_version)


def return_to_draft(*, obj, user, comment="", expected_version=None):
    return transition(obj=obj, user=user, action="return_to_draft", comment=comment, expected_version=expected_version)


def due_to_go_live(model, *, now=None):
    """Scheduled records whose time has come but that nobody has touched since (see `go_live`)."""
    return model.objects.due_to_go_live(now)


@transaction.atomic
def go_live(*, obj):
    """Record that a scheduled record became public: a revision in its history, and a new version.

    The record is public from `published_at` whether or not this runs (`published()` compares with
    the clock); this makes the moment visible in the history and changes the version, so caches
    and API clients keyed on it see the change. Saving moves `updated_at` past `published_at`,
    which is what makes running it twice a no-op.
    """
    with reversion.create_revision():
        obj.save()
        reversion.set_comment(f"Went live as scheduled for {obj.published_at:%-d %b %Y %H:%M} UTC.")
    return obj
