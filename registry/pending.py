"""What a pending change holds and how it reads: the proposal as data, the record as it would be, the diff.

Writing (propose, approve, send back) is registry.services'; this module only turns a record into
the stored proposal and back, with Django's python serialiser, so the two directions cannot drift.
"""

import copy

from django.core import serializers

from registry.fields import RichTextField
from registry.revisions import changes_between, content_fields, field_dict_of

# The publication decision is not content: a proposal never carries it (see permissions.locked_fields).
NOT_PROPOSED = {"status", "published_at"}


def proposed_fields(model):
    return [f for f in content_fields(model) if f.name not in NOT_PROPOSED]


def snapshot(obj, *, m2m=None):
    """The stored form of `obj` as edited (unsaved): its content fields and `m2m` ({name: records};
    a field left out keeps the record's current rows)."""
    for field in proposed_fields(type(obj)):
        if isinstance(field, RichTextField):
            field.pre_save(obj, False)  # a proposal is previewed by staff: sanitised as a save would be
    names = [f.name for f in proposed_fields(type(obj)) if not f.many_to_many]
    fields = serializers.serialize("python", [obj], fields=names)[0]["fields"]
    for field in proposed_fields(type(obj)):
        if field.many_to_many:
            records = (m2m or {}).get(field.name)
            if records is None:
                records = field.value_from_object(obj) if obj.pk else []
            fields[field.name] = sorted(r.pk for r in records)
    return {"fields": fields, "repr": str(obj)[:200]}


def proposed(pending, live=None):
    """(record, m2m) — the live record with the proposal applied (unsaved), and {name: [ids]}."""
    live = live if live is not None else pending.live()
    record = {"model": live._meta.label_lower, "pk": live.pk, "fields": pending.data["fields"]}
    deserialized = next(serializers.deserialize("python", [record]))
    obj = copy.copy(live)
    for field in proposed_fields(type(live)):
        if not field.many_to_many and field.name in pending.data["fields"]:
            setattr(obj, field.attname, getattr(deserialized.object, field.attname))
    return obj, {name: list(ids) for name, ids in deserialized.m2m_data.items()}


def changes(pending, live=None):
    """Field-by-field differences between the live record and the proposal (revisions.changes_between)."""
    live = live if live is not None else pending.live()
    obj, m2m = proposed(pending, live)
    after = field_dict_of(obj)
    for name, ids in m2m.items():
        after[type(live)._meta.get_field(name).attname] = ids
    return changes_between(type(live), field_dict_of(live), after)
