"""Server-side caching of what anonymous visitors see, that is never stale after a write.

One rule, here only:

- **What is cached**: a GET answered 200 to a request with no signed-in user and no Authorization
  header (pages, feeds, sitemap, API reads and CSV), that sets no cookie and that the view did not
  mark private (staff previews are). Anonymous users see only `published()`, so nothing else can
  end up in the cache.
- **The key**: the content version (registry.models.versioning), scheme, host, path with its query
  string, the active language and, under /api/, the Accept header (it picks JSON or CSV).
- **Invalidation**: every save, delete and many-to-many change of a registry model, and every
  revision (django-reversion restores included), moves the content version in the writer's own
  transaction, through the signals connected below: admin, API, commands and shell writes alike.
  A scheduled publication coming due moves it on the first request after its time. Bulk writes
  that skip signals (`QuerySet.update`, `bulk_create`) must call `bump_version()` themselves.
- **Where the version is read**: from the shared cache (Redis) when it holds it, else from the
  database, which is the truth. The writer puts the new version into Redis once its transaction
  commits; a copy is only ever replaced by a higher serial (registry.models.versioning), so a slow
  reader cannot put back an older one, and it lives `VERSION_SECONDS` at most, which bounds how long
  a version can outlive a write whose publication to Redis failed. A per-process cache (local
  memory) never holds the version: another process's write would not reach it. The database read
  is always on the primary, never a read replica (gmg.db_router): a lagging replica would hand out
  the version from before a write, and so the page from before it.
- **Where a hit is served**: `ResponseCacheMiddleware` sits just inside the security, CSP and CORS
  middleware, before sessions, language, CSRF, authentication and the view. It only looks up
  requests that cannot be signed in (no session cookie, no Authorization header); it stores what
  comes back out of the inner stack, so a hit carries exactly the headers a rendered answer had.
  `CacheHeadersMiddleware`, innermost, sets the public or private Cache-Control and the ETag.
- **HTTP**: every GET gets an ETag (a hash of the body unless the view set one) and a matching
  If-None-Match gets a 304; anonymous public responses get `s-maxage` so a CDN may keep them.

A failing cache backend never fails a request: the page is rendered as if nothing were cached.
"""

import hashlib
import logging
import time

import reversion.signals
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from django.db import DatabaseError, connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)

from registry.models import versioning

logger = logging.getLogger(__name__)

KEY_PREFIX = "gmg:response"
VERSION_KEY = "gmg:content-version"
VERSION_SECONDS = 60
# What the cache adds to an anonymous GET when the version is not in a shared cache: reading it (one indexed row).
QUERIES_PER_REQUEST = 1


def bump_version(**_ignored):
    """Make every cached response stale; call inside the transaction of a write that skipped signals."""
    return versioning.bump()


# Signals ----------------------------------------------------------------------------------------


def _is_registry(model):
    # Historical models (module "__fake__") are saved by data migrations, possibly before the version table exists.
    return (
        model._meta.app_label == "registry"
        and model is not versioning.ContentVersion
        and model.__module__ != "__fake__"
    )


def _on_write(sender, **kwargs):
    if _is_registry(sender):
        versioning.bump(due_changed=issubclass(sender, versioning.Publishable))


def _on_m2m(sender, instance, action, **kwargs):
    if action.startswith("post_") and _is_registry(type(instance)):
        versioning.bump(due_changed=False)


def _after_migrate(sender, using="default", **kwargs):
    """Data migrations write through historical models, which the signals above skip: move the version once after."""
    if sender.name != "registry":
        return
    try:
        with transaction.atomic(using=using):
            versioning.bump()
    except DatabaseError:  # migrated back to before the version table existed
        logger.info("No content version table; nothing to invalidate.")


def connect():
    """Called once from the app config: every write to a registry model moves the content version."""
    post_migrate.connect(_after_migrate, dispatch_uid="registry-cache-migrate")
    post_save.connect(_on_write, dispatch_uid="registry-cache-save")
    post_delete.connect(_on_write, dispatch_uid="registry-cache-delete")
    m2m_changed.connect(_on_m2m, dispatch_uid="registry-cache-m2m")
    reversion.signals.post_revision_commit.connect(bump_version, dispatch_uid="registry-cache-revision")


# The content version in the shared cache ----------------------------------------------------------

# Replace the stored version only with a higher serial: KEYS[1]; ARGV serial, token, due, seconds.
_SET_IF_NEWER = """
local stored = redis.call('HGET', KEYS[1], 'serial')
if stored and tonumber(stored) >= tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], 'serial', ARGV[1], 'token', ARGV[2], 'due', ARGV[3])
redis.call('EXPIRE', KEYS[1], ARGV[4])
return 1
"""


def _shared():
    """The response cache when every server shares it (Redis) and it is up, else None."""
    backend = _backend()
    if not isinstance(backend, RedisCache) or getattr(backend, "_down_until", 0) > time.monotonic():
        return None
    return backend


def _redis_failed(backend, exc):
    if hasattr(backend, "_failed"):  # gmg.cache.ResilientRedisCache: skip Redis for a while
        backend._failed(exc)
    else:
        logger.warning("Shared cache unavailable for the content version; reading the database.", exc_info=True)


def _version_key(backend):
    return backend.make_and_validate_key(VERSION_KEY)


def _shared_version(backend):
    """The token in the shared cache, if it holds one that no scheduled publication has overtaken."""
    key = _version_key(backend)
    try:
        token, due = backend._cache.get_client(key).hmget(key, "token", "due")
    except Exception as exc:  # whatever Redis raises, the database still answers
        _redis_failed(backend, exc)
        return None
    if token is None or (due and float(due) <= time.time()):
        return None
    return token.decode()


def _publish(backend, row):
    serial, token, due = row
    key = _version_key(backend)
    try:
        client = backend._cache.get_client(key, write=True)
        client.eval(_SET_IF_NEWER, 1, key, serial, token, due.timestamp() if due else "", VERSION_SECONDS)
    except Exception as exc:  # as above: a failed copy only costs a database read later
        _redis_failed(backend, exc)


def current_version():
    """The content version to key responses by, or None when it cannot be read (then nothing is cached)."""
    backend = _shared()
    if backend is not None and (token := _shared_version(backend)) is not None:
        return token
    try:
        row = versioning.current_row()
    except DatabaseError:
        logger.warning("Content version unreadable; answering uncached.", exc_info=True)
        return None
    # Inside a transaction the row may be uncommitted (the writer's own read): only committed versions are shared.
    if backend is not None and not connection.in_atomic_block:
        _publish(backend, row)
    return row[1]


def _publish_committed():
    backend = _shared()
    if backend is None:
        return
    try:
        row = versioning._primary(versioning.ContentVersion).filter(pk=versioning.ROW)
        row = row.values_list("serial", "token", "next_due")
        row = row.first()
    except DatabaseError:
        return
    if row is not None:
        _publish(backend, row)


def version_changed():
    """Called by `versioning.bump()` in the writer's transaction: once it commits, share the new version."""
    if _shared() is None:
        return
    if not any(func is _publish_committed for _sids, func, _robust in connection.run_on_commit):
        transaction.on_commit(_publish_committed, robust=True)


# Middleware -------------------------------------------------------------------------------------


def is_anonymous(request):
    return "HTTP_AUTHORIZATION" not in request.META and not request.user.is_authenticated


def cannot_be_signed_in(request):
    """No session cookie and no token: whatever the inner middleware decides, this request is anonymous."""
    return settings.SESSION_COOKIE_NAME not in request.COOKIES and "HTTP_AUTHORIZATION" not in request.META


def _language_part(request):
    """What picks the answer's language, read as LocaleMiddleware (registry.i18n) will read it.

    A prefixed address names its language. Otherwise the site answers in English or redirects a
    browser to its preferred language, and the API answers in the preferred one (after `?lang=`,
    which is in the query string): the preference (language cookie, then Accept-Language) and
    whether HTML is accepted decide, so both are in the key.
    """
    prefixed = translation.get_language_from_path(request.path_info)
    if prefixed:
        return prefixed
    preferred = translation.get_language_from_request(request, check_path=False)
    return f"{preferred};html" if request.accepts("text/html") else preferred


def key_for(request, version):
    parts = [
        version,
        request.scheme,
        request.get_host(),
        request.get_full_path(),
        _language_part(request),
        request.headers.get("Accept", "") if request.path.startswith("/api/") else "",
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"{KEY_PREFIX}:{digest}"


def _storable(response, request=None):
    # A page that used a CSP nonce allows that nonce only: replayed to another request, its own
    # inline code would be blocked by that request's header (the API docs use one).
    used_nonce = request is not None and getattr(request, "_csp_nonce", None) is not None
    return (
        not used_nonce
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
        and "no-cache" not in response.get("Cache-Control", "")
    )


def _backend():
    return caches[settings.RESPONSE_CACHE_ALIAS]


# A small in-process tier in front of a shared cache (Redis), one per alias: a key names a content
# version, so an entry can never be stale here either, and a hit saves the network round trip.
_local_tiers = {}


def _local():
    backend = _backend()
    if isinstance(backend, LocMemCache):
        return None  # already local
    alias = settings.RESPONSE_CACHE_ALIAS
    if alias not in _local_tiers:
        _local_tiers[alias] = LocMemCache(f"gmg-response-{alias}", {"TIMEOUT": 300, "OPTIONS": {"MAX_ENTRIES": 300}})
    return _local_tiers[alias]


def _get(key):
    local = _local()
    entry = local.get(key) if local else None
    if entry is not None:
        return entry
    try:
        entry = _backend().get(key)
    except Exception:  # a cache that is down must not take the site with it
        logger.warning("Response cache unavailable (get); rendering uncached.", exc_info=True)
        return None
    if entry is not None and local:
        local.set(key, entry)
    return entry


def _set(key, response):
    entry = (response.status_code, list(response.items()), response.content)
    if local := _local():
        local.set(key, entry)
    try:
        _backend().set(key, entry, settings.RESPONSE_CACHE_SECONDS)
    except Exception:
        logger.warning("Response cache unavailable (set); not stored.", exc_info=True)


def _rebuild(entry):
    status, headers, content = entry
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    return response


def _public_headers(request, response):
    """Shared caches (a CDN, a reverse proxy) may keep an anonymous public response for `s-maxage` seconds."""
    if request.path.startswith("/api/"):
        patch_vary_headers(response, ["Accept", "Authorization", "Cookie"])
    else:
        patch_vary_headers(response, ["Cookie"])
    patch_cache_control(
        response, public=True, max_age=settings.PUBLIC_CACHE_SECONDS, s_maxage=settings.SHARED_CACHE_SECONDS
    )


def _private_headers(request, response):
    """Whatever a signed-in user or a token holder sees is theirs alone: no shared cache may keep it."""
    if "private" not in response.get("Cache-Control", ""):
        add_never_cache_headers(response)
        patch_cache_control(response, private=True)
    patch_vary_headers(response, ["Cookie", "Authorization"] if request.path.startswith("/api/") else ["Cookie"])


def _conditional(request, response):
    if response.status_code != 200 or response.streaming:
        return response
    if not response.has_header("ETag"):
        set_response_etag(response)
    return get_conditional_response(request, etag=response["ETag"], response=response)


def _throttled(request):
    """A cached API answer still counts against the client's rate limit (DRF's throttles, as the views use them).

    Refused here, the request goes on to the view, whose throttle refuses it again and answers 429.
    """
    if not request.path.startswith("/api/"):
        return False
    from django.contrib.auth.models import AnonymousUser
    from rest_framework.settings import api_settings

    if not hasattr(request, "user"):  # looked up before AuthenticationMiddleware, for a request without a session
        request.user = AnonymousUser()
    return not all(throttle().allow_request(request, None) for throttle in api_settings.DEFAULT_THROTTLE_CLASSES)


class ResponseCacheMiddleware:
    """Answer anonymous GETs from the response cache before the rest of the stack runs; store what it renders.

    Placed after the security, CSP and CORS middleware (they still run on a hit) and before
    sessions, language, CSRF and authentication (they do not need to). Only requests that cannot be
    signed in are looked up, so staff, token holders, previews and drafts never come near it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            not settings.RESPONSE_CACHE
            or request.method != "GET"
            or request.path.startswith(settings.RESPONSE_CACHE_SKIP)
            or not cannot_be_signed_in(request)
        ):
            return self.get_response(request)
        version = current_version()
        if version is None:
            return self.get_response(request)
        key = key_for(request, version)
        entry = _get(key)
        if entry is not None and not _throttled(request):
            response = _rebuild(entry)
            response["X-Cache"] = "hit"
            return _conditional(request, response)
        response = self.get_response(request)
        if _storable(response, request) and is_anonymous(request) and "public" in response.get("Cache-Control", ""):
            _set(key, response)
            response["X-Cache"] = "miss"
        return response


class CacheHeadersMiddleware:
    """Innermost: Cache-Control by viewer (public for anonymous, private for everyone else), ETag, and 304s."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or request.path.startswith(settings.RESPONSE_CACHE_SKIP):
            return self.get_response(request)
        response = self.get_response(request)
        if not is_anonymous(request):
            _private_headers(request, response)
        elif _storable(response, request):
            _public_headers(request, response)
        return _conditional(request, response)
