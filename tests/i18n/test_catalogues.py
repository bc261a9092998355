"""The shipped catalogues: every interface string translated into the five other UN languages."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

LOCALES = ["fr", "es", "ar", "zh_Hans", "ru"]
CATALOGUES = {lang: Path(settings.BASE_DIR) / "locale" / lang / "LC_MESSAGES" / "django.po" for lang in LOCALES}
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdr]|%[sdr]")
# Django's own msgids that our admin template repeats; Django's catalogue translates them too.
NOT_OURS = {"Django site admin", "Django administration"}


def entries(lang):
    return [e for e in polib.pofile(str(CATALOGUES[lang])) if not e.obsolete]


@pytest.mark.parametrize("lang", LOCALES)
def test_every_msgid_has_a_translation_and_none_is_fuzzy(lang):
    missing = []
    for entry in entries(lang):
        forms = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        if "fuzzy" in entry.flags or not all(form.strip() for form in forms):
            missing.append(entry.msgid)
    assert not missing, f"{lang}: {len(missing)} untranslated: {missing[:10]}"


@pytest.mark.parametrize("lang", LOCALES)
def test_translations_keep_the_placeholders_of_their_msgid(lang):
    wrong = []
    for entry in entries(lang):
        expected = sorted(PLACEHOLDER.findall(entry.msgid))
        if entry.msgid_plural:
            # A plural form may spell out its number ("وكالتان", two agencies) instead of %(counter)s.
            expected = sorted(set(PLACEHOLDER.findall(entry.msgid_plural)) - {"counter"})
            found = [sorted(set(PLACEHOLDER.findall(form)) - {"counter"}) for form in entry.msgstr_plural.values()]
            if any(f != expected for f in found):
                wrong.append(entry.msgid)
        elif sorted(PLACEHOLDER.findall(entry.msgstr)) != expected:
            wrong.append(entry.msgid)
    assert not wrong, f"{lang}: placeholders differ in {wrong}"


@pytest.mark.parametrize("lang", LOCALES)
def test_the_markup_inside_a_translation_is_the_msgids(lang):
    tags = re.compile(r"</?(\w+)")
    wrong = [e.msgid for e in entries(lang) if not e.msgid_plural and tags.findall(e.msgid) != tags.findall(e.msgstr)]
    assert not wrong, wrong


def test_the_catalogues_hold_the_same_msgids_in_every_language():
    ids = {lang: {(e.msgctxt, e.msgid) for e in entries(lang)} for lang in LOCALES}
    assert all(ids[lang] == ids["fr"] for lang in LOCALES)
    assert len(ids["fr"]) > 300


def test_the_un_names_of_the_group_are_used():
    # The group's own name in each official language, as the UN wrote it.
    expected = {
        "fr": "Groupe mondial sur la migration",
        "es": "Grupo Mundial sobre Migración",
        "ar": "الفريق العالمي المعني بالهجرة",
        "zh_Hans": "全球移民问题小组",
        "ru": "Группа глобальной миграции",
    }
    for lang, name in expected.items():
        assert polib.pofile(str(CATALOGUES[lang])).find("Global Migration Group").msgstr == name


def test_a_missing_translation_is_caught(tmp_path):
    """The check above can fail: a catalogue with one empty msgstr is reported."""
    po = polib.pofile(str(CATALOGUES["fr"]))
    po.find("Search").msgstr = ""
    broken = tmp_path / "django.po"
    po.save(str(broken))
    empty = [e.msgid for e in polib.pofile(str(broken)) if not e.msgid_plural and not e.msgstr.strip()]
    assert empty == ["Search"]


def test_the_catalogues_are_up_to_date_with_the_code(tmp_path):
    """`make messages` on the code as it is would add no msgid: every marked string is in the catalogues."""
    import shutil
    import subprocess
    import sys

    root = Path(settings.BASE_DIR)
    for name in ("registry", "templates", "gmg", "locale"):
        shutil.copytree(root / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    shutil.copy(root / "manage.py", tmp_path / "manage.py")
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "fr", "--no-obsolete", "--add-location=file"],
        cwd=tmp_path, check=True, capture_output=True,
    )  # fmt: skip
    fresh = {(e.msgctxt, e.msgid) for e in polib.pofile(str(tmp_path / "locale/fr/LC_MESSAGES/django.po"))}
    shipped = {(e.msgctxt, e.msgid) for e in entries("fr")}
    assert fresh - shipped == set(), "run `make messages` and translate the new strings"
    assert shipped - fresh == set(), "run `make messages` to drop strings the code no longer uses"
