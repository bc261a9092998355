"""Writes that are more than one save. The admin, the API and management commands all call these.

Each takes keyword-only arguments, runs in one transaction, records a revision with the user and
a comment, and refuses a transition the user may not make with PermissionDenied (or a
ValidationError for a transition that makes no sense from the current status).
"""

import reversion
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from registry.models import Status
from registry.permissions import can_change, can_publish

# Which statuses each transition may start from.
TRANSITIONS = {
    "submit": ({Status.DRAFT}, Status.IN_REVIEW),
    "return_to_draft": ({Status.IN_REVIEW, Status.WITHDRAWN}, Status.DRAFT),
    "publish": ({Status.DRAFT, Status.IN_REVIEW, Status.WITHDRAWN}, Status.PUBLISHED),
    "withdraw": ({Status.PUBLISHED}, Status.WITHDRAWN),
}
NEEDS_PUBLISHER = {"publish", "withdraw"}


@transaction.atomic
def transition(*, obj, user, action, when=None, comment=""):
    sources, target = TRANSITIONS[action]
    if action in NEEDS_PUBLISHER and not can_publish(user, obj):
        raise PermissionDenied(f"Only a Publisher may {action.replace('_', ' ')} this {obj._meta.verbose_name}.")
    if action not in NEEDS_PUBLISHER and not can_change(user, obj):
        raise PermissionDenied(f"You may not change this {obj._meta.verbose_name}.")
    if obj.status not in sources:
        raise ValidationError(f"A {obj.get_status_display().lower()} {obj._meta.verbose_name} cannot be {action}ed.")
    obj.status = target
    if action == "publish":
        obj.published_at = when or timezone.now()
    obj.updated_by = user
    with reversion.create_revision():
        obj.save()
        reversion.set_user(user)
        reversion.set_comment(comment or f"{target.label}.")
    return obj


def submit_for_review(*, obj, user, comment=""):
    return transition(obj=obj, user=user, action="submit", comment=comment)


def publish(*, obj, user, when=None, comment=""):
    """Publish now, or schedule for `when` (a future time keeps it off the public site until then)."""
    return transition(obj=obj, user=user, action="publish", when=when, comment=comment)


def withdraw(*, obj, user, comment=""):
    return transition(obj=obj, user=user, action="withdraw", comment=comment)


def return_to_draft(*, obj, user, comment=""):
    return transition(obj=obj, user=user, action="return_to_draft", comment=comment)
