"""The page in other languages (hreflang, the switcher) and the note on a text not yet translated."""

from django import template
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.safestring import mark_safe

from registry import i18n
from registry.addresses import Address

register = template.Library()

_CURRENT_LANGUAGE = mark_safe(' aria-current="true"')


@register.simple_tag(takes_context=True)
def page_languages(context):
    """This page in each language: code, BCP 47 tag, the language's own name, its address, its switcher link."""
    request = context.get("request")
    path = request.path if request else "/"
    current = translation.get_language()
    # The switcher's addresses differ only by the language code: one reverse() and one query string for the six.
    switch, query = Address.of("set-language", "code"), "?" + urlencode({"next": path})
    return [
        {
            "code": code,
            "tag": tag,
            "name": name,
            "url": url,
            "switch": switch(code) + query,
            "current": code == current,
        }
        for code, tag, name, url in i18n.alternates(path)
    ]


@register.simple_tag(takes_context=True)
def alternate_links(context, languages):
    """`<link rel="alternate" hreflang>` for each language of the page, and x-default (the first, English).

    Markup from Python rather than a template loop: every page draws it.
    """
    site = context.get("SITE_URL", "")
    links = format_html_join(
        "\n  ",
        '<link rel="alternate" hreflang="{}" href="{}{}">',
        ((language["tag"], site, language["url"]) for language in languages),
    )
    if not languages:
        return links
    default = format_html('<link rel="alternate" hreflang="x-default" href="{}{}">', site, languages[0]["url"])
    return format_html("{}\n  {}", links, default)


@register.simple_tag
def language_switcher(languages):
    """The switcher's list items: each language named in itself, the current one marked."""
    return format_html_join(
        "\n          ",
        '<li><a href="{}" hreflang="{}" lang="{}"{}>{}</a></li>',
        (
            (
                language["switch"],
                language["tag"],
                language["tag"],
                _CURRENT_LANGUAGE if language["current"] else "",
                language["name"],
            )
            for language in languages
        ),
    )


@register.simple_tag
def current_language_tag():
    return i18n.bcp47(translation.get_language())


@register.filter
def bcp47(code):
    return i18n.bcp47(i18n.site_code(code))


@register.simple_tag
def untranslated_note(obj, field):
    """A note, in the reader's language, where `obj.<field>` is shown in English for want of a translation."""
    if not i18n.untranslated(obj, field):
        return ""
    return format_html('<p class="untranslated-note" role="note">{}</p>', i18n.UNTRANSLATED_NOTE)


@register.simple_tag
def text_lang(obj, field):
    """` lang="en"` on an element whose text is the English fallback, so screen readers read it as English."""
    return format_html(' lang="{}" dir="ltr"', i18n.DEFAULT) if i18n.untranslated(obj, field) else ""
