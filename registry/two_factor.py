"""Two-factor sign-in to the admin with a TOTP authenticator app (django-otp).

Any staff user may add an authenticator at /admin/two-factor/; from then on the admin login asks
for its 6-digit code. With OTP_REQUIRED_FOR_PUBLISHERS on, a Publisher (or superuser) who signs in
without a verified authenticator is sent to that page for every admin address until they add one,
and their signed-in session gets a 403 from the API (tokens are made in the admin, so behind it).
"""

import base64

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.decorators import user_passes_test
from django.http import JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from registry.models import Statement
from registry.permissions import can_publish

REQUIRED_MESSAGE = "Publishers must sign in with two factors: add an authenticator app at /admin/two-factor/."

CODE_FIELD = forms.CharField(
    label="Authenticator code",
    required=False,
    max_length=8,
    widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    help_text="Only if you have added an authenticator app: the 6-digit code it shows now.",
)


def has_authenticator(user):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def must_use_two_factor(user):
    return bool(settings.OTP_REQUIRED_FOR_PUBLISHERS) and user.is_staff and can_publish(user, Statement)


class TwoFactorLoginForm(AdminAuthenticationForm):
    """The admin login, asking for the authenticator code of users who have one."""

    otp_token = CODE_FIELD

    def clean(self):
        cleaned = super().clean()
        user = self.user_cache
        if user is None or not has_authenticator(user):
            return cleaned
        token = (cleaned.get("otp_token") or "").strip()
        device = match_token(user, token) if token else None
        if device is None:
            raise forms.ValidationError(
                "Enter the current code from your authenticator app (this account uses two-factor sign-in).",
                code="otp_required",
            )
        user.otp_device = device  # django-otp marks the session verified when the login completes
        return cleaned


class CodeForm(forms.Form):
    otp_token = forms.CharField(label="Code from the app", max_length=8, widget=CODE_FIELD.widget)


def _qr_data_uri(url):
    svg = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage).to_string()
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode()


@never_cache
@user_passes_test(lambda user: user.is_active and user.is_staff, login_url="admin:login")
def setup(request):
    """Add an authenticator (scan, then confirm with a code), or confirm the one you have."""
    user = request.user
    confirmed = TOTPDevice.objects.devices_for_user(user, confirmed=True).first()
    if confirmed is not None and user.is_verified():
        return TemplateResponse(request, "admin/two_factor.html", {"title": "Two-factor sign-in", "done": True})
    device = confirmed or TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if device.verify_token(form.cleaned_data["otp_token"].strip()):
            if not device.confirmed:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
            otp_login(request, device)
            messages.success(request, "Two-factor sign-in is on: the admin login will ask for a code from now on.")
            return redirect("admin:index")
        form.add_error("otp_token", "That code is not the current one; check the time on your phone and try again.")
    context = {
        "title": "Two-factor sign-in",
        "form": form,
        "enrolling": not device.confirmed,
        "required": must_use_two_factor(user),
        "qr": None if device.confirmed else _qr_data_uri(device.config_url),
        "secret": None if device.confirmed else base64.b32encode(device.bin_key).decode(),
    }
    return TemplateResponse(request, "admin/two_factor.html", context)


class RequireTwoFactorMiddleware:
    """With OTP_REQUIRED_FOR_PUBLISHERS on, keep an unverified Publisher on the two-factor page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.OTP_REQUIRED_FOR_PUBLISHERS and self._unverified(request):
            if request.path.startswith(reverse("api:api-root")):
                # The signed-in session must not reach the API around the admin's requirement either.
                return JsonResponse({"detail": REQUIRED_MESSAGE}, status=403)
            if request.path.startswith(reverse("admin:index")) and request.path not in self._exempt():
                return redirect("two-factor")
        return self.get_response(request)

    @staticmethod
    def _unverified(request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return False  # anonymous, or an API client with a token (checked by DRF, not here)
        return must_use_two_factor(user) and not user.is_verified()

    @staticmethod
    def _exempt():
        return {reverse("two-factor"), reverse("admin:logout"), reverse("admin:login"), reverse("admin:jsi18n")}
