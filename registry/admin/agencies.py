"""Agencies with their membership history and chair terms, and the chair rotation."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

from registry.admin.base import EditorialAdmin, EditorialInline, SourceInline, last_changed
from registry.dates import overlaps
from registry.models import Agency, ChairTerm, ChairVacancy, Membership


class MembershipFormSet(BaseInlineFormSet):
    """Two new rows can overlap each other before either is in the database: check them together.

    Each row's instance has been through the model's clean(), so its dates are normalised (a year
    that ends a membership is its 31 December) before they are compared.
    """

    def clean(self):
        super().clean()
        rows = [
            f.instance
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.instance.start is not None
        ]
        for i, a in enumerate(rows):
            for b in rows[i + 1 :]:
                if a.body == b.body and overlaps(a.start, a.end, b.start, b.end):
                    raise ValidationError(
                        f"Two memberships of the {a.get_body_display()} overlap: {a.period_display} and "
                        f"{b.period_display}."
                    )


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
        (None, {"fields": ("acronym", "name", "slug", "kind", "in_un_system")}),
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
