"""What deleting a record unlinks from other records, said in plain words, and put back on recovery.

Rows that belong to a record (memberships, sources…) are deleted with it and travel in its
revision; rows that merely name it — a statement's signatories, a publication's lead agencies, an
event's organiser, a focal point's agency, a translation's original — lose the link. The
deletion's revision keeps those links (`RemovedLink`), so recovering the record adds back every
one it can, and says which it could not.
"""

import dataclasses

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models

from registry.models import RemovedLink


@dataclasses.dataclass
class Unlink:
    """The records whose `field` names the record being deleted."""

    model: type
    field: models.Field
    records: list

    def sentence(self):
        names = "; ".join(f"“{record}”" for record in self.records)
        noun = self.model._meta.verbose_name if len(self.records) == 1 else self.model._meta.verbose_name_plural
        return f"{len(self.records)} {noun} will no longer name it as {self.field.verbose_name}: {names}."


def unlinked_by_deleting(obj):
    """The links deleting `obj` removes from other records (not the rows deleted with it, not those that block it)."""
    found = []
    for relation in obj._meta.related_objects:
        model = relation.related_model
        if model._meta.app_label != obj._meta.app_label or model is RemovedLink:
            continue
        # A many-to-many row goes, a nullable key is blanked; CASCADE rows go with it, PROTECT blocks it.
        if not (relation.many_to_many or relation.on_delete is models.SET_NULL):
            continue
        records = list(model._base_manager.filter(**{relation.field.name: obj}).order_by("pk"))
        if records:
            found.append(Unlink(model, relation.field, records))
    return found


def consequences(obj):
    """Plain sentences: what deleting `obj` will unlink."""
    return [unlink.sentence() for unlink in unlinked_by_deleting(obj)]


def remember(revision, obj):
    """Keep, with the deletion's revision, every link deleting `obj` is about to remove."""
    target_type = ContentType.objects.get_for_model(obj)
    RemovedLink.objects.bulk_create(
        RemovedLink(
            revision=revision,
            target_type=target_type,
            target_id=str(obj.pk),
            source_type=ContentType.objects.get_for_model(unlink.model),
            source_id=str(record.pk),
            source_repr=str(record)[:191],
            field=unlink.field.name,
        )
        for unlink in unlinked_by_deleting(obj)
        for record in unlink.records
    )


def restore(*, obj, revision, user):
    """Put back the links the deletion in `revision` removed from `obj`; returns (restored, not restored) sentences."""
    from registry import services  # services imports the permissions, which import the models

    restored, missed = [], []
    links = RemovedLink.objects.filter(
        revision=revision, target_type=ContentType.objects.get_for_model(obj), target_id=str(obj.pk)
    ).select_related("source_type")
    for link in links:
        model = link.source_type.model_class()
        field = model._meta.get_field(link.field)
        record = model._base_manager.filter(pk=link.source_id).first()
        what = f"{field.verbose_name} of {model._meta.verbose_name} “{link.source_repr}”"
        if record is None:
            missed.append(f"{what}: that {model._meta.verbose_name} no longer exists.")
            continue
        try:
            if field.many_to_many:
                values = [*getattr(record, field.name).all(), obj]
                services.save(obj=record, user=user, m2m={field.name: values}, clean=False, comment=_comment(obj))
            elif getattr(record, field.attname) is None:
                setattr(record, field.name, obj)
                services.save(obj=record, user=user, clean=False, comment=_comment(obj))
            else:
                missed.append(f"{what}: it names {getattr(record, field.name)} now.")
                continue
        except (PermissionDenied, ValidationError) as refusal:
            missed.append(f"{what}: {' '.join(getattr(refusal, 'messages', [str(refusal)]))}")
            continue
        restored.append(what)
    return restored, missed


def _comment(obj):
    return f"Link to {obj._meta.verbose_name} “{obj}” restored on recovering it."
