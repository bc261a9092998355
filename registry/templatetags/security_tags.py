"""Template helpers for the Content-Security-Policy."""

from django import forms, template
from js_asset import Media

register = template.Library()


@register.filter
def with_csp_nonce(media, request):
    """Form media whose <script>/<link> tags (and django-prose-editor's import map, an inline script)
    carry this request's CSP nonce."""
    nonce = getattr(request, "csp_nonce", None)
    if not isinstance(media, forms.Media) or nonce is None:
        return media
    return Media.from_media(media, nonce=str(nonce))
