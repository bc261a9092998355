"""API authentication by hashed, expiring token, with failed attempts rate-limited per address.

`Authorization: Token gmg_…` as before (DRF's keyword). The key is looked up by its SHA-256, so the
database never holds a usable key. A client whose address has sent too many bad tokens gets a 429
before its next key is even looked at.
"""

from django.utils import timezone
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed, Throttled

from registry.api.throttling import AuthFailureThrottle
from registry.models import ApiToken

# Writing last_used_at on every request would turn each read into a write; once a minute is enough.
LAST_USED_RESOLUTION_SECONDS = 60


class HashedTokenAuthentication(TokenAuthentication):
    model = ApiToken

    def authenticate(self, request):
        self._request = request
        return super().authenticate(request)

    def authenticate_credentials(self, key):
        request = self._request
        throttle = AuthFailureThrottle()
        if throttle.is_spent(request):
            raise Throttled(wait=throttle.wait(), detail="Too many failed authentication attempts from this address.")
        token = ApiToken.objects.for_key(key)
        refusal = "Invalid token." if token is None else token.refusal()
        if refusal:
            throttle.record_failure(request)
            raise AuthenticationFailed(refusal)
        now = timezone.now()
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > LAST_USED_RESOLUTION_SECONDS:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token
