"""API tokens: shown once, stored only as a SHA-256 digest, with an expiry.

A token also remembers the user's session hash (Django's HMAC of the password hash) from when it
was made, so changing the password revokes every token, exactly as it signs out every session.
"""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.crypto import constant_time_compare

TOKEN_PREFIX = "gmg_"  # noqa: S105 - a label, not a secret
# How much of the key is kept in clear to tell tokens apart in the admin (not enough to guess it).
VISIBLE_CHARACTERS = 8


def digest(key):
    return hashlib.sha256(key.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def create_for(self, user, *, name="", days=None):
        """A new token for `user`; returns (token, key). The key exists only in this return value."""
        token = self.model(name=name)
        key = token.issue(user, days=days)
        token.save()
        return token, key

    def for_key(self, key):
        """The token with this key, whoever's, or None; expired and revoked tokens included."""
        return self.select_related("user").filter(key_digest=digest(key)).first()


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, blank=True, help_text="What this token is for, e.g. “data import script”.")
    key_digest = models.CharField(max_length=64, unique=True, editable=False)
    key_start = models.CharField("begins with", max_length=20, editable=False)
    password_fingerprint = models.CharField(max_length=128, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "API token"

    def __str__(self):
        return f"{self.key_start}… ({self.user})"

    def issue(self, user, *, days=None):
        """Give this (unsaved) token to `user` with a fresh key, and return the key: it is never stored."""
        key = TOKEN_PREFIX + secrets.token_urlsafe(32)
        days = settings.API_TOKEN_DAYS if days is None else days
        self.user = user
        self.key_digest = digest(key)
        self.key_start = key[: len(TOKEN_PREFIX) + VISIBLE_CHARACTERS]
        self.password_fingerprint = user.get_session_auth_hash()
        self.expires_at = timezone.now() + datetime.timedelta(days=days)
        return key

    @property
    def is_expired(self):
        return self.expires_at <= timezone.now()

    @property
    def password_changed(self):
        return not constant_time_compare(self.password_fingerprint, self.user.get_session_auth_hash())

    def refusal(self):
        """Why this token may not be used now, or None."""
        if not self.user.is_active:
            return "The token's user is inactive."
        if self.is_expired:
            return "The token has expired; create a new one in the admin."
        if self.password_changed:
            return "The token was revoked when its user's password changed; create a new one in the admin."
        return None
