"""Recent changes across every model: the revisions django-reversion records, read-only."""

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, format_html_join
from reversion.models import Revision

from registry import permissions
from registry.revisions import FOLLOW


class ModelListFilter(admin.SimpleListFilter):
    title = "model"
    parameter_name = "model"

    def lookups(self, request, model_admin):
        types = ContentType.objects.get_for_models(*FOLLOW).values()
        return sorted(((ct.pk, ct.model_class()._meta.verbose_name.capitalize()) for ct in types), key=lambda t: t[1])

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(version__content_type_id=self.value()).distinct()
        return queryset


@admin.register(Revision)
class RecentChangesAdmin(admin.ModelAdmin):
    list_display = ("date_created", "user", "comment", "records")
    list_filter = (("user", admin.RelatedOnlyFieldListFilter), ModelListFilter, "date_created")
    date_hierarchy = "date_created"
    search_fields = ("comment", "user__username", "version__object_repr")
    list_select_related = ("user",)
    ordering = ("-date_created", "-pk")
    list_per_page = 50

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("version_set__content_type")

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {"title": "Recent changes", **(extra_context or {})})

    @admin.display(description="records changed")
    def records(self, revision):
        rows = []
        for version in revision.version_set.all():
            model = version.content_type.model_class()
            label = f"{model._meta.verbose_name if model else version.content_type}: {version.object_repr}"
            rows.append((_history_url(version), label))
        items = format_html_join("", "<li><a href='{}'>{}</a></li>", rows)
        return format_html("<ul class='audit-records'>{}</ul>", items)

    def has_module_permission(self, request):
        return permissions.can_view_audit(request.user)

    def has_view_permission(self, request, obj=None):
        return permissions.can_view_audit(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def _history_url(version):
    ct = version.content_type
    try:
        return reverse(f"admin:{ct.app_label}_{ct.model}_history", args=[version.object_id])
    except NoReverseMatch:
        return ""
