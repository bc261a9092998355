"""Reading a rendered page the way a reader does: its text, without what comes from the database."""

import html
import re
from html.parser import HTMLParser

from django.apps import apps
from django.db import models
from django.utils.html import strip_tags

SKIPPED = {"script", "style", "code", "svg"}  # the charts' SVG is checked through its data table
ATTRIBUTES = {"aria-label", "title", "placeholder", "alt"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Text(HTMLParser):
    """Text nodes and labelling attributes, each with the language it is declared in (the nearest lang="")."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, lang, skipped)
        self.html_lang = None
        self.html_dir = None
        self.hreflangs = []
        self.chunks = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        lang = attrs.get("lang") or (self.stack[-1][1] if self.stack else None)
        skipped = tag in SKIPPED or (bool(self.stack) and self.stack[-1][2])
        if tag == "html":
            self.html_lang, self.html_dir = attrs.get("lang"), attrs.get("dir")
        if tag == "link" and attrs.get("rel") == "alternate" and attrs.get("hreflang"):
            self.hreflangs.append((attrs["hreflang"], attrs["href"]))
        if not skipped:
            for name in ATTRIBUTES & attrs.keys():
                self.chunks.append((attrs[name], lang))
        if tag not in VOID:
            self.stack.append((tag, lang, skipped))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self.stack and not self.stack[-1][2] and data.strip():
            self.chunks.append((data, self.stack[-1][1]))


def read(page_html):
    parser = _Text()
    parser.feed(page_html)
    return parser


def normalise(text):
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def database_texts():
    """Every text the registry holds (each language's column, sources, rich text as its words)."""
    texts = set()
    for model in apps.get_app_config("registry").get_models():
        fields = [f.attname for f in model._meta.concrete_fields if isinstance(f, (models.CharField, models.TextField))]
        for row in model._base_manager.values_list(*fields):
            values = [normalise(strip_tags(str(value))) for value in row if value]
            texts.update(values)
            texts.add(" ".join(values))  # a search snippet runs on from one field of a record into the next
    return sorted(texts, key=len, reverse=True)


def interface_text(page_html, data, page_lang):
    """The page's own words: text in the page's language, minus anything that comes from the database."""
    out = []
    page_html = re.sub(r"</?mark>", "", page_html)  # a search snippet is one text, whatever it highlights
    for text, lang in read(page_html).chunks:
        if lang not in (None, page_lang):
            continue  # declared as another language: the switcher's names, a text shown in English for now
        text = normalise(re.sub(r"\(\d+\)", "", text)).strip("… ")  # counts, and a snippet's cut ends
        if re.fullmatch(r"[A-Z0-9-]+", text) or any(text in value for value in data):
            continue  # an acronym (API, JSON) reads the same in every language
        for value in data:
            if len(value) > 2 and value in text:
                text = text.replace(value, " ")
        if re.search(r"[^\W\d_]{3,}", text):
            out.append(normalise(text))
    return out


def same_in_translation(catalogue):
    """Patterns of the interface strings a translator kept as in English ("Publications", "Sources" in French)."""
    import polib

    patterns = []
    for entry in polib.pofile(str(catalogue)):
        pairs = [(entry.msgid, entry.msgstr)]
        if entry.msgid_plural:
            pairs = [(entry.msgid_plural, form) for form in entry.msgstr_plural.values()]
            pairs += [(entry.msgid, form) for form in entry.msgstr_plural.values()]
        for msgid, msgstr in pairs:
            if msgid == msgstr:
                text = normalise(re.sub(r"<[^>]+>", " ", msgstr))
                patterns.append(re.compile(re.sub(r"%\\\(\w+\\\)[sdr]|%[sdr]", ".+", re.escape(text))))
    return patterns
