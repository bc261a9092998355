"""Security plumbing the settings and the middleware stack share.

- `check_secret_key`: production refuses to start with a weak or well-known key.
- `client_ip`: the one answer to "who is asking", used by the API throttles and the login lockout.
- `PermissionsPolicyMiddleware`: the one security header Django and django-csp do not send.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# Keys that have been published (this project's development key, Django's generated prefix,
# placeholders from templates): a deployment using one of them has no secret at all.
DEVELOPMENT_SECRET_KEY = "insecure-local-development-key-do-not-use-in-production"  # noqa: S105
KNOWN_KEY_MARKERS = ("django-insecure", "insecure-local-development", "changeme", "change-me", "change_me")
MIN_SECRET_KEY_LENGTH = 50
MIN_SECRET_KEY_UNIQUE_CHARACTERS = 5


def check_secret_key(key):
    """Raise ImproperlyConfigured unless `key` is long, varied and not a published default."""
    if len(key) < MIN_SECRET_KEY_LENGTH:
        raise ImproperlyConfigured(
            f"SECRET_KEY is {len(key)} characters long; use at least {MIN_SECRET_KEY_LENGTH} random characters "
            "when DEBUG is off (python -c 'import secrets; print(secrets.token_urlsafe(64))')."
        )
    if len(set(key)) < MIN_SECRET_KEY_UNIQUE_CHARACTERS:
        raise ImproperlyConfigured("SECRET_KEY repeats too few characters to be random; generate a new one.")
    lowered = key.lower()
    if any(marker in lowered for marker in KNOWN_KEY_MARKERS):
        raise ImproperlyConfigured("SECRET_KEY is a published default or placeholder; generate a new one.")


def client_ip(request):
    """The client's address, trusting X-Forwarded-For only as far as NUM_PROXIES proxies of our own.

    With NUM_PROXIES = 0 (the default) the header is ignored: anyone can send it. With N proxies in
    front, each appends the address it received from, so the client is the N-th entry from the right;
    whatever the client wrote further left is ignored.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.NUM_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    if not proxies or not forwarded:
        return remote
    addresses = [part.strip() for part in forwarded.split(",") if part.strip()]
    if not addresses:
        return remote
    return addresses[-min(proxies, len(addresses))]


class PermissionsPolicyMiddleware:
    """Turn off browser features the site never uses, for every response (pages, admin, API, media)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
