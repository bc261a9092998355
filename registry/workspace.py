"""What each editor's admin home page shows: their work, what waits for them, and what needs fixing.

Every list asks the models' QuerySet methods (`in_review()`, `scheduled()`, `drafts()`,
`without_sources()`, `ChairTerm.objects.gaps()`) and `registry.permissions`; none decides a rule
of its own. Each list is one query (or one per model), whatever the size of the registry.
"""

import dataclasses

from django.urls import reverse
from reversion.models import Revision

from registry import permissions
from registry.models import (
    Agency,
    ChairTerm,
    ChairVacancy,
    Event,
    Initiative,
    Membership,
    Page,
    PendingChange,
    Publication,
    Statement,
    WorkingGroup,
    WorkingGroupRole,
)

# Records with the workflow (draft → in review → published): the content, and the registry's facts.
REVIEWED = [Statement, Publication, Page, Membership, ChairTerm, ChairVacancy, WorkingGroupRole]
# Records whose live version an edit can leave pending (registry.permissions.is_live).
LIVE_EDITED = [Agency, *REVIEWED]
# Records of history: each must cite where it comes from.
SOURCED = [
    Agency, Membership, ChairTerm, ChairVacancy, WorkingGroupRole, Statement, Publication, WorkingGroup, Event,
    Initiative,
]  # fmt: skip
LIMIT = 10


@dataclasses.dataclass
class Item:
    label: str
    url: str
    note: str = ""


@dataclasses.dataclass
class Panel:
    title: str
    items: list
    empty: str
    more_url: str = ""


def _change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def _changelist_url(model, **params):
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def _records(user, queryset_of, note_of):
    items = []
    for model in REVIEWED:
        if not user.has_perm(permissions.perm_name(model, "view")):
            continue
        records = model.objects.visible_to(user)
        if model is ChairTerm:
            records = records.with_holders()  # its name is its holders: two queries, not one per term
        for obj in queryset_of(records)[:LIMIT]:
            items.append(Item(f"{model._meta.verbose_name.capitalize()}: {obj}", _change_url(obj), note_of(obj)))
    return items


def _pending_item(change, note):
    return Item(f"Change to {change.content_type.name}: {change.record_repr}", change.get_absolute_url(), note)


def awaiting_review(user):
    records = _records(
        user,
        lambda qs: qs.in_review().order_by("updated_at"),
        lambda obj: f"submitted by {obj.updated_by or 'someone'}",
    )
    reviewable = [model for model in LIVE_EDITED if permissions.can_review(user, model)]
    changes = (
        PendingChange.objects.visible_to(user)
        .awaiting_review()
        .of_models(reviewable)
        .select_related("content_type", "proposed_by")[:LIMIT]
    )
    records += [_pending_item(c, f"proposed by {c.proposed_by or 'someone'} to the live version") for c in changes]
    return Panel("Waiting for your review", records, "Nothing is waiting for review.")


def sent_back_to_me(user):
    changes = PendingChange.objects.sent_back_to(user).select_related("content_type", "reviewed_by")[:LIMIT]
    return Panel(
        "Sent back to you",
        [_pending_item(c, f"{c.reviewed_by or 'a Publisher'}: “{c.review_comment}”") for c in changes],
        "Nothing has been sent back to you.",
    )


def scheduled(user):
    return Panel(
        "Scheduled to go live",
        _records(
            user,
            lambda qs: qs.scheduled().order_by("published_at"),
            lambda obj: f"public from {obj.published_at:%-d %b %Y %H:%M} UTC",
        ),
        "Nothing is scheduled.",
    )


def my_drafts(user):
    return Panel(
        "Your drafts",
        _records(user, lambda qs: qs.drafts().filter(created_by=user).order_by("-updated_at"), lambda obj: ""),
        "You have no drafts.",
    )


def recent_changes_by_others(user):
    revisions = (
        Revision.objects.exclude(user=user)
        .select_related("user")
        .prefetch_related("version_set__content_type")
        .order_by("-date_created")[:LIMIT]
    )
    items = []
    for revision in revisions:
        names = ", ".join(version.object_repr for version in revision.version_set.all()[:3])
        when = f"{revision.date_created:%-d %b %Y %H:%M}"
        items.append(
            Item(
                names or "(no record)",
                reverse("admin:reversion_revision_changelist"),
                f"{revision.user or 'an automated process'}, {when}: {revision.comment}",
            )
        )
    return Panel(
        "Recent changes by others",
        items,
        "Nobody else has changed anything yet.",
        reverse("admin:reversion_revision_changelist"),
    )


def data_quality(user):
    """Warnings an editor can act on: records citing no source, and chair periods nobody accounts for."""
    items = []
    for model in SOURCED:
        if not user.has_perm(permissions.perm_name(model, "change")):
            continue
        count = model.objects.without_sources().count()
        if count:
            noun = model._meta.verbose_name if count == 1 else model._meta.verbose_name_plural
            verb = "cites" if count == 1 else "cite"
            items.append(Item(f"{count} {noun} {verb} no source", _changelist_url(model, sourced="no")))
    if user.has_perm(permissions.perm_name(ChairTerm, "change")):
        # As the public sees the rotation: a draft term fills no gap, a draft vacancy explains none.
        for gap in ChairTerm.objects.published().gaps():
            if not gap.documented:
                items.append(
                    Item(
                        f"No chair and no documented vacancy: {gap.period_display}",
                        _changelist_url(ChairVacancy),
                        "add the term or a vacancy with its source",
                    )
                )
    return Panel("Data-quality warnings", items, "No warnings: every record cites a source.")


def missing_translations(user):
    """For each translated kind of record, how many still lack a text in each language (one query per kind)."""
    from django.db.models import Count

    from registry import i18n
    from registry.translation import TRANSLATED_FIELDS

    languages = [(code, name) for code, name in i18n.settings.LANGUAGES if code != i18n.DEFAULT]
    items = []
    for model in TRANSLATED_FIELDS:
        if not user.has_perm(permissions.perm_name(model, "change")):
            continue
        counts = model.objects.visible_to(user).aggregate(
            **{code.replace("-", "_"): Count("pk", filter=i18n.untranslated_q(model, code)) for code, _ in languages}
        )
        missing = [(code, name, counts[code.replace("-", "_")]) for code, name in languages]
        if any(count for _code, _name, count in missing):
            items.append(
                Item(
                    model._meta.verbose_name_plural.capitalize(),
                    _changelist_url(model, untranslated=next(code for code, _n, count in missing if count)),
                    "; ".join(f"{name}: {count}" for _code, name, count in missing if count),
                )
            )
    return Panel("Translations missing", items, "Every text is translated into the six languages.")


def panels_for(user):
    """The workspace of `user`, most urgent first."""
    panels = []
    if any(permissions.can_publish(user, model) for model in REVIEWED):
        panels += [awaiting_review(user), scheduled(user)]
    panels += [sent_back_to_me(user), my_drafts(user)]
    if permissions.can_view_audit(user):
        panels.append(recent_changes_by_others(user))
    if not permissions.is_focal_point(user):
        panels.append(data_quality(user))
        panels.append(missing_translations(user))
    return panels
