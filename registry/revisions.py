"""Which records keep a revision history, which related rows travel with them, and how two states differ.

A revision of an agency holds its memberships and sources, so restoring or recovering a deleted
agency brings those back too. Registered once, at start-up, for the admin, the API and commands.

Deleting a record (from any path: admin, API, shell) first records a "Deleted" revision of it
with its followed rows, so that what is recovered is the record as it was when it was deleted,
not as it was at its last save.
"""

import dataclasses
import datetime
import difflib

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db import models, transaction
from django.db.models.signals import pre_delete
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from reversion.models import Revision, Version

from registry import links
from registry import models as m

FOLLOW = {
    m.Agency: ["memberships", "sources"],
    m.Membership: ["sources"],
    m.ChairTerm: ["holdings", "sources"],
    m.ChairHolder: [],
    m.ChairVacancy: ["sources"],
    m.Statement: ["sources"],
    m.WorkingGroup: ["roles", "activities", "sources"],
    m.WorkingGroupRole: ["sources"],
    m.Activity: ["sources"],
    m.Event: ["participations", "sources"],
    m.Participation: ["sources"],
    m.Publication: ["sources"],
    m.Initiative: ["sources"],
    m.Topic: ["sources"],
    m.ReportedTotal: ["sources"],
    m.Page: ["sources"],
}

# Bookkeeping that changes on every save: never shown as "what changed".
BOOKKEEPING = {"created_at", "updated_at", "created_by", "updated_by"}


def generated(model):
    """The model's generated columns (stored orders, search documents): derived by the database, so not part
    of a revision; were they, reading a deleted record's version would ask the database for them (and fail)."""
    return tuple(field.name for field in model._meta.concrete_fields if isinstance(field, models.GeneratedField))


def register_all():
    if not reversion.is_registered(m.Source):
        reversion.register(m.Source)
    for model, follow in FOLLOW.items():
        if not reversion.is_registered(model):
            reversion.register(model, follow=follow, exclude=generated(model))
        pre_delete.connect(record_deletion, sender=model, dispatch_uid=f"registry-record-deletion-{model.__name__}")


def record_deletion(sender, instance, origin=None, **kwargs):
    """Save a revision of `instance` (and the rows it follows) while it still exists.

    Reversion saves a revision when its block ends and keeps only versions of rows that still
    exist then, so a deletion inside a block would leave nothing behind. This revision is saved
    at once, with the user and comment of the block the deletion runs in, if any.
    """
    if origin is not None and origin is not instance and type(origin) in FOLLOW:
        return  # a row deleted by cascade: its parent's deletion revision already holds it
    active = reversion.is_active()
    comment = (reversion.get_comment() if active else "") or f"Deleted {instance._meta.verbose_name} “{instance}”."
    revision = save_revision_now(instance, user=reversion.get_user() if active else None, comment=comment)
    links.remember(revision, instance)  # what it unlinks from other records, for recovering it


@transaction.atomic
def save_revision_now(instance, *, user=None, comment=""):
    rows = {}
    _collect(instance, rows)
    revision = Revision.objects.create(user=user, comment=comment, date_created=timezone.now())
    Version.objects.bulk_create(
        Version(
            revision=revision,
            content_type=ContentType.objects.get_for_model(obj),
            object_id=str(obj.pk),
            db=obj._state.db or "default",
            format="json",
            serialized_data=serializers.serialize("json", [obj]),
            object_repr=str(obj)[:191],
        )
        for obj in rows.values()
    )
    return revision


def _collect(obj, rows):
    key = (type(obj), obj.pk)
    if key in rows or not reversion.is_registered(type(obj)):
        return
    rows[key] = obj
    for name in FOLLOW.get(type(obj), ()):
        for related in getattr(obj, name).all():
            _collect(related, rows)


# What changed ---------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Change:
    field: str
    label: str
    old: str
    new: str
    long_text: bool = False

    @property
    def inline_diff(self):
        return word_diff(self.old, self.new)


def content_fields(model):
    return [
        f
        for f in model._meta.get_fields()
        if getattr(f, "concrete", False)
        and not f.auto_created
        and f.name not in BOOKKEEPING
        and f.editable
        and not _english_column(f)
    ]


def _english_column(field):
    """`name_en` repeats `name` (the English text, registry/translation.py): compared once, as `name`."""
    return getattr(field, "language", None) == "en" and hasattr(field, "translated_field")


def field_dict_of(instance):
    """The same shape as reversion's `Version.field_dict`, for a live instance."""
    values = {}
    for field in content_fields(type(instance)):
        if field.many_to_many:
            values[field.attname] = [o.pk for o in field.value_from_object(instance)] if instance.pk else []
        else:
            values[field.attname] = field.value_from_object(instance)
    return values


def display(field, value):
    if value is None or value == "":
        return ""
    if field.many_to_many:
        related = field.related_model._base_manager.filter(pk__in=list(value or []))
        return ", ".join(sorted(str(o) for o in related))
    if field.is_relation:
        obj = field.related_model._base_manager.filter(pk=value).first()
        return str(obj) if obj else f"#{value} (deleted)"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.datetime):
        return f"{value:%Y-%m-%d %H:%M} UTC"
    return str(value)


def changes_between(model, old, new):
    """Field-by-field differences between two field dicts (from versions or live instances)."""
    changes = []
    for field in content_fields(model):
        a, b = display(field, old.get(field.attname)), display(field, new.get(field.attname))
        if a != b:
            long_text = isinstance(field, models.TextField)
            changes.append(Change(field.name, str(field.verbose_name), a, b, long_text))
    return changes


def word_diff(old, new):
    """HTML showing `old` → `new` word by word, with <del> and <ins>; everything else escaped."""
    a, b = old.split(" "), new.split(" ")
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape(" ".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(f"<del>{escape(' '.join(a[i1:i2]))}</del>")
        if j2 > j1:
            out.append(f"<ins>{escape(' '.join(b[j1:j2]))}</ins>")
    return mark_safe(" ".join(out))  # noqa: S308 - every piece of text above is escaped


def _same_instant(value, token):
    # Reversion stores datetimes to the millisecond (DjangoJSONEncoder); the token has microseconds.
    if value is None or not token:
        return False
    try:
        seen = datetime.datetime.fromisoformat(token)
    except ValueError:
        return False
    return abs(value - seen) < datetime.timedelta(milliseconds=1)


def version_at(obj, token, *, search=50):
    """The stored revision of `obj` that was current at version `token`, if history holds it."""
    for version in Version.objects.get_for_object(obj).select_related("revision")[:search]:
        if _same_instant(version.field_dict.get("updated_at"), token):
            return version
    return None


def changes_since(obj, token):
    """What others changed in `obj` since version `token`: (changes, revisions after it).

    `changes` is None when the history no longer holds the version the caller saw.
    """
    seen = version_at(obj, token)
    later = Version.objects.get_for_object(obj).select_related("revision__user")
    if seen is None:
        return None, [v.revision for v in later[:5]]
    changes = changes_between(type(obj), seen.field_dict, field_dict_of(obj))
    return changes, [v.revision for v in later.filter(pk__gt=seen.pk)]
