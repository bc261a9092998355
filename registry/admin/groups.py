"""Working groups with their co-chairs, members and activities."""

from django.contrib import admin

from registry.admin.base import EditorialAdmin, EditorialInline, SourceInline
from registry.admin.partial_dates import partial_date_column
from registry.models import Activity, WorkingGroup, WorkingGroupRole


class RoleInline(EditorialInline):
    model = WorkingGroupRole
    autocomplete_fields = ("agency",)
    fields = ("agency", "role", "start", "end")


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
class WorkingGroupRoleAdmin(EditorialAdmin):
    list_display = ("agency", "role", "group", partial_date_column("start"), partial_date_column("end"))
    list_filter = ("role", "group")
    search_fields = ("agency__acronym", "group__name")
    autocomplete_fields = ("agency", "group")
    list_select_related = ("agency", "group")
    exclude = ("start_precision", "end_precision")  # set by what is typed in the date boxes


@admin.register(Activity)
class ActivityAdmin(EditorialAdmin):
    list_display = ("title", "group", partial_date_column("start"), partial_date_column("end"), "countries")
    list_filter = ("group",)
    search_fields = ("title", "description", "countries", "funding_note")
    autocomplete_fields = ("group",)
    list_select_related = ("group",)
    exclude = ("start_precision", "end_precision")  # set by what is typed in the date boxes
