"""Small helpers for the public templates: bookmarkable query strings and schema.org JSON-LD."""

import json

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, gettext_noop, pgettext

from registry.dates import iso_partial

register = template.Library()

# The main navigation: (URL name, path fragment that marks it current, label). The labels' msgids are
# those the template used; gettext_noop marks them for makemessages.
_NAV = (
    ("site:agencies", "/agencies/", gettext_noop("Agencies")),
    ("site:chairs", "/chairs/", gettext_noop("Chairs")),
    ("site:statements", "/statements/", gettext_noop("Statements")),
    ("site:working-groups", "/working-groups/", gettext_noop("Working groups")),
    ("site:events", "/events/", gettext_noop("Events")),
    ("site:publications", "/publications/", gettext_noop("Publications")),
    ("site:initiatives", "/initiatives/", gettext_noop("Initiatives")),
)
_FOOTER = (
    ("site:statement-feed", gettext_noop("Statements (Atom feed)")),
    ("site:event-feed", gettext_noop("Events (iCalendar)")),
    ("site:data", gettext_noop("Open data downloads")),
    ("api:api-root", gettext_noop("Open data API")),
    ("site:sitemap", gettext_noop("Sitemap")),
)
_CURRENT_PAGE = mark_safe(' aria-current="page"')

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


@register.simple_tag(takes_context=True)
def site_nav(context):
    """The main navigation (sections, then the content pages in the menu), the current one marked.

    Markup from Python rather than a dozen template nodes per link: every page draws it. Each
    address is reversed once.
    """
    request = context.get("request")
    path = request.path if request else ""
    items = [
        format_html(
            '<li><a href="{}"{}>{}</a></li>',
            reverse(name),
            _CURRENT_PAGE if fragment in path else "",
            gettext(label),
        )
        for name, fragment, label in _NAV
    ]
    menu = []
    for page in context.get("menu_pages") or ():
        url = page.get_absolute_url()
        current = _CURRENT_PAGE if path == url else ""
        menu.append(format_html('<li><a href="{}"{}>{}</a></li>', url, current, page.title))
    items.append(mark_safe("".join(menu)))  # noqa: S308 - each item is escaped above
    return format_html(
        '<nav class="site-nav" aria-label="{}">\n      <ul class="wrap">\n        {}\n      </ul>\n    </nav>',
        pgettext("navigation", "Main"),
        mark_safe("\n        ".join(items)),  # noqa: S308 - each item is escaped above
    )


@register.simple_tag
def footer_links():
    """The footer's links to the feeds, the downloads, the API and the sitemap."""
    return format_html_join(
        "\n        ", '<li><a href="{}">{}</a></li>', ((reverse(name), gettext(label)) for name, label in _FOOTER)
    )
