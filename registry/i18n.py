"""The site and the API in the six UN languages: how a request gets its language, and what a page needs for it.

- The public site's addresses carry the language (`/fr/agencies/`); English has none, so every
  address published before the site was translated still works and still means the same page.
- A first visit to an English (unprefixed) address from a browser that prefers another of our
  languages is redirected to that language's address; once the reader picks a language with the
  switcher (a cookie), that choice wins. Crawlers, which send no preference, get English.
- The API has no prefixes: `?lang=` wins, then `Accept-Language`; every answer says
  `Content-Language` and `Vary: Accept-Language`, so caches keep the languages apart.
"""

import contextlib
from urllib.parse import unquote

from django.conf import settings
from django.db.models import CharField, F, Q, Value
from django.db.models.functions import Coalesce, NullIf
from django.http import HttpResponseRedirect, JsonResponse
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.urls import NoReverseMatch, Resolver404, resolve, reverse, translate_url
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

DEFAULT = settings.LANGUAGE_CODE
CODES = [code for code, _name in settings.LANGUAGES]
# Statements store their language as ISO 639-1 ("zh"); the interface's Chinese is Simplified ("zh-hans").
STATEMENT_TO_SITE = {"zh": "zh-hans"}
# BCP 47 spellings for lang="" and hreflang="".
BCP47 = {"zh-hans": "zh-Hans"}
# Paths that are not part of the translated public site.
UNPREFIXED = ("/api/", "/admin/", "/healthz", "/static/", "/media/", "/language/", "/robots.txt", "/sitemap")
LANGUAGE_PARAMETER = "lang"
# The unprefixed surface that still speaks the reader's language. The admin stays in English: its
# forms edit the English text as `name`, and every other language in its own field beside it.
NEGOTIATED = ("/api/",)


def bcp47(code):
    return BCP47.get(code, code)


def site_code(statement_language):
    return STATEMENT_TO_SITE.get(statement_language, statement_language)


def is_rtl(code=None):
    return translation.get_language_info(code or translation.get_language())["bidi"]


def requested_language(value):
    """One of our language codes for a `?lang=` value (`fr`, `zh-Hans`, `zh`, `ar-EG`…), or None."""
    if not value:
        return None
    value = site_code(value.strip().lower())
    try:
        return translation.get_supported_language_variant(value)
    except LookupError:
        return None


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's LocaleMiddleware, plus `?lang=` in the API and the first-visit redirect on the site."""

    def process_request(self, request):
        super().process_request(request)
        path = request.path_info
        if path.startswith(NEGOTIATED):
            # No prefix to read: `?lang=` (API only), then the switcher's cookie, then Accept-Language.
            asked = request.GET.get(LANGUAGE_PARAMETER) if path.startswith("/api/") else None
            chosen = requested_language(asked) or translation.get_language_from_request(request, check_path=False)
            translation.activate(chosen)
            request.LANGUAGE_CODE = chosen
            if asked is not None and requested_language(asked) is None:
                return JsonResponse(
                    {LANGUAGE_PARAMETER: [BAD_LANGUAGE % {"value": asked[:20], "codes": ", ".join(map(bcp47, CODES))}]},
                    status=400,
                )
            return None
        if self._may_negotiate(request):
            preferred = translation.get_language_from_request(request, check_path=False)
            if preferred != DEFAULT and preferred in CODES:
                target = translate_url(request.get_full_path(), preferred)
                if target != request.get_full_path():
                    redirect = HttpResponseRedirect(target)
                    patch_vary_headers(redirect, ("Accept-Language", "Cookie"))
                    return redirect
        return None

    @staticmethod
    def _may_negotiate(request):
        path = request.path_info
        return (
            request.method in ("GET", "HEAD")
            and not path.startswith(UNPREFIXED)
            and translation.get_language_from_path(path) is None
            and request.accepts("text/html")
        )

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if request.path_info.startswith("/api/"):
            # `?lang=` is part of the URL, so caches already keep it apart; Accept-Language needs Vary.
            patch_vary_headers(response, ("Accept-Language",))
            response.headers["Content-Language"] = bcp47(translation.get_language())
        return response


def set_language(request, code):
    """The language switcher's links: remember the reader's choice, and show the same page in it.

    A GET (unlike Django's `set_language`, a POST with a CSRF token) so that every public page,
    switcher included, stays cacheable and works without JavaScript or a form.
    """
    code = requested_language(code) or DEFAULT
    next_url = request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, require_https=request.is_secure()):
        next_url = "/"
    # An address resolves only in its own language: read `next` in the language of its prefix.
    with translation.override(translation.get_language_from_path(next_url) or DEFAULT):
        target = translate_url(next_url, code)
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=not settings.DEBUG,
    )
    return response


def alternates(path):
    """(code, BCP 47 tag, name in itself, address) of `path` in each language, for hreflang and the switcher.

    What `translate_url(path, code)` gives for each language, with the path resolved once rather than
    six times (every page draws these links).
    """
    try:
        match = resolve(unquote(path))
    except Resolver404:
        match = None
    name = f"{match.namespace}:{match.url_name}" if match and match.namespace else getattr(match, "url_name", None)
    out = []
    for code, language_name in settings.LANGUAGES:
        url = path
        if name:
            with translation.override(code), contextlib.suppress(NoReverseMatch):
                url = reverse(name, args=match.args, kwargs=match.kwargs)
        out.append((code, bcp47(code), language_name, url))
    return out


# What "not yet translated" means, once, for one record (`untranslated`) and for a query (`untranslated_q`):
# a field has English text and none in the other language. An empty English text needs no translation.


def column(field, language):
    return f"{field}_{language.replace('-', '_')}"


def translated_column(model, field, through=""):
    """`field` of `model` in the active language as one SQL expression, English where it has no text yet
    (as reading the attribute does); a field that is not translated as itself. `through`: the path from the
    model queried to `model` ("holdings__agency__"), when `model` is a related one."""
    if field not in translated_fields(model):
        return F(through + field)
    language = translation.get_language() or DEFAULT
    english = F(through + column(field, DEFAULT))
    if language == DEFAULT:
        return english
    return Coalesce(NullIf(F(through + column(field, language)), Value("")), english, output_field=CharField())


def untranslated(obj, field, language=None):
    """Whether `obj.<field>` has text in English but none yet in `language` (the active one by default)."""
    language = language or translation.get_language()
    if language == DEFAULT:
        return False
    return bool(getattr(obj, column(field, DEFAULT), None)) and not getattr(obj, column(field, language), None)


def untranslated_q(model, language):
    """Records of `model` with at least one translated field in English but not in `language`."""
    condition = Q(pk__in=[])
    for field in translated_fields(model):
        english = ~Q(**{column(field, DEFAULT): ""}) & Q(**{f"{column(field, DEFAULT)}__isnull": False})
        missing = Q(**{column(field, language): ""}) | Q(**{f"{column(field, language)}__isnull": True})
        condition |= english & missing
    return condition


def missing_languages(obj):
    """The languages (other than English) in which some text of `obj` is not yet translated."""
    return [
        code for code in CODES if code != DEFAULT and any(untranslated(obj, f, code) for f in translated_fields(obj))
    ]


def translated_fields(model):
    from registry.translation import TRANSLATED_FIELDS

    return TRANSLATED_FIELDS.get(model if isinstance(model, type) else type(model), ())


BAD_LANGUAGE = _("“%(value)s” is not one of the languages offered: %(codes)s.")
UNTRANSLATED_NOTE = _("This text has not been translated yet; it is shown in English.")
