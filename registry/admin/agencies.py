"""Agencies with their membership history and chair terms, the chair rotation and reported totals."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

from registry.admin.base import EditorialAdmin, EditorialInline, SourceInline, last_changed
from registry.models import Agency, ChairHolder, ChairTerm, ChairVacancy, Membership, ReportedTotal


class MembershipFormSet(BaseInlineFormSet):
    """Two new rows can overlap each other before either is in the database: check them together."""

    def clean(self):
        super().clean()
        rows = [
            f.cleaned_data
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE") and _counted_from(f.cleaned_data)
        ]
        for i, a in enumerate(rows):
            for b in rows[i + 1 :]:
                if a["body"] == b["body"] and _overlap(a, b):
                    raise ValidationError(
                        f"Two memberships of the {a['body']} body overlap: "
                        f"from {_counted_from(a)} and from {_counted_from(b)}."
                    )


def _counted_from(row):
    return row.get("start") or row.get("attested_on")


def _overlap(a, b):
    a_end, b_end = a.get("end"), b.get("end")
    return (a_end is None or a_end >= _counted_from(b)) and (b_end is None or b_end >= _counted_from(a))


class MembershipInline(EditorialInline):
    model = Membership
    formset = MembershipFormSet
    fields = (
        "body", "start", "start_precision", "attested_on", "attested_on_precision", "end", "end_precision", "note",
    )  # fmt: skip
    verbose_name_plural = "membership history"


class ChairTermInline(EditorialInline):
    """The terms the agency held, alone or as a co-chair: shown for the whole picture, edited on the term."""

    model = ChairHolder
    fields = ("term", "principal", "note")
    readonly_fields = fields
    can_delete = False
    max_num = 0
    verbose_name_plural = "chair terms (alone or as a co-chair)"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("term").prefetch_related("term__holdings__agency")

    @admin.display(description="principal")
    def principal(self, holding):
        return holding.term.principal

    @admin.display(description="note")
    def note(self, holding):
        return holding.term.note


class ChairHolderFormSet(BaseInlineFormSet):
    """Every term has at least one holder; the same agency twice is refused by the unique constraint."""

    def clean(self):
        super().clean()
        kept = [f for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        if not kept:
            raise ValidationError("A chair term needs at least one holding agency.")


class ChairHolderInline(admin.TabularInline):
    model = ChairHolder
    formset = ChairHolderFormSet
    fields = ("agency", "order")
    autocomplete_fields = ("agency",)
    extra = 0
    min_num = 1
    verbose_name = "chair (holder of this term)"
    verbose_name_plural = "chairs: one agency, or each co-chair"


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
    fieldsets = [
        *PeriodAdmin.fieldsets,
        (
            "When the start is not recorded",
            {
                "fields": (("attested_on", "attested_on_precision"),),
                "description": Membership.attested_on.field.help_text,
            },
        ),
        ("Details", {"fields": ("body", "note")}),
    ]


@admin.register(ChairTerm)
class ChairTermAdmin(EditorialAdmin):
    list_display = ("holders_display", "period_display", "start", "end", "principal")
    list_filter = ("holders",)
    search_fields = ("holders__acronym", "principal", "note")
    date_hierarchy = "start"
    inlines = [ChairHolderInline, SourceInline]
    fieldsets = [
        ("Period", {"fields": (("start", "start_precision"), ("end", "end_precision"))}),
        ("Details", {"fields": ("principal", "priorities", "note")}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_holders()

    @admin.display(description="chair")
    def holders_display(self, obj):
        return obj.holders_display


@admin.register(ReportedTotal)
class ReportedTotalAdmin(EditorialAdmin):
    """A total of members a source reports without naming them all, shown beside the named members."""

    list_display = ("__str__", "body", "date", "total")
    list_filter = ("body",)
    search_fields = ("note",)
    date_hierarchy = "date"
    fields = ("body", ("date", "date_precision"), "total", "note")


@admin.register(ChairVacancy)
class ChairVacancyAdmin(EditorialAdmin):
    list_display = ("__str__", "start", "end")
    date_hierarchy = "start"
    search_fields = ("note",)
    fields = (("start", "start_precision"), ("end", "end_precision"), "note")
