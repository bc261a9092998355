"""Agencies with their membership history and chair terms, and the chair rotation."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

from registry.admin.base import EditorialAdmin, EditorialInline, SourceInline, last_changed
from registry.models import Agency, ChairTerm, ChairVacancy, Membership


class MembershipFormSet(BaseInlineFormSet):
    """Two new rows can overlap each other before either is in the database: check them together."""

    def clean(self):
        super().clean()
        rows = [
            f.cleaned_data
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("start")
        ]
        for i, a in enumerate(rows):
            for b in rows[i + 1 :]:
                if a["body"] == b["body"] and _overlap(a, b):
                    raise ValidationError(
                        f"Two memberships of the {a['body']} body overlap: from {a['start']} and from {b['start']}."
                    )


def _overlap(a, b):
    a_end, b_end = a.get("end"), b.get("end")
    return (a_end is None or a_end >= b["start"]) and (b_end is None or b_end >= a["start"])


class MembershipInline(EditorialInline):
    model = Membership
    formset = MembershipFormSet
    fields = ("body", "start", "start_precision", "end", "end_precision", "note")
    verbose_name_plural = "membership history"


class ChairTermInline(EditorialInline):
    """Shown on the agency for the whole picture; edited on its own page, where overlaps are checked."""

    model = ChairTerm
    fields = ("start", "end", "principal", "note")
    readonly_fields = fields
    can_delete = False
    max_num = 0
    verbose_name_plural = "chair terms"


@admin.register(Agency)
class AgencyAdmin(EditorialAdmin):
    list_display = ("acronym", "name", "kind", "in_un_system", "headquarters", last_changed)
    list_filter = ("kind", "in_un_system", "memberships__body")
    search_fields = ("acronym", "name", "headquarters", "migration_focus")
    prepopulated_fields = {"slug": ("acronym",)}
    list_select_related = ("updated_by",)
    inlines = [MembershipInline, ChairTermInline, SourceInline]
    fieldsets = [
        (None, {"fields": ("acronym", "name", "slug")}),
        (
            "Classification",
            {
                "fields": (
                    "kind",
                    ("kind_source", "kind_source_url"),
                    "in_un_system",
                    ("in_un_system_since", "in_un_system_since_precision"),
                ),
                "description": "Each classification with its source: the kind as the UN System Chart edition named "
                "gives it (shown only with that source), and an entry into the UN system during the group's life "
                "as a date.",
            },
        ),
        ("Profile", {"fields": ("headquarters", "website", "migration_focus", "description", "logo")}),
        ("Record", {"fields": EditorialAdmin.bookkeeping, "classes": ("collapse",)}),
    ]


class PeriodAdmin(EditorialAdmin):
    date_hierarchy = "start"
    list_select_related = ("agency",)
    autocomplete_fields = ("agency",)
    fieldsets = [
        (None, {"fields": ("agency",)}),
        ("Period", {"fields": (("start", "start_precision"), ("end", "end_precision"))}),
    ]


@admin.register(Membership)
class MembershipAdmin(PeriodAdmin):
    list_display = ("agency", "body", "period_display", "start", "end")
    list_filter = ("body", "start_precision")
    search_fields = ("agency__acronym", "agency__name", "note")
    fieldsets = [*PeriodAdmin.fieldsets, ("Details", {"fields": ("body", "note")})]


@admin.register(ChairTerm)
class ChairTermAdmin(PeriodAdmin):
    list_display = ("agency", "period_display", "start", "end", "principal")
    list_filter = ("agency",)
    search_fields = ("agency__acronym", "principal", "note")
    fieldsets = [*PeriodAdmin.fieldsets, ("Details", {"fields": ("principal", "priorities", "note")})]


@admin.register(ChairVacancy)
class ChairVacancyAdmin(EditorialAdmin):
    list_display = ("__str__", "start", "end")
    date_hierarchy = "start"
    search_fields = ("note",)
    fields = (("start", "start_precision"), ("end", "end_precision"), "note")
