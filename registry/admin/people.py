"""Users with their role (groups) and, for focal points, their agency; sources as records of their own;
the login form (with two-factor codes) and each user's own API tokens."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.template.response import TemplateResponse

from registry.admin.base import EditorialAdmin
from registry.models import ApiToken, Profile, Source
from registry.permissions import EDITOR, FOCAL_POINT, PUBLISHER
from registry.two_factor import TwoFactorLoginForm

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


# Sign-in and API access ------------------------------------------------------------------------
admin.site.login_form = TwoFactorLoginForm


class ApiTokenForm(forms.ModelForm):
    days = forms.IntegerField(
        label="valid for (days)", min_value=1, max_value=365, initial=settings.API_TOKEN_DAYS,
        help_text="The token stops working after this many days; create a new one then.",
    )  # fmt: skip

    class Meta:
        model = ApiToken
        fields = ("name",)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Every staff user creates and revokes (deletes) their own tokens; a superuser sees everyone's.

    The key is shown once, on the page that follows creation; only its SHA-256 is stored.
    """

    form = ApiTokenForm
    list_display = ("key_start", "name", "user", "created_at", "expires_at", "last_used_at", "state")
    list_select_related = ("user",)
    search_fields = ("name", "key_start", "user__username")

    @admin.display(description="state")
    def state(self, token):
        return token.refusal() or "active"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset if request.user.is_superuser else queryset.filter(user=request.user)

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request) and self._own(request, obj)

    def has_add_permission(self, request):
        return self.has_module_permission(request)

    def has_delete_permission(self, request, obj=None):
        return self.has_module_permission(request) and self._own(request, obj)

    @staticmethod
    def _own(request, token):
        return token is None or token.user_id == request.user.pk or request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return False  # a token is created or revoked, never edited

    def save_model(self, request, obj, form, change):
        request._new_api_key = obj.issue(request.user, days=form.cleaned_data["days"])
        obj.save()

    def response_add(self, request, obj, post_url_continue=None):
        context = {**self.admin_site.each_context(request), "title": "API token created", "key": request._new_api_key,
                   "token": obj, "opts": self.opts}  # fmt: skip
        return TemplateResponse(request, "admin/registry/apitoken/created.html", context)
