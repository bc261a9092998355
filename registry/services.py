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

from registry.models import Status
from registry.permissions import (
    OPERATOR,
    TRANSITIONS,
    can_add,
    can_change,
    can_delete,
    can_review,
    is_focal_point,
    may_attempt,
    needs_review,
    recorded_user,
    source_refusal,
    transition_refusal,
    user_agency,
)

__all__ = [
    "OPERATOR",
    "TRANSITIONS",
    "Conflict",
    "approve",
    "check_version",
    "current_version",
    "delete",
    "due_to_go_live",
    "go_live",
    "propose",
    "publish",
    "return_to_draft",
    "save",
    "send_back",
    "submit_for_review",
    "transition",
    "version_token",
    "withdraw",
]


class Conflict(Exception):
    """Someone else saved the record after the caller read it."""

    def __init__(self, obj, expected, current, message=None):
        self.obj, self.expected, self.current = obj, expected, current
        super().__init__(message or f"“{obj}” was changed by someone else after you opened it.")


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
    if target == Status.PUBLISHED:
        _refuse_unsourced(obj)
    obj.status = target
    if action == "publish":
        obj.published_at = when or timezone.now()
    obj.updated_by = recorded_user(user)
    with reversion.create_revision():
        obj.save()
        reversion.set_user(recorded_user(user))
        if not comment and action == "publish" and obj.published_at > timezone.now():
            comment = f"Scheduled for {obj.published_at:%-d %b %Y %H:%M} UTC."
        reversion.set_comment(comment or f"{target.label}.")
    return obj


@transaction.atomic
def save(*, obj, user, expected_version=None, comment="", m2m=None, related=None, clean=True, review=True):
    """Every create and change, from the admin, the API and commands: one permission, one version, one revision.

    `m2m` ({field name: records}) is set after the row is saved, and `related` (a callable: the
    admin saves its inlines there) runs after that; then the permission is checked again on the
    final state, so that a focal point cannot, say, create a statement that names only another
    agency as signatory. Raises PermissionDenied, Conflict (someone saved since
    `expected_version`) or ValidationError, and then nothing is written.

    An edit to a live record by someone who may not publish it is not written: it becomes (or
    updates) the record's pending change, which is returned instead of the record (see `propose`).
    `review=False` only where the caller judged the record before it was rewritten (the admin's
    restore and recover, where reversion writes the revision's rows before the form is saved).
    """
    new = obj.pk is None
    model = type(obj)
    check_version(obj=obj, expected=expected_version)
    stored = None if new else model._base_manager.get(pk=obj.pk)
    # The record as stored decides whether it may be touched at all; the final state is checked below.
    if not (can_add(user, model) if new else can_change(user, stored)):
        raise PermissionDenied(f"You may not save this {obj._meta.verbose_name}.")
    if review and not new and needs_review(user, stored):
        # The live row stays as it is; `related` (the admin's inline rows) is not written either.
        return propose(obj=obj, user=user, m2m=m2m, comment=comment, clean=clean)
    if clean:
        obj.full_clean()
    if hasattr(obj, "updated_by_id"):
        if new:
            obj.created_by = recorded_user(user)
        obj.updated_by = recorded_user(user)
    with reversion.create_revision():
        obj.save()
        for name, records in (m2m or {}).items():
            getattr(obj, name).set(records)
        if related is not None:
            related()
        if not can_change(user, obj):
            raise PermissionDenied(_refusal_after(user, obj))
        if getattr(obj, "status", None) == Status.PUBLISHED:
            _refuse_unsourced(obj)  # on the final state: a source saved with it (an admin inline) counts
        reversion.set_user(recorded_user(user))
        reversion.set_comment(comment or ("Added." if new else "Changed."))
    return obj


def settle_restored_rows(states):
    """Put each row a restore or recover wrote back into the state `permissions.workflow_states_after_restore`
    decided (call it inside the restore's transaction, after the revision's rows are written)."""
    from registry.cache import bump_version

    for (model, pk), (status, published_at) in states.items():
        model._base_manager.filter(pk=pk).update(status=status, published_at=published_at)
    if states:
        bump_version()  # `update` skips the signals that move the content version


def _refuse_unsourced(obj):
    refusal = source_refusal(obj)
    if refusal:
        raise ValidationError(refusal)


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
    from registry.models import PendingChange, PendingState

    # A change proposed to a record that is gone has nothing left to apply to.
    PendingChange.objects.for_record(obj).open().update(state=PendingState.SUPERSEDED)
    with reversion.create_revision():
        reversion.set_user(recorded_user(user))
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


# Pending changes: edits to live records that wait for a Publisher ---------------------------------


@transaction.atomic
def propose(*, obj, user, m2m=None, comment="", clean=True):
    """Keep `user`'s edit of the live record `obj` (unsaved, as edited) as its pending change.

    The live row is not touched, so the public keeps seeing it. A record has one open change at a
    time: a further edit by anyone who may not publish replaces the proposal in it (and reopens it
    if it had been sent back), keeping the live version it was first based on, so that approving
    still notices a live record changed since. Only the record's own fields and many-to-many rows
    are proposed: rows with a life of their own (sources, memberships) are not part of it.
    """
    from registry import pending
    from registry.models import PendingChange, PendingState

    model = type(obj)
    stored = model._base_manager.select_for_update().get(pk=obj.pk)
    if not can_change(user, stored):
        raise PermissionDenied(f"You may not change this {obj._meta.verbose_name}.")
    if clean:
        obj.full_clean()
    _refuse_proposal_leaving_agency(user, obj, m2m)
    data = pending.snapshot(obj, m2m=m2m)
    change = PendingChange.objects.for_record(stored).open().select_for_update().first()
    if change is None:
        change = PendingChange(record=stored, base_version=version_token(stored.updated_at))
    change.data = data
    change.state = PendingState.PENDING
    change.proposed_by = user
    change.proposed_at = timezone.now()
    change.comment = comment
    change.save()
    return change


def _refuse_proposal_leaving_agency(user, obj, m2m):
    """A focal point's proposal must keep their agency on the record, as a direct save must."""
    field = getattr(type(obj), "agency_field", None)
    agency = user_agency(user)
    if not is_focal_point(user) or field is None or agency is None or field not in (m2m or {}):
        return
    if agency.pk not in {r.pk for r in m2m[field]}:
        raise PermissionDenied(_refusal_after(user, obj))


@transaction.atomic
def approve(*, change, user, comment=""):
    """Apply a pending change to its live record: one save (services.save), one revision, then it is closed.

    Refused with Conflict when the live record was saved after the proposal was based on it (the
    Publisher should compare again or send it back), and with PermissionDenied for a non-Publisher.
    """
    from registry import pending
    from registry.models import PendingChange, PendingState

    change = PendingChange.objects.select_for_update().get(pk=change.pk)
    live = change.live()
    if not can_review(user, live):
        raise PermissionDenied(f"Only a Publisher may approve changes to this {live._meta.verbose_name}.")
    if change.state != PendingState.PENDING:
        raise ValidationError(_not_waiting(change, "approved"))
    obj, m2m_ids = pending.proposed(change, live)
    m2m = {
        name: live._meta.get_field(name).related_model._base_manager.filter(pk__in=ids) for name, ids in m2m_ids.items()
    }

    who = change.proposed_by or "someone"
    now = current_version(live, lock=True)
    if now != change.base_version:
        raise Conflict(
            live,
            change.base_version,
            now,
            f"“{live}” was changed after {who} proposed this change, so approving it would undo that later "
            "change. Nothing was applied: compare the two, then send it back to be redone on the live version.",
        )
    save(
        obj=obj,
        user=user,
        expected_version=change.base_version,
        comment=comment or f"Approved the change proposed by {who}.",
        m2m=m2m,
    )
    change.state = PendingState.APPROVED
    change.reviewed_by, change.reviewed_at, change.review_comment = user, timezone.now(), comment
    change.save()
    return obj


@transaction.atomic
def send_back(*, change, user, comment):
    """Return a pending change to its proposer with the reviewer's reason; the live record stays as it is."""
    from registry.models import PendingChange, PendingState

    change = PendingChange.objects.select_for_update().get(pk=change.pk)
    if not can_review(user, change.model):
        raise PermissionDenied("Only a Publisher may send a change back.")
    if change.state != PendingState.PENDING:
        raise ValidationError(_not_waiting(change, "sent back"))
    if not comment.strip():
        raise ValidationError("Say why it is sent back: the proposer sees your comment.")
    change.state = PendingState.SENT_BACK
    change.reviewed_by, change.reviewed_at, change.review_comment = user, timezone.now(), comment.strip()
    change.save()
    return change


def _not_waiting(change, done):
    return f"This change is {change.get_state_display().lower()}; only a change waiting for review can be {done}."
