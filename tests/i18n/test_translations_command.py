"""Editors hand the interface strings to a translator as .po files and take them back."""

import io
import shutil
from pathlib import Path

import polib
import pytest
from django.core.management import CommandError, call_command


@pytest.fixture
def locale(tmp_path, settings):
    """A copy of the shipped catalogues, so an import never changes the real ones."""
    copy = tmp_path / "locale"
    shutil.copytree(Path(settings.BASE_DIR) / "locale", copy, ignore=shutil.ignore_patterns("*.mo"))
    settings.LOCALE_PATHS = [copy]
    return copy


def export(language, *args):
    out = io.StringIO()
    call_command("translations", "export", language, *args, stdout=out)
    return polib.pofile(out.getvalue())


def test_the_export_is_the_catalogue_a_translator_edits(locale):
    po = export("fr")
    assert po.find("Search").msgstr == "Rechercher"
    assert po.find("Global Migration Group").msgstr == "Groupe mondial sur la migration"


def test_the_export_of_what_is_left_is_empty_when_all_is_translated(locale):
    assert len(export("ar", "--untranslated")) == 0


def test_an_import_updates_a_translation_and_compiles_the_catalogue(locale, tmp_path):
    po = export("fr")
    po.find("Search").msgstr = "Chercher"
    po.find("Chair terms of the group in order, with the periods that had no chair on record").msgstr = ""
    edited = tmp_path / "fr.po"
    po.save(str(edited))
    out = io.StringIO()
    call_command("translations", "import", "fr", str(edited), stdout=out)
    assert out.getvalue().startswith("fr: 1 translation(s) updated, 0 not used by the site skipped, 0 refused")
    catalogue = locale / "fr" / "LC_MESSAGES" / "django.po"
    assert polib.pofile(str(catalogue)).find("Search").msgstr == "Chercher"
    assert polib.mofile(str(catalogue.with_suffix(".mo"))).find("Search").msgstr == "Chercher"
    # An empty msgstr in the file does not erase the shipped translation.
    kept = polib.pofile(str(catalogue)).find(
        "Chair terms of the group in order, with the periods that had no chair on record"
    )
    assert kept.msgstr.startswith("Les mandats de présidence")


def test_an_import_refuses_a_translation_that_would_break_the_page(locale, tmp_path):
    po = export("es")
    po.find("Launched %(launched)s").msgstr = "Iniciada en %(fecha)s"
    po.find('No statement matches. Try fewer words or <a href="?">clear the filters</a>.').msgstr = "Nada."
    po.append(polib.POEntry(msgid="A string the site does not use", msgstr="Una cadena"))
    edited = tmp_path / "es.po"
    po.save(str(edited))
    out, err = io.StringIO(), io.StringIO()
    call_command("translations", "import", "es", str(edited), stdout=out, stderr=err)
    assert "0 translation(s) updated, 1 not used by the site skipped, 2 refused" in out.getvalue()
    assert "placeholders differ" in err.getvalue() and "markup differs" in err.getvalue()
    shipped = polib.pofile(str(locale / "es" / "LC_MESSAGES" / "django.po"))
    assert shipped.find("Launched %(launched)s").msgstr == "Iniciada en %(launched)s"


def test_an_unknown_language_or_file_is_a_clear_error(locale, tmp_path):
    with pytest.raises(CommandError, match="No catalogue for “de”"):
        call_command("translations", "export", "de")
    (tmp_path / "bad.po").write_text("this is not a po file \x00")
    with pytest.raises(CommandError, match=r"not a readable \.po file"):
        call_command("translations", "import", "fr", str(tmp_path / "bad.po"))
