"""Agencies with their membership history and chair terms, the chair rotation and reported totals."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, Q, Value, When
from django.forms.models import BaseInlineFormSet

from registry.admin.base import (
    PUBLISHING,
    EditorialAdmin,
    EditorialInline,
    LiveRowsFormSet,
    ParentPermissionInlineMixin,
    PublishableAdmin,
    SourceInline,
    last_changed,
    publication_state,
)
from registry.admin.partial_dates import partial_date_column
from registry.dates import overlaps
from registry.models import Agency, ChairHolder, ChairTerm, ChairVacancy, Membership, ReportedTotal


class MembershipFormSet(LiveRowsFormSet):
    """Two new rows can overlap each other before either is in the database: check them together.

    Each row's instance has been through the model's clean(), so its dates are normalised (a year
    that ends a membership is its 31 December) before they are compared.
    """

    def clean(self):
        super().clean()
        rows = [
            f.instance
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.instance.counted_from is not None
        ]
        for i, a in enumerate(rows):
            for b in rows[i + 1 :]:
                if a.body == b.body and overlaps(a.counted_from, a.end, b.counted_from, b.end):
                    raise ValidationError(
                        f"Two memberships of the {a.get_body_display()} overlap: {a.period_display} and "
                        f"{b.period_display}."
                    )


class MembershipInline(EditorialInline):
    model = Membership
    formset = MembershipFormSet
    fields = ("body", "start", "attested_on", "end", "note", "status")
    verbose_name_plural = "membership history (new rows start as drafts: open one to add its source and publish it)"


class ChairTermInline(EditorialInline):
    """The terms the agency held, alone or as a co-chair: shown for the whole picture, edited on the term."""

    model = ChairHolder
    fields = ("term", "principal", "note")
    readonly_fields = fields
    can_delete = False
    max_num = 0
    verbose_name_plural = "chair terms (alone or as a co-chair)"

    def get_queryset(self, request):
        terms = ChairTerm.objects.visible_to(request.user)
        holdings = super().get_queryset(request).filter(term__in=terms)
        return holdings.select_related("term").prefetch_related("term__holdings__agency")

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


class ChairHolderInline(ParentPermissionInlineMixin, admin.TabularInline):
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
        (None, {"fields": ("acronym", "name", "slug")}),
        (
            "Classification",
            {
                "fields": (
                    "kind",
                    ("kind_source", "kind_source_url"),
                    "in_un_system",
                    "in_un_system_since",
                ),
                "description": "Each classification with its source: the kind as the UN System Chart edition named "
                "gives it (shown only with that source), and an entry into the UN system during the group's life "
                "as a date.",
            },
        ),
        ("Profile", {"fields": ("headquarters", "website", "migration_focus", "description", "logo")}),
        ("Record", {"fields": EditorialAdmin.bookkeeping, "classes": ("collapse",)}),
    ]

    def get_search_results(self, request, queryset, search_term):
        """In an agency picker, "WHO" finds WHO: acronyms first, then names; never a word in a profile."""
        if not _is_autocomplete(request) or not search_term.strip():
            return super().get_search_results(request, queryset, search_term)
        term = search_term.strip()
        rank = Case(
            When(acronym__iexact=term, then=Value(0)),
            When(acronym__istartswith=term, then=Value(1)),
            When(name__istartswith=term, then=Value(2)),
            When(acronym__icontains=term, then=Value(3)),
            default=Value(4),
            output_field=IntegerField(),
        )
        matching = queryset.filter(Q(acronym__icontains=term) | Q(name__icontains=term))
        return matching.annotate(picker_rank=rank).order_by("picker_rank", "acronym"), False


def _is_autocomplete(request):
    return request.resolver_match is not None and request.resolver_match.url_name == "autocomplete"


class PeriodAdmin(PublishableAdmin):
    date_hierarchy = "start"
    list_select_related = ("agency",)
    autocomplete_fields = ("agency",)
    fieldsets = [
        (None, {"fields": ("agency",)}),
        ("Period", {"fields": (("start", "end"),)}),
    ]


@admin.register(Membership)
class MembershipAdmin(PeriodAdmin):
    list_display = ("agency", "body", partial_date_column("start"), partial_date_column("end"), publication_state)
    list_filter = ("status", "body", "start_precision")
    search_fields = ("agency__acronym", "agency__name", "note")
    fieldsets = [
        *PeriodAdmin.fieldsets,
        (
            "When the start is not recorded",
            {
                "fields": ("attested_on",),
                "description": Membership.attested_on.field.help_text,
            },
        ),
        ("Details", {"fields": ("body", "note")}),
        PUBLISHING,
    ]


@admin.register(ChairTerm)
class ChairTermAdmin(PublishableAdmin):
    list_display = (
        "holders_display", partial_date_column("start"), partial_date_column("end"), "principal", publication_state,
    )  # fmt: skip
    list_filter = ("status", "holders")
    search_fields = ("holders__acronym", "principal", "note")
    date_hierarchy = "start"
    inlines = [ChairHolderInline, SourceInline]
    fieldsets = [
        ("Period", {"fields": (("start", "end"),)}),
        ("Details", {"fields": ("principal", "priorities", "note")}),
        PUBLISHING,
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_holders()

    @admin.display(description="chair")
    def holders_display(self, obj):
        return obj.holders_display


@admin.register(ReportedTotal)
class ReportedTotalAdmin(EditorialAdmin):
    """A total of members a source reports without naming them all, shown beside the named members."""

    list_display = ("__str__", "body", partial_date_column("date"), "total")
    list_filter = ("body",)
    search_fields = ("note",)
    date_hierarchy = "date"
    fields = ("body", "date", "total", "note")


@admin.register(ChairVacancy)
class ChairVacancyAdmin(PublishableAdmin):
    list_display = ("__str__", partial_date_column("start"), partial_date_column("end"), publication_state)
    list_filter = ("status",)
    date_hierarchy = "start"
    search_fields = ("note",)
    fieldsets = [(None, {"fields": (("start", "end"), "note")}), PUBLISHING]
