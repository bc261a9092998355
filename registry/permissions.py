"""Who may do what: the one place the admin, the API and commands ask.

Roles are auth groups (created by a data migration): Editor, Publisher, Agency focal point.
Model permissions say what a role may touch at all; the object rules below narrow a focal point
to their own agency's records.
"""

import enum

from registry.models import Agency, Statement, Status

EDITOR = "Editor"
PUBLISHER = "Publisher"
FOCAL_POINT = "Agency focal point"

# Which statuses each workflow transition may start from, and where it leads.
TRANSITIONS = {
    "submit": ({Status.DRAFT}, Status.IN_REVIEW),
    "return_to_draft": ({Status.IN_REVIEW, Status.WITHDRAWN}, Status.DRAFT),
    # A published record may be published again only while it is still scheduled (to move its time).
    "publish": ({Status.DRAFT, Status.IN_REVIEW, Status.WITHDRAWN, Status.PUBLISHED}, Status.PUBLISHED),
    "withdraw": ({Status.PUBLISHED}, Status.WITHDRAWN),
}
NEEDS_PUBLISHER = {"publish", "withdraw"}
TRANSITION_LABELS = {
    "submit": "Submit for review",
    "return_to_draft": "Return to draft",
    "publish": "Publish",
    "withdraw": "Withdraw",
}

# Fields of their own agency a focal point may not change: identity and classification are the
# secretariat's to keep consistent across the registry.
FOCAL_POINT_LOCKED = {
    Agency: (
        "acronym", "slug", "kind", "kind_source", "kind_source_url", "in_un_system", "in_un_system_since",
        "in_un_system_since_precision",
    )
}  # fmt: skip


class Operator:
    """Whoever runs a management command on the server (`seed`, say): they could edit the database directly,
    so every rule but the role applies to their writes — validation, versions, one revision each, a
    source to publish — and the history records them as nobody rather than as a made-up account.
    """

    pk = id = None
    is_active = is_authenticated = is_staff = is_superuser = True
    is_anonymous = False

    def has_perm(self, perm, obj=None):
        return True

    def __str__(self):
        return "the operator"


OPERATOR = Operator()


def recorded_user(user):
    """The account a write is recorded under: the user, or nobody for the operator."""
    return None if isinstance(user, Operator) else user


def user_agency(user):
    profile = getattr(user, "profile", None)
    return profile.agency if profile else None


def _roles(user):
    # Asked many times per page; the user object lives for one request, so remember it there.
    if not hasattr(user, "_registry_roles"):
        user._registry_roles = set(user.groups.values_list("name", flat=True))
    return user._registry_roles


def is_focal_point(user):
    if not user.is_authenticated or user.is_superuser:
        return False
    roles = _roles(user)
    return FOCAL_POINT in roles and not roles & {EDITOR, PUBLISHER}


class Reader(enum.Enum):
    """How much of the registry a person reads (the QuerySets' `visible_to` turns this into rows)."""

    PUBLIC = "public"  # anonymous, or signed in without a role: what `published()` gives
    AGENCY = "agency"  # a focal point: the public records and their own agency's unpublished ones
    EVERYTHING = "everything"  # the secretariat: Editors, Publishers, superusers


def reader(user):
    """(Reader, agency) for `user`; `agency` is the focal point's own, else None."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Reader.PUBLIC, None
    if user.is_superuser:
        return Reader.EVERYTHING, None
    if not user.is_staff:
        return Reader.PUBLIC, None
    if _roles(user) & {EDITOR, PUBLISHER}:
        return Reader.EVERYTHING, None
    if is_focal_point(user):
        return Reader.AGENCY, user_agency(user)
    return Reader.PUBLIC, None


def perm_name(model, action):
    opts = model._meta
    return f"{opts.app_label}.{action}_{opts.model_name}"


def can_view_audit(user):
    """The cross-model audit trail is the secretariat's: editors, publishers and superusers."""
    if not user.is_authenticated or not user.is_staff:
        return False
    return user.is_superuser or bool(_roles(user) & {EDITOR, PUBLISHER})


def can_publish(user, obj_or_model):
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    return user.is_authenticated and user.has_perm(perm_name(model, "publish"))


def can_add(user, model):
    """Create a record of `model` on its own page. A focal point creates only statements there;
    sources they add from a record they may change (checked against that record)."""
    if not user.is_authenticated or not user.has_perm(perm_name(model, "add")):
        return False
    if not is_focal_point(user):
        return True
    # A focal point's statement is signed by their agency; without one they could not see it again.
    return model is Statement and user_agency(user) is not None


def can_change(user, obj):
    """Change one record, applying a focal point's agency restriction."""
    return _allowed(user, obj, "change")


def can_delete(user, obj):
    return _allowed(user, obj, "delete")


def _allowed(user, obj, action):
    if not user.is_authenticated or not user.has_perm(perm_name(type(obj), action)):
        return False
    if not is_focal_point(user):
        return True
    agency = user_agency(user)
    if agency is None:
        return False
    if isinstance(obj, Agency):
        return obj.pk == agency.pk and action == "change"
    if isinstance(obj, Statement):
        # A live statement they sign may be edited too: the edit waits for review (needs_review).
        editable = obj.status in (Status.DRAFT, Status.IN_REVIEW) or (action == "change" and obj.is_public)
        return editable and (obj.pk is None or obj.signatories.filter(pk=agency.pk).exists())
    return False


# Records the public sees without a workflow status of their own: always live.
ALWAYS_LIVE = (Agency,)


def is_live(obj):
    """The public sees this record now: published and due, or a kind of record that has no status."""
    if obj is None or obj.pk is None:
        return False
    if isinstance(obj, ALWAYS_LIVE):
        return True
    return bool(getattr(obj, "is_public", False))


def can_review(user, obj_or_model):
    """Approve or send back a pending change: whoever may publish that kind of record."""
    return can_publish(user, obj_or_model)


def needs_review(user, obj):
    """An edit by `user` to `obj` (as stored) waits for a Publisher instead of going live at once.

    Publishers' own edits go live at once, as do edits to records the public does not see yet.
    """
    return is_live(obj) and not can_review(user, obj)


def may_attempt(user, obj, action):
    """The role part of a transition rule: publishing and withdrawing are a Publisher's."""
    return can_publish(user, obj) if action in NEEDS_PUBLISHER else can_change(user, obj)


def can_restore(user, revision):
    """Restoring or recovering a revision rewrites every row in it: the user must be allowed to change each.

    Sources travel with their record and are covered by it. A row that no longer exists needs
    the right to add one of its kind.
    """
    from registry.models import Source

    for version in revision.version_set.select_related("content_type"):
        model = version.content_type.model_class()
        if model is None:
            return False
        if model is Source:
            continue
        current = model._base_manager.filter(pk=version.object_id).first()
        allowed = can_change(user, current) if current is not None else can_add(user, model)
        if not allowed:
            return False
    return True


def workflow_state_after_restore(user, model, current=None):
    """The (status, published_at) a restored or recovered record must take, or None to keep the revision's.

    Restoring brings back content, not a publication decision: an old revision of a withdrawn
    statement that was then published must not put it back on the site. A restored record keeps
    its current state; a recovered (deleted) one comes back as a draft unless a Publisher recovers it.
    """
    if not any(f.name == "status" for f in model._meta.fields):
        return None
    if current is not None:
        return current.status, current.published_at
    return None if can_publish(user, model) else (Status.DRAFT, None)


def workflow_states_after_restore(user, revision):
    """`workflow_state_after_restore` for every row of `revision` that has a workflow, asked before the
    revision is written back: {(model, pk): (status, published_at)}.

    Reversion writes back every row of a revision — a recovered agency's memberships, chair terms
    and working-group roles with it — and those rows have their own publication workflow: an Editor
    recovering an agency must not publish its facts behind review, any more than the agency's own
    state. Rows that still exist keep their current state; rows that come back are drafts unless the
    user may publish them.
    """
    states = {}
    for version in revision.version_set.select_related("content_type"):
        model = version.content_type.model_class()
        if model is None or not any(f.name == "status" for f in model._meta.fields):
            continue
        current = model._base_manager.filter(pk=version.object_id).only("status", "published_at").first()
        state = workflow_state_after_restore(user, model, current)
        if state is not None:
            states[(model, version.object_id)] = state
    return states


def transition_refusal(user, obj, action):
    """Why `user` may not move `obj` by `action` now, or None if they may."""
    sources, _target = TRANSITIONS[action]
    name = obj._meta.verbose_name
    if not may_attempt(user, obj, action):
        if action in NEEDS_PUBLISHER:
            return f"Only a Publisher may {action.replace('_', ' ')} this {name}."
        return f"You may not change this {name}."
    if obj.status not in sources or (action == "publish" and obj.status == Status.PUBLISHED and obj.is_public):
        label = TRANSITION_LABELS[action].lower()
        return f"“{obj}” is {obj.get_status_display().lower()}; it cannot be moved by “{label}”."
    return None


def source_refusal(obj):
    """Why `obj` may not be published (or stay published) for want of a source, or None.

    The registry's facts (memberships, chair terms, vacancies, working-group roles: the models'
    `requires_source`) are public only with at least one source. Asked of the record as saved, with
    its inline rows, by services.transition (publish) and services.save (a published record's final
    state), so a source added in the same admin save counts; the admin's source rows ask it too.
    """
    if not getattr(obj, "requires_source", False) or (obj.pk is not None and obj.sources.exists()):
        return None
    return source_message(type(obj))


def source_message(model):
    return f"A {model._meta.verbose_name} needs at least one source before it can be published."


def can_transition(user, obj, action):
    return transition_refusal(user, obj, action) is None


def available_transitions(user, obj):
    """The transitions `user` may make on `obj` now, in the order a form offers them."""
    return [action for action in TRANSITION_LABELS if can_transition(user, obj, action)]


def locked_fields(user, obj_or_model):
    """Fields `user` sees but may not edit on this kind of record.

    The status moves only by a transition (so every move is checked and recorded), and only a
    Publisher sets the publication time (which is what schedules publishing).
    """
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    locked = []
    if any(f.name == "status" for f in model._meta.fields):
        locked.append("status")
        if not can_publish(user, model):
            locked.append("published_at")
    if is_focal_point(user):
        locked.extend(FOCAL_POINT_LOCKED.get(model, ()))
    return locked
