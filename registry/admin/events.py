"""Events and who attended them, at what level."""

from django.contrib import admin

from registry.admin.base import EditorialAdmin, EditorialInline, SourceInline
from registry.admin.partial_dates import partial_date_column
from registry.models import Event, Participation


class ParticipationInline(EditorialInline):
    model = Participation
    autocomplete_fields = ("agency",)
    fields = ("agency", "level", "note")


@admin.register(Event)
class EventAdmin(EditorialAdmin):
    list_display = ("title", "kind", partial_date_column("start"), partial_date_column("end"), "city", "organiser")
    list_filter = ("kind", "country", "organiser")
    search_fields = ("title", "city", "country", "summary")
    date_hierarchy = "start"
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("organiser",)
    list_select_related = ("organiser",)
    inlines = [ParticipationInline, SourceInline]
    fields = (
        "title", "slug", "kind", ("start", "end"), "city", "country",
        "organiser", "summary",
    )  # fmt: skip


@admin.register(Participation)
class ParticipationAdmin(EditorialAdmin):
    list_display = ("event", "agency", "level")
    list_filter = ("level", "event__kind")
    search_fields = ("event__title", "agency__acronym")
    autocomplete_fields = ("event", "agency")
    list_select_related = ("event", "agency")
