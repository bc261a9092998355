"""Reviewing pending changes: the diff against the live record, then approve or send back.

Approving and sending back are registry.services' (`approve`, `send_back`); this page only shows
what would change and passes the Publisher's decision on.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from registry import pending, permissions, services
from registry.models import PendingChange, PendingState


def record_change_url(change):
    opts = change.model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[change.object_id])


@admin.register(PendingChange)
class PendingChangeAdmin(admin.ModelAdmin):
    list_display = ("record_link", "kind", "proposed_by", "proposed_at", "state", "reviewed_by")
    list_filter = ("state", "content_type")
    list_select_related = ("content_type", "proposed_by", "reviewed_by")
    search_fields = ("data__repr", "proposed_by__username", "comment", "review_comment")
    date_hierarchy = "proposed_at"

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    @admin.display(description="record", ordering="object_id")
    def record_link(self, obj):
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), obj.record_repr)

    @admin.display(description="kind", ordering="content_type")
    def kind(self, obj):
        return obj.content_type.name

    # Nobody adds or edits one here: it is made by editing its record, and decided on its page.

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        change = self.get_queryset(request).select_related("proposed_by", "reviewed_by").filter(pk=unquote(object_id))
        change = change.first()
        if change is None or change.model is None:
            raise Http404("No such pending change for you.")
        if change.state == PendingState.SUPERSEDED:
            messages.info(request, "This change's record has been deleted; there is nothing to review.")
            return HttpResponseRedirect(reverse("admin:registry_pendingchange_changelist"))
        if request.method == "POST":
            return self._decide(request, change)
        return self._review_page(request, change)

    def _decide(self, request, change):
        decision = request.POST.get("decision")
        comment = request.POST.get("comment", "")
        try:
            if decision == "approve":
                services.approve(change=change, user=request.user, comment=comment.strip())
                messages.success(request, f"Approved: “{change.record_repr}” now shows the change on the public site.")
                return HttpResponseRedirect(record_change_url(change))
            if decision == "send_back":
                services.send_back(change=change, user=request.user, comment=comment)
                messages.success(
                    request, f"Sent back to {change.proposed_by or 'the proposer'}; the live version is unchanged."
                )
                return HttpResponseRedirect(reverse("admin:index"))
        except services.Conflict as conflict:
            messages.error(request, str(conflict))
        except PermissionDenied as refusal:
            messages.error(request, str(refusal) or "You may not decide on this change.")
        except ValidationError as refusal:
            messages.error(request, " ".join(refusal.messages))
        else:
            messages.error(request, "Choose Approve or Send back.")
        return self._review_page(request, change, comment=comment, status=400)

    def _review_page(self, request, change, comment="", status=200):
        live = change.live()
        stale = services.current_version(live) != change.base_version
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Proposed change to “{live}”",
            "change": change,
            "live": live,
            "record_url": record_change_url(change),
            "changes": pending.changes(change, live),
            "stale": stale,
            "can_review": change.state == PendingState.PENDING and permissions.can_review(request.user, live),
            "comment": comment,
            "now": timezone.now(),
        }
        return TemplateResponse(request, "admin/registry/pending_review.html", context, status=status)
