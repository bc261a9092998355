"""Statements, publications and pages (with the workflow), topics and related initiatives."""

from django.contrib import admin

from registry import permissions
from registry.admin.base import PUBLISHING, EditorialAdmin, PublishableAdmin, last_changed, publication_state
from registry.admin.partial_dates import partial_date_column
from registry.models import Initiative, Page, Publication, Statement, Topic


@admin.register(Statement)
class StatementAdmin(PublishableAdmin):
    list_display = (
        "title", "kind", partial_date_column("date"), "language", publication_state, "published_at", last_changed,
    )  # fmt: skip
    list_filter = ("status", "kind", "language", "signatories", "topics")
    search_fields = ("title", "summary", "body")
    date_hierarchy = "date"
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("signatories", "event", "translation_of")
    filter_horizontal = ("topics",)
    list_select_related = ("event", "updated_by")
    fieldsets = [
        (None, {"fields": ("title", "slug", "kind", "date", "event")}),
        ("Language", {"fields": ("language", "translation_of")}),
        ("Text", {"fields": ("summary", "body", "pdf", "source_url")}),
        ("Who and what", {"fields": ("signatories", "topics")}),
        PUBLISHING,
    ]

    def complete_related(self, request, obj):
        # A focal point's statement is one their agency signs; otherwise they could no longer edit it.
        agency = permissions.user_agency(request.user)
        if permissions.is_focal_point(request.user) and agency is not None:
            obj.signatories.add(agency)


@admin.register(Publication)
class PublicationAdmin(PublishableAdmin):
    list_display = ("title", "kind", partial_date_column("date"), publication_state, "published_at", last_changed)
    list_filter = ("status", "kind", "lead_agencies", "topics")
    search_fields = ("title", "summary", "isbn")
    date_hierarchy = "date"
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("lead_agencies",)
    filter_horizontal = ("topics",)
    list_select_related = ("updated_by",)
    fieldsets = [
        (None, {"fields": ("title", "slug", "kind", "date", "lead_agencies", "topics")}),
        ("Text and files", {"fields": ("summary", "isbn", "url", "pdf")}),
        PUBLISHING,
    ]


@admin.register(Page)
class PageAdmin(PublishableAdmin):
    list_display = ("title", "slug", "menu_order", "show_in_menu", publication_state, last_changed)
    list_filter = ("status", "show_in_menu")
    list_editable = ()
    search_fields = ("title", "body")
    prepopulated_fields = {"slug": ("title",)}
    list_select_related = ("updated_by",)
    fieldsets = [(None, {"fields": ("title", "slug", "body", "menu_order", "show_in_menu")}), PUBLISHING]


@admin.register(Topic)
class TopicAdmin(EditorialAdmin):
    list_display = ("name", "slug", last_changed)
    search_fields = ("name", "description")
    prepopulated_fields = {"slug": ("name",)}
    list_select_related = ("updated_by",)


@admin.register(Initiative)
class InitiativeAdmin(EditorialAdmin):
    list_display = ("name", "acronym", partial_date_column("launched"), "un_led")
    list_filter = ("un_led",)
    search_fields = ("name", "acronym", "description")
    date_hierarchy = "launched"
    prepopulated_fields = {"slug": ("name",)}
    fields = ("name", "acronym", "slug", "launched", "description", "url", "un_led")
