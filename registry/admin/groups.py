"""Working groups with their co-chairs, members and activities."""

from django.contrib import admin

from registry.admin.base import (
    PUBLISHING,
    EditorialAdmin,
    EditorialInline,
    PublishableAdmin,
    SourceInline,
    publication_state,
)
from registry.admin.partial_dates import partial_date_column
from registry.models import Activity, WorkingGroup, WorkingGroupRole


class RoleInline(EditorialInline):
    model = WorkingGroupRole
    autocomplete_fields = ("agency",)
    fields = ("agency", "role", "start", "end", "status")
    verbose_name_plural = "roles (new rows start as drafts: open one to add its source and publish it)"


class ActivityInline(EditorialInline):
    model = Activity
    fields = ("title", "countries", "start", "end")


@admin.register(WorkingGroup)
class WorkingGroupAdmin(EditorialAdmin):
    list_display = ("name", partial_date_column("established"), partial_date_column("dissolved"))
    search_fields = ("name", "mandate")
    list_filter = ("roles__agency",)
    date_hierarchy = "established"
    prepopulated_fields = {"slug": ("name",)}
    inlines = [RoleInline, ActivityInline, SourceInline]
    fields = (
        "name", "slug", "mandate", ("established", "dissolved"),
    )  # fmt: skip


@admin.register(WorkingGroupRole)
class WorkingGroupRoleAdmin(PublishableAdmin):
    list_display = (
        "agency", "role", "group", partial_date_column("start"), partial_date_column("end"), publication_state,
    )  # fmt: skip
    list_filter = ("status", "role", "group")
    search_fields = ("agency__acronym", "group__name")
    autocomplete_fields = ("agency", "group")
    list_select_related = ("agency", "group")
    fieldsets = [(None, {"fields": ("group", "agency", "role", ("start", "end"))}), PUBLISHING]


@admin.register(Activity)
class ActivityAdmin(EditorialAdmin):
    list_display = ("title", "group", partial_date_column("start"), partial_date_column("end"), "countries")
    list_filter = ("group",)
    search_fields = ("title", "description", "countries", "funding_note")
    autocomplete_fields = ("group",)
    list_select_related = ("group",)
    exclude = ("start_precision", "end_precision")  # set by what is typed in the date boxes
