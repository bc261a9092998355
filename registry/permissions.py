"""Who may do what: the one place the admin, the API and commands ask.

Roles are auth groups (created by a data migration): Editor, Publisher, Agency focal point.
Model permissions say what a role may touch at all; the object rules below narrow a focal point
to their own agency's records.
"""

from registry.models import Agency, Statement, Status

EDITOR = "Editor"
PUBLISHER = "Publisher"
FOCAL_POINT = "Agency focal point"


def user_agency(user):
    profile = getattr(user, "profile", None)
    return profile.agency if profile else None


def is_focal_point(user):
    if not user.is_authenticated or user.is_superuser:
        return False
    return (
        user.groups.filter(name=FOCAL_POINT).exists() and not user.groups.filter(name__in=[EDITOR, PUBLISHER]).exists()
    )


def perm_name(model, action):
    opts = model._meta
    return f"{opts.app_label}.{action}_{opts.model_name}"


def can_view_drafts(user, model):
    return user.is_authenticated and user.is_staff and user.has_perm(perm_name(model, "view"))


def can_publish(user, obj_or_model):
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    return user.is_authenticated and user.has_perm(perm_name(model, "publish"))


def can_change(user, obj):
    """Change (or delete, with `action`) one record, applying a focal point's agency restriction."""
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
        editable = obj.status in (Status.DRAFT, Status.IN_REVIEW)
        return editable and (obj.pk is None or obj.signatories.filter(pk=agency.pk).exists())
    return False
