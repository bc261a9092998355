"""Users with their role (groups) and, for focal points, their agency; sources as records of their own."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

from registry.admin.base import EditorialAdmin
from registry.models import Profile, Source
from registry.permissions import EDITOR, FOCAL_POINT, PUBLISHER

User = get_user_model()


class ProfileFormSet(BaseInlineFormSet):
    """A focal point edits only their own agency's records: without an agency they could do nothing
    they are offered (adding a statement would lead to a page they may not see), so one is required."""

    def clean(self):
        super().clean()
        chosen = [pk for pk in self.data.getlist("groups") if pk.isdigit()]
        roles = set(Group.objects.filter(pk__in=chosen).values_list("name", flat=True))
        if FOCAL_POINT not in roles or roles & {EDITOR, PUBLISHER}:
            return
        if not any(form.cleaned_data.get("agency") for form in self.forms if form.cleaned_data):
            raise ValidationError(
                "An agency focal point needs an agency: choose it under “Agency (for focal points)”, "
                "or take the user out of the focal point role."
            )


class ProfileInline(admin.StackedInline):
    model = Profile
    formset = ProfileFormSet
    can_delete = False
    autocomplete_fields = ("agency",)
    verbose_name_plural = "agency (for focal points)"


admin.site.unregister(User)


@admin.register(User)
class RegistryUserAdmin(UserAdmin):
    """Giving someone a role: tick staff status, add them to a group, and for a focal point set the agency."""

    inlines = [ProfileInline]
    list_display = ("username", "email", "first_name", "last_name", "is_staff", "roles", "agency")
    list_filter = ("is_staff", "is_superuser", "is_active", "groups", "profile__agency")
    list_select_related = ("profile__agency",)

    @admin.display(description="roles")
    def roles(self, user):
        return ", ".join(g.name for g in user.groups.all()) or "—"

    @admin.display(description="agency", ordering="profile__agency__acronym")
    def agency(self, user):
        profile = getattr(user, "profile", None)
        return profile.agency if profile and profile.agency else "—"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "agency")
    list_filter = ("agency",)
    search_fields = ("user__username", "user__email", "agency__acronym")
    autocomplete_fields = ("user", "agency")
    list_select_related = ("user", "agency")


@admin.register(Source)
class SourceAdmin(EditorialAdmin):
    inlines = []
    list_display = ("title", "url", "content_type", "object_id")
    list_filter = ("content_type",)
    search_fields = ("title", "url", "note")
    list_select_related = ("content_type",)
