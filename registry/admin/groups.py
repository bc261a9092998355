"""Working groups with their co-chairs, members and activities."""

from django.contrib import admin

from registry.admin.base import EditorialAdmin, EditorialInline, SourceInline
from registry.models import Activity, WorkingGroup, WorkingGroupRole


class RoleInline(EditorialInline):
    model = WorkingGroupRole
    autocomplete_fields = ("agency",)
    fields = ("agency", "role", "start", "start_precision", "end", "end_precision")


class ActivityInline(EditorialInline):
    model = Activity
    fields = ("title", "countries", "start", "start_precision", "end", "end_precision")


@admin.register(WorkingGroup)
class WorkingGroupAdmin(EditorialAdmin):
    list_display = ("name", "established", "dissolved")
    search_fields = ("name", "mandate")
    list_filter = ("roles__agency",)
    date_hierarchy = "established"
    prepopulated_fields = {"slug": ("name",)}
    inlines = [RoleInline, ActivityInline, SourceInline]
    fields = (
        "name", "slug", "mandate", ("established", "established_precision"), ("dissolved", "dissolved_precision"),
    )  # fmt: skip


@admin.register(WorkingGroupRole)
class WorkingGroupRoleAdmin(EditorialAdmin):
    list_display = ("agency", "role", "group", "start", "end")
    list_filter = ("role", "group")
    search_fields = ("agency__acronym", "group__name")
    autocomplete_fields = ("agency", "group")
    list_select_related = ("agency", "group")


@admin.register(Activity)
class ActivityAdmin(EditorialAdmin):
    list_display = ("title", "group", "start", "end", "countries")
    list_filter = ("group",)
    search_fields = ("title", "description", "countries", "funding_note")
    autocomplete_fields = ("group",)
    list_select_related = ("group",)
