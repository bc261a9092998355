"""What every registry admin shares: roles, revisions, stamping, sources, and no lost updates.

Every rule about who may do what is asked of registry.permissions, and every workflow move goes
through registry.services, so the admin holds no copy of either.
"""

import reversion
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.admin import GenericTabularInline
from django.contrib.contenttypes.forms import BaseGenericInlineFormSet
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from reversion.admin import VersionAdmin
from reversion.models import Version

from registry import links, pending, permissions, services
from registry.admin.partial_dates import PartialDateForm
from registry.fields import RichTextField
from registry.models import PendingChange, Source, Status
from registry.models.base import Editorial
from registry.revisions import changes_between, changes_since
from registry.widgets import LabelledSplitDateTime, RichTextWidget

VERSION_FIELD = "_version_token"
TRANSITION_FIELD = "_transition"


# No lost updates ------------------------------------------------------------------------------


def conflict_messages(obj, expected):
    """A headline and one line per change telling an editor what someone else changed since they looked."""
    fresh = type(obj)._base_manager.get(pk=obj.pk)
    changes, revisions = changes_since(fresh, expected)
    who = ", ".join(
        f"{r.user or 'an automated process'} at {timezone.localtime(r.date_created):%H:%M:%S on %-d %b %Y}"
        for r in revisions
    )
    headline = f"Someone else saved “{obj}” after you opened it ({who or 'no history recorded'})."
    if changes is None:
        return headline, ["Their changes are no longer in the history; compare with the record as it is now."]
    if not changes:
        return headline, ["They changed no field of it, only rows that belong to it (sources, memberships…)."]
    return headline, [f"They changed {c.label}: “{_short(c.old)}” → “{_short(c.new)}”." for c in changes]


def _short(text, limit=160):
    return text if len(text) <= limit else text[: limit - 1] + "…"


class VersionCheckedForm(forms.ModelForm):
    """A change form that refuses to overwrite a version of the record its editor never saw.

    The page carries the record's version (`updated_at`) in a hidden field; on save it must still
    be the database's. If not, the form is invalid with a message naming the other editor's
    changes, keeps the input, and carries the new version, so saving again (after merging)
    deliberately overwrites.
    """

    current_version = None  # set per request by EditorialAdmin.get_form; None = no check (adding, recovering)
    requested_transition = None
    user = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        posted = self.data.get(VERSION_FIELD) if self.is_bound else None
        self.version_token = posted if posted is not None else (self.current_version or "")

    def clean(self):
        cleaned = super().clean()
        if self.current_version is not None and self.instance.pk and self.version_token != self.current_version:
            headline, details = conflict_messages(self.instance, self.version_token)
            self.version_token = self.current_version
            keep = "Nothing was saved; your input is kept below. Merge what you need, then save again to keep it."
            raise ValidationError([f"{headline} {keep}", *details])
        action = self.requested_transition
        if action:
            refusal = permissions.transition_refusal(self.user, self.instance, action)
            if refusal:
                raise ValidationError(refusal)
        return cleaned


# Inlines --------------------------------------------------------------------------------------


class LabelledRowsFormSetMixin:
    """Names every input of a tabular inline's rows after its column.

    A tabular inline prints each field's label once, as a column heading, and renders the inputs below it
    with no label of their own: a screen reader hears "edit text" in every cell. Each input (the delete
    box and the order field too) is named after its field's label instead.
    """

    def add_fields(self, form, index):
        super().add_fields(form, index)
        for field in form.fields.values():
            widget = field.widget
            if not field.label or widget.is_hidden:
                continue
            # A foreign key's select is wrapped (RelatedFieldWidgetWrapper); the inner widget renders the input.
            while isinstance(getattr(widget, "widget", None), forms.Widget):
                widget = widget.widget
            widget.attrs.setdefault("aria-label", str(field.label))


class ParentPermissionInlineMixin:
    """An inline row is part of its parent: whoever may not change the parent may not change its rows.

    Its rows' inputs are named after their columns (LabelledRowsFormSetMixin): every tabular inline here
    uses this mixin, so it is the one place that is done.
    """

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if not issubclass(formset, LabelledRowsFormSetMixin):
            formset = type(formset.__name__, (LabelledRowsFormSetMixin, formset), {})
        return formset

    def _parent_allows(self, request, obj):
        # While an edit of a live record is only a proposal, its rows (sources, memberships) stay as
        # they are: they are not part of a pending change (see services.propose).
        if obj is None:
            return True
        return permissions.can_change(request.user, obj) and not permissions.needs_review(request.user, obj)

    def has_add_permission(self, request, obj):
        return super().has_add_permission(request, obj) and self._parent_allows(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._parent_allows(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._parent_allows(request, obj)


def _kept_rows(formset):
    """The rows a formset leaves after saving: existing ones not deleted, and new ones filled in."""
    kept = [form for form in formset.initial_forms if not formset._should_delete_form(form)]
    return kept + [f for f in formset.extra_forms if f.has_changed() and not formset._should_delete_form(f)]


class SourceFormSet(BaseGenericInlineFormSet):
    """A fact that is published, or is being published by this save, keeps at least one source.

    The rule is registry.permissions.source_refusal (which services.transition and services.save
    apply to the saved record); asking it here, of the rows as they will be, turns a refusal into
    a form error with the input kept instead of a failed save. A source added in this save counts.
    """

    user = None

    def clean(self):
        super().clean()
        parent = self.instance
        if not getattr(parent, "requires_source", False):
            return
        if self.user is not None and permissions.needs_review(self.user, parent):
            return  # only a proposal: the live record and its sources stay as they are (services.propose)
        publishing = self.data.get(TRANSITION_FIELD) == "publish" or parent.status == Status.PUBLISHED
        if publishing and not _kept_rows(self):
            raise ValidationError(permissions.source_message(type(parent)))


class SourceInline(ParentPermissionInlineMixin, GenericTabularInline):
    model = Source
    formset = SourceFormSet
    extra = 0
    fields = ("title", "url", "note")
    verbose_name_plural = "sources (where these facts come from)"

    def get_formset(self, request, obj=None, **kwargs):
        return type("SourceFormSet", (super().get_formset(request, obj, **kwargs),), {"user": request.user})


class LiveRowsFormSet(BaseInlineFormSet):
    """Inline rows that are records with a workflow of their own (memberships, working-group roles).

    A row the public sees is changed here only by someone whose edits go live (a Publisher): anyone
    else changes it on its own page, where the edit waits for review as a pending change. New rows
    start as drafts, whoever adds them; their status moves on their own page.
    """

    user = None

    def clean(self):
        super().clean()
        if self.user is None:
            return
        for form in self.initial_forms:
            row = form.instance
            if not form.has_changed() or self._should_delete_form(form) or row.pk is None:
                continue
            stored = type(row)._base_manager.filter(pk=row.pk).first()
            if stored is not None and permissions.needs_review(self.user, stored):
                raise ValidationError(
                    f"“{stored}” is public, so a change to it waits for a Publisher's review: "
                    "open it (the link on its row) and edit it there."
                )


class EditorialInline(ParentPermissionInlineMixin, admin.TabularInline):
    form = PartialDateForm
    formset = LiveRowsFormSet
    extra = 0
    show_change_link = True

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if issubclass(formset, LiveRowsFormSet):
            formset = type(formset.__name__, (formset,), {"user": request.user})
        return formset

    def get_queryset(self, request):
        # Rows with a workflow are read as their own pages are: a focal point sees only the published ones.
        queryset = super().get_queryset(request)
        return queryset.visible_to(request.user) if hasattr(queryset, "visible_to") else queryset

    def get_readonly_fields(self, request, obj=None):
        # The status of a row with a workflow is shown, and moved only on the row's own page.
        status = ("status",) if any(f.name == "status" for f in self.model._meta.fields) else ()
        return (*super().get_readonly_fields(request, obj), *status)


# The base admin -------------------------------------------------------------------------------


class SourcedFilter(admin.SimpleListFilter):
    """Records citing no source, as the workspace's data-quality warnings count them."""

    title = "sources"
    parameter_name = "sourced"

    def lookups(self, request, model_admin):
        return [("no", "Cites no source")]

    def queryset(self, request, queryset):
        return queryset.without_sources() if self.value() == "no" else queryset


@admin.display(description="last changed", ordering="updated_at")
def last_changed(obj):
    when = timezone.localtime(obj.updated_at).strftime("%-d %b %Y %H:%M")
    return format_html("{} <span class='quiet'>by {}</span>", when, obj.updated_by or "—")


class EditorialAdmin(VersionAdmin):
    form = PartialDateForm
    inlines = [SourceInline]
    object_history_template = "admin/registry/object_history.html"
    delete_confirmation_template = "admin/registry/delete_confirmation.html"
    history_latest_first = True
    list_per_page = 50
    save_on_top = True
    bookkeeping = ("created_at", "created_by", "updated_at", "updated_by")
    # The admin gives every TextField a plain textarea unless told otherwise; its date-time inputs have no labels.
    formfield_overrides = {
        RichTextField: {"widget": RichTextWidget},
        models.DateTimeField: {"widget": LabelledSplitDateTime},
    }

    # Who may see and do what.

    def get_queryset(self, request):
        # The changelist, change, delete, history and compare views all find their record here.
        return super().get_queryset(request).visible_to(request.user)

    def get_object(self, request, object_id, from_field=None):
        # A record outside the user's queryset (another agency's draft) is simply not there for them.
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404(f"No {self.model._meta.verbose_name} with id {object_id} for you.")
        if getattr(request, "_registry_change_form", False):
            obj = self._with_pending_change(request, obj)
        return obj

    # Pending changes: an edit to a live record by someone who may not publish it waits for review.

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # Only the change form opens on a pending change; restore and recover forms show their revision.
        request._registry_change_form = True
        return super().change_view(request, object_id, form_url, extra_context)

    def _with_pending_change(self, request, obj):
        """The form of someone whose edit needs review opens on the record's open pending change."""
        change = PendingChange.objects.for_record(obj).open().select_related("proposed_by", "reviewed_by").first()
        request._registry_pending_change = change
        if change is None or not permissions.needs_review(request.user, obj):
            return obj
        proposed, m2m = pending.proposed(change, obj)
        proposed._registry_m2m_initial = m2m
        return proposed

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        change_obj = getattr(request, "_registry_pending_change", None)
        if obj is not None and obj.pk is not None:
            context["pending_notice"] = self._pending_notice(request, obj, change_obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _pending_notice(self, request, obj, change):
        user = request.user
        if not permissions.needs_review(user, obj):
            if change is not None and change.state == "pending" and permissions.can_review(user, obj):
                return {
                    "text": f"{change.proposed_by or 'Someone'} proposed a change to this live record "
                    f"on {timezone.localtime(change.proposed_at):%-d %b %Y %H:%M}; it waits for your review.",
                    "url": change.get_absolute_url(),
                    "link": "Review the proposed change",
                }
            return None
        text = (
            "This record is live. Your changes will be kept as a proposal for a Publisher to review; "
            "the public keeps seeing the live version until it is approved. Sources and memberships "
            "are not part of a proposal."
        )
        if change is not None:
            text = (
                f"This form shows the change {change.proposed_by or 'someone'} proposed on "
                f"{timezone.localtime(change.proposed_at):%-d %b %Y %H:%M}, not the live version. " + text
            )
            if change.state == "sent_back":
                text += f" It was sent back by {change.reviewed_by or 'a Publisher'}: “{change.review_comment}”"
        return {"text": text, "url": change.get_absolute_url() if change else "", "link": "See the changes"}

    def message_user(self, request, message, *args, **kwargs):
        proposal = getattr(request, "_registry_proposal", None)
        if proposal is not None and kwargs.get("level", args[0] if args else messages.INFO) == messages.SUCCESS:
            message = (
                f"Your change to “{proposal.record_repr}” waits for a Publisher's review; "
                "the public keeps seeing the live version until it is approved."
            )
        return super().message_user(request, message, *args, **kwargs)

    def has_add_permission(self, request):
        return permissions.can_add(request.user, self.model)

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return permissions.can_change(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is None:
            return super().has_delete_permission(request)
        return permissions.can_delete(request.user, obj)

    def get_list_filter(self, request):
        sourced = (SourcedFilter,) if issubclass(self.model, Editorial) else ()
        return (*super().get_list_filter(request), *sourced)

    def get_readonly_fields(self, request, obj=None):
        locked = permissions.locked_fields(request.user, obj or self.model)
        bookkeeping = self.bookkeeping if issubclass(self.model, Editorial) else ()
        return (*super().get_readonly_fields(request, obj), *locked, *bookkeeping)

    def get_prepopulated_fields(self, request, obj=None):
        # A slug the user may not edit cannot be prefilled either.
        locked = set(self.get_readonly_fields(request, obj))
        return {k: v for k, v in super().get_prepopulated_fields(request, obj).items() if k not in locked}

    # The form, with its version check.

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        current = None
        # Sources have no version of their own: they are saved with, and checked by, their record.
        if obj is not None and obj.pk is not None and isinstance(obj, Editorial):
            current = getattr(request, "_registry_version", None)
            if current is None:
                current = services.current_version(obj, lock=request.method == "POST")
        attrs = {
            "current_version": current or None,
            "requested_transition": request.POST.get(TRANSITION_FIELD) if request.method == "POST" else None,
            "user": request.user,
        }
        form = type(form.__name__, (VersionCheckedForm, form), attrs)
        m2m = getattr(obj, "_registry_m2m_initial", None)
        if m2m:
            # The proposal's many-to-many rows, not the live record's, fill the form.
            form = type(form.__name__, (form,), {"__init__": _initial_m2m(form.__init__, m2m)})
        return form

    def _version_or_404(self, request, version_id, object_id=None):
        # Reversion looks a version up by id alone; it must be one of this model's, or a URL could
        # restore any record through an admin whose permissions do not cover it.
        versions = Version.objects.get_for_model(self.model)
        if object_id is not None:
            versions = versions.filter(object_id=unquote(object_id))
        version = get_object_or_404(versions, pk=version_id)
        if request.method == "POST" and not permissions.can_restore(request.user, version.revision):
            raise PermissionDenied
        return version

    def revision_view(self, request, object_id, version_id, extra_context=None):
        version = self._version_or_404(request, version_id, object_id)
        # Restoring is a save like any other: it must not overwrite a change the restorer has not seen.
        obj = self.get_object(request, unquote(object_id))  # 404 for a record the user may not read
        if request.method == "POST" and permissions.needs_review(request.user, obj):
            # Reversion writes the old revision (and its rows) before the form is saved, so it cannot be
            # turned into a proposal afterwards: restoring a live record is a Publisher's.
            raise PermissionDenied("Only a Publisher may restore a revision of a live record.")
        request._registry_review = False  # decided above, on the record as it is before reversion reverts it
        if isinstance(obj, Editorial):
            request._registry_version = services.current_version(obj)
        request._registry_workflow = permissions.workflow_state_after_restore(request.user, self.model, obj)
        if request.method == "POST":
            request._registry_rows_workflow = permissions.workflow_states_after_restore(request.user, version.revision)
        # A field the user may not edit must not change by restoring either (a focal point's acronym).
        request._registry_keep = {name: getattr(obj, name) for name in permissions.locked_fields(request.user, obj)}
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        version = self._version_or_404(request, version_id)
        if not self.model.objects.deleted_visible_to(request.user, [version]):
            raise Http404(f"No deleted {self.model._meta.verbose_name} with version {version_id} for you.")
        request._registry_version = ""  # nobody else can have changed a deleted record
        request._registry_review = False  # a deleted record is not live: recovering it is no proposal
        request._registry_workflow = permissions.workflow_state_after_restore(request.user, self.model)
        if request.method == "POST":
            request._registry_rows_workflow = permissions.workflow_states_after_restore(request.user, version.revision)
        response = super().recover_view(request, version_id, extra_context)
        recovered = self.model._base_manager.filter(pk=version.object_id).first()
        if request.method == "POST" and response.status_code == 302 and recovered is not None:
            self._relink(request, recovered, version.revision)
        return response

    def _relink(self, request, obj, revision):
        restored, missed = links.restore(obj=obj, revision=revision, user=request.user)
        if restored:
            messages.success(request, f"Links restored: {'; '.join(restored)}.")
        for line in missed:
            messages.warning(request, f"Not restored — {line}")

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id)) if request.method == "GET" else None
        unlinks = links.consequences(obj) if obj is not None else []
        return super().delete_view(request, object_id, {**(extra_context or {}), "unlinks": unlinks})

    def recoverlist_view(self, request, extra_context=None):
        # Titles of deleted records are content too: list only those the user may read.
        deleted = self._reversion_order_version_queryset(
            Version.objects.get_deleted(self.model).select_related("revision")
        )
        visible = self.model.objects.deleted_visible_to(request.user, deleted)
        return super().recoverlist_view(request, {**(extra_context or {}), "deleted": visible})

    # Saving: who did it, and the whole of a delete in one recoverable revision.

    def save_model(self, request, obj, form, change):
        # Nothing is written yet: save_related writes the record and its rows in one service call,
        # so that the permission is checked on the final state (a focal point's signatories…).
        for name, value in getattr(request, "_registry_keep", {}).items():
            setattr(obj, name, value)
        workflow = getattr(request, "_registry_workflow", None)
        if workflow is not None:
            obj.status, obj.published_at = workflow

    def save_related(self, request, form, formsets, change):
        def rows():
            super(EditorialAdmin, self).save_related(request, form, formsets, change)
            self.complete_related(request, form.instance)

        obj = form.instance
        stored = type(obj)._base_manager.filter(pk=obj.pk).first() if obj.pk else None
        # Restore and recover decide before reversion writes the revision's rows (see revision_view).
        review = getattr(request, "_registry_review", True)
        if stored is not None and review and permissions.needs_review(request.user, stored):
            # Only a proposal: the many-to-many rows come from the form, nothing touches the live record.
            m2m = {name: form.cleaned_data[name] for name in self._m2m_fields(form)}
            request._registry_proposal = services.propose(obj=obj, user=request.user, m2m=m2m, clean=False)
            for formset in formsets:  # read-only here (see ParentPermissionInlineMixin): nothing of them is saved
                formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
            return
        # The form has validated the record and checked its version under a row lock already.
        services.save(obj=obj, user=request.user, related=rows, clean=False, review=review)
        services.settle_restored_rows(getattr(request, "_registry_rows_workflow", {}))

    def _m2m_fields(self, form):
        return [f.name for f in self.model._meta.many_to_many if f.name in form.cleaned_data]

    def complete_related(self, request, obj):
        """Related rows the admin adds on its own, after the form's (a hook for subclasses)."""

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            obj.delete()
        for obj in instances:
            if isinstance(obj, Editorial):
                if obj.pk is None:
                    obj.created_by = request.user
                obj.updated_by = request.user
            obj.save()
        formset.save_m2m()

    def delete_model(self, request, obj):
        # registry.revisions saves the "Deleted" revision (with this user and comment) before the rows go.
        services.delete(obj=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        # One revision per record, so that recovering one does not bring back the others.
        for obj in queryset:
            self.delete_model(request, obj)

    def changelist_view(self, request, extra_context=None):
        # Reversion runs the whole changelist in one revision; then an action on ten records would
        # make one revision of all ten, and restoring one would rewind the other nine. Each service
        # call and each delete records its own instead.
        context = {"has_change_permission": self.has_change_permission(request), **(extra_context or {})}
        return admin.ModelAdmin.changelist_view(self, request, context)

    # History, with the two revisions to compare chosen on the same page.

    def history_view(self, request, object_id, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        opts = self.model._meta
        versions = Version.objects.get_for_object_reference(self.model, unquote(object_id))
        action_list = [
            {
                "revision": version.revision,
                "version_id": version.pk,
                "url": reverse(f"admin:{opts.app_label}_{opts.model_name}_revision", args=[object_id, version.pk]),
            }
            for version in versions.select_related("revision__user")
        ]
        context = {"action_list": action_list, **(extra_context or {})}
        # Skip reversion's own history_view: this one builds the list with version ids for comparing.
        return admin.ModelAdmin.history_view(self, request, object_id, context)

    # Comparing two revisions.

    def get_urls(self):
        opts = self.model._meta
        name = f"{opts.app_label}_{opts.model_name}_compare"
        extra = [path("<path:object_id>/history/compare/", self.admin_site.admin_view(self.compare_view), name=name)]
        return extra + super().get_urls()

    def compare_view(self, request, object_id):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        object_id = unquote(object_id)
        # Revision ids are sequential, so guessable: the record itself must be one the user may read.
        self.get_object(request, object_id)
        versions = Version.objects.get_for_object_reference(self.model, object_id).select_related("revision__user")
        try:
            old = versions.get(pk=request.GET.get("from"))
            new = versions.get(pk=request.GET.get("to"))
        except (Version.DoesNotExist, ValueError):
            messages.error(request, "Choose two revisions of this record to compare.")
            return self.history_view(request, object_id)
        if old.revision.date_created > new.revision.date_created:
            old, new = new, old
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "opts": opts,
            "title": f"Compare revisions of “{new.object_repr}”",
            "object_id": object_id,
            "old": old,
            "new": new,
            "changes": changes_between(self.model, old.field_dict, new.field_dict),
            "related": _related_changes(old, new),
            "history_url": reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[object_id]),
            "restore_url": reverse(f"admin:{opts.app_label}_{opts.model_name}_revision", args=[object_id, old.pk]),
        }
        return TemplateResponse(request, "admin/registry/compare.html", context)


def _initial_m2m(init, m2m):
    def __init__(self, *args, **kwargs):
        init(self, *args, **kwargs)
        for name, ids in m2m.items():
            if name in self.fields:
                self.initial[name] = ids

    return __init__


def _related_changes(old, new):
    """Rows that travel with the record (memberships, sources…) added or removed between two revisions."""

    def rows(version):
        return {
            (v.content_type_id, v.object_id): f"{v.content_type.name}: {v.object_repr}"
            for v in version.revision.version_set.select_related("content_type")
            if (v.content_type_id, v.object_id) != (version.content_type_id, version.object_id)
        }

    before, after = rows(old), rows(new)
    return {
        "added": sorted(after[k] for k in after.keys() - before.keys()),
        "removed": sorted(before[k] for k in before.keys() - after.keys()),
    }


# Publishable records: the workflow --------------------------------------------------------------


@admin.display(description="status", ordering="status")
def publication_state(obj):
    if obj.status == "published" and not obj.is_public:
        return f"Scheduled for {timezone.localtime(obj.published_at):%-d %b %Y %H:%M}"
    return obj.get_status_display()


# The status and publication time, shown on every record with the workflow (moved only by its buttons).
PUBLISHING = ("Publishing", {"fields": ("status", "published_at")})


class PublishableAdmin(EditorialAdmin):
    """Statements, publications and pages, and the registry's facts (memberships, chair terms, vacancies,
    working-group roles): draft → in review → published → withdrawn.

    Every move is a registry.services transition, offered as buttons on the change form (which
    save the form first) and as changelist actions (which check each row's version).
    """

    change_form_template = "admin/registry/publishable_change_form.html"
    actions = ["submit_selected", "publish_selected", "withdraw_selected", "return_selected_to_draft"]

    def has_publish_permission(self, request):
        return permissions.can_publish(request.user, self.model)

    # Buttons on the change form.

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        revisionform = context.get("revert") or context.get("recover")
        instance = obj or self.model()
        offered = [] if revisionform else permissions.available_transitions(request.user, instance)
        context["transitions"] = [(a, permissions.TRANSITION_LABELS[a]) for a in offered]
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        obj = form.instance
        # Last, once the record and its related rows are saved: the rules may depend on them
        # (a focal point may move only a statement their agency signs).
        action = form.requested_transition
        if action and getattr(request, "_registry_proposal", None) is None:
            services.transition(obj=obj, user=request.user, action=action, when=_scheduled_time(obj))
            request._registry_transition_note = _done_message(obj, action)

    def log_addition(self, request, obj, message):
        return self._with_transition_note(request, super().log_addition(request, obj, message))

    def log_change(self, request, obj, message):
        return self._with_transition_note(request, super().log_change(request, obj, message))

    def _with_transition_note(self, request, entry):
        note = getattr(request, "_registry_transition_note", None)
        if note and reversion.is_active():
            reversion.set_comment(f"{entry.get_change_message()} {note}")
            messages.info(request, note)
        return entry

    # Actions on the changelist: each row carries the version the editor saw.

    def action_checkbox(self, obj):
        return format_html(
            '{}<input type="hidden" name="{}_{}" value="{}">',
            super().action_checkbox(obj),
            VERSION_FIELD,
            obj.pk,
            services.version_token(obj.updated_at),
        )

    def _transition_selected(self, request, queryset, action):
        done = 0
        for obj in queryset:
            seen = request.POST.get(f"{VERSION_FIELD}_{obj.pk}")
            try:
                services.transition(
                    obj=obj, user=request.user, action=action, when=_scheduled_time(obj), expected_version=seen
                )
            except services.Conflict:
                headline, details = conflict_messages(obj, seen)
                messages.error(request, f"{headline} It was left as it is; look at it again before you retry.")
                for line in details:
                    messages.warning(request, f"“{obj}”: {line}")
            except (PermissionDenied, ValidationError) as refusal:
                messages.error(request, " ".join(getattr(refusal, "messages", [str(refusal)])))
            else:
                done += 1
        if done:
            label = permissions.TRANSITION_LABELS[action].lower()
            messages.success(request, f"{label.capitalize()}: {done} {self._noun(done)} done.")

    def _noun(self, n):
        opts = self.model._meta
        return opts.verbose_name if n == 1 else opts.verbose_name_plural

    @admin.action(description="Submit selected for review", permissions=["change"])
    def submit_selected(self, request, queryset):
        self._transition_selected(request, queryset, "submit")

    @admin.action(description="Publish selected (now, or at their future publication time)", permissions=["publish"])
    def publish_selected(self, request, queryset):
        self._transition_selected(request, queryset, "publish")

    @admin.action(description="Withdraw selected from the public site", permissions=["publish"])
    def withdraw_selected(self, request, queryset):
        self._transition_selected(request, queryset, "withdraw")

    @admin.action(description="Return selected to draft", permissions=["change"])
    def return_selected_to_draft(self, request, queryset):
        self._transition_selected(request, queryset, "return_to_draft")


def _scheduled_time(obj):
    """A future publication time set by a Publisher schedules publishing; otherwise it is now."""
    if obj.published_at and obj.published_at > timezone.now():
        return obj.published_at
    return None


def _done_message(obj, action):
    if action == "publish" and not obj.is_public:
        return f"Scheduled: public from {timezone.localtime(obj.published_at):%-d %b %Y %H:%M}."
    return {
        "submit": "Submitted for review.",
        "publish": "Published.",
        "withdraw": "Withdrawn from the public site.",
        "return_to_draft": "Returned to draft.",
    }[action]
