"""Every page type, on the seed data, in each UN language: its interface translated, its lang, dir and hreflang right.

"No English left" is checked by reading the page as a reader does: the text of the page in the
page's language, minus every text that comes from the database (names, summaries, sources), must
share nothing with the same page in English — except the words a translator kept as they are
("Publications", "Sources" in French), which the catalogue itself records.
"""

from pathlib import Path

import pytest
from django.conf import settings

from registry.models import Agency, Event, Page, Publication, Statement, Topic, WorkingGroup
from tests.i18n.pages import database_texts, interface_text, read, same_in_translation

LANGUAGES = {"fr": ("fr", "ltr"), "es": ("es", "ltr"), "ar": ("ar", "rtl"), "zh-hans": ("zh-Hans", "ltr"),
             "ru": ("ru", "ltr")}  # fmt: skip
CATALOGUE = {"fr": "fr", "es": "es", "ar": "ar", "zh-hans": "zh_Hans", "ru": "ru"}
SECTIONS = ["/", "/agencies/", "/agencies/?member_on=not-a-date", "/chairs/", "/statements/",
            "/statements/?q=migrants&sort=newest", "/working-groups/", "/events/", "/publications/", "/initiatives/",
            "/search/?q=migration", "/search/?q=nothing-matches-this", "/data/"]  # fmt: skip
RECORDS = {
    Agency: "ohchr", Statement: "human-rights-of-migrants-in-irregular-situation-2010", Event: None,
    WorkingGroup: None, Publication: None, Topic: "human-rights", Page: "history",
}  # fmt: skip


def kept_words(lang):
    return same_in_translation(Path(settings.BASE_DIR) / "locale" / CATALOGUE[lang] / "LC_MESSAGES" / "django.po")


def english_left(words, english, kept):
    """The page's words that are also the English page's, unless the translation kept them as they are."""
    return [w for w in words if w in english and not any(p.fullmatch(w) for p in kept)]


def page_paths():
    paths = list(SECTIONS)
    for model, slug in RECORDS.items():
        record = model.objects.published().get(slug=slug) if slug else model.objects.published().first()
        paths.append(record.get_absolute_url())
    return paths


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_every_page_type_is_in_the_readers_language_with_no_english_interface_left(client, seed, lang):
    data, kept = database_texts(), kept_words(lang)
    tag, direction = LANGUAGES[lang]
    left = {}
    for path in page_paths():
        english_page = client.get(path)
        page = client.get(f"/{lang}{path}")
        assert page.status_code == english_page.status_code, path
        assert page.status_code in (200, 400), path
        english = set(interface_text(english_page.content.decode(), data, "en"))
        words = interface_text(page.content.decode(), data, tag)
        untranslated = english_left(words, english, kept)
        if untranslated:
            left[path] = untranslated
        parsed = read(page.content.decode())
        assert (parsed.html_lang, parsed.html_dir) == (tag, direction), path
    assert not left, f"English interface text on the {lang} pages: {left}"


def test_the_not_found_page_is_translated_too(client, db):
    page = client.get("/ar/agencies/nobody/")
    assert page.status_code == 404
    html = page.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "الصفحة غير موجودة" in html  # "Page not found"


def test_english_pages_keep_their_addresses_and_say_they_are_english(client, seed):
    page = client.get("/agencies/ohchr/")
    assert page.status_code == 200
    parsed = read(page.content.decode())
    assert (parsed.html_lang, parsed.html_dir) == ("en", "ltr")


def test_each_page_names_its_six_language_versions_and_a_default(client, seed):
    parsed = read(client.get("/fr/agencies/ohchr/").content.decode())
    assert dict(parsed.hreflangs) == {
        "en": "http://127.0.0.1:8000/agencies/ohchr/",
        "fr": "http://127.0.0.1:8000/fr/agencies/ohchr/",
        "es": "http://127.0.0.1:8000/es/agencies/ohchr/",
        "ar": "http://127.0.0.1:8000/ar/agencies/ohchr/",
        "zh-Hans": "http://127.0.0.1:8000/zh-hans/agencies/ohchr/",
        "ru": "http://127.0.0.1:8000/ru/agencies/ohchr/",
        "x-default": "http://127.0.0.1:8000/agencies/ohchr/",
    }


def test_the_check_finds_english_left_on_a_page(client, seed):
    """The no-English check can fail: an English sentence in a French page's interface is reported."""
    data, kept = database_texts(), kept_words("fr")
    english = set(interface_text(client.get("/chairs/").content.decode(), data, "en"))
    french = client.get("/fr/chairs/").content.decode().replace("</main>", "<p>Terms and gaps</p></main>")
    assert english_left(interface_text(french, data, "fr"), english, kept) == ["Terms and gaps"]
