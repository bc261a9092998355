"""Small helpers for the public templates: bookmarkable query strings and schema.org JSON-LD."""

import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from registry.dates import iso_partial

register = template.Library()

# As in django.utils.html.json_script: nothing in the data can close the <script> element.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters changed (None or "" removes one)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        params.pop(key, None)
        if value not in (None, ""):
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag(takes_context=True)
def absolute(context, path):
    request = context.get("request")
    return request.build_absolute_uri(path) if request else path


def _script(data):
    text = json.dumps(data, ensure_ascii=False, indent=1).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308 - escaped


@register.simple_tag(takes_context=True)
def organization_json_ld(context, agency):
    request = context["request"]
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": agency.name,
        "alternateName": agency.acronym,
        "url": request.build_absolute_uri(agency.get_absolute_url()),
    }
    if agency.website:
        data["sameAs"] = [agency.website]
    if agency.migration_focus:
        data["description"] = agency.migration_focus
    if agency.headquarters:
        data["location"] = {"@type": "Place", "name": agency.headquarters}
    return _script(data)


@register.simple_tag(takes_context=True)
def event_json_ld(context, event):
    request = context["request"]
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        # ISO 8601 at the precision known: "2006", "2006-09", "2006-05-09".
        "startDate": iso_partial(event.start, event.start_precision),
        "endDate": iso_partial(event.end, event.end_precision)
        if event.end
        else iso_partial(event.start, event.start_precision),
        "eventStatus": "https://schema.org/EventScheduled",
        "url": request.build_absolute_uri(event.get_absolute_url()),
    }
    if event.summary:
        data["description"] = event.summary
    if event.city or event.country:
        data["location"] = {
            "@type": "Place",
            "name": ", ".join(p for p in (event.city, event.country) if p),
            "address": {"@type": "PostalAddress", "addressLocality": event.city, "addressCountry": event.country},
        }
    if event.organiser:
        data["organizer"] = {
            "@type": "Organization",
            "name": event.organiser.name,
            "url": request.build_absolute_uri(event.organiser.get_absolute_url()),
        }
    return _script(data)
