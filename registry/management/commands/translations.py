"""Hand the interface strings to a translator as a .po file, and take their work back.

    manage.py translations export fr > fr.po          # the French catalogue, for any PO editor (Poedit, Weblate…)
    manage.py translations export fr --untranslated   # only what still needs a translation
    manage.py translations import fr fr.po            # merge it back, check it, compile it

An import takes only msgids the site uses, refuses a translation whose placeholders or markup
differ from its msgid (it would break the page), and compiles the catalogue so that it is live
at the next start. Commit the changed locale/<lang>/LC_MESSAGES/django.po afterwards.
"""

import re
from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

PLACEHOLDER = re.compile(r"%\((\w+)\)[sdr]|%[sdr]")
TAG = re.compile(r"</?(\w+)")


def catalogue_path(language):
    locale = {"zh-hans": "zh_Hans"}.get(language.lower(), language)
    path = Path(settings.LOCALE_PATHS[0]) / locale / "LC_MESSAGES" / "django.po"
    if not path.exists():
        raise CommandError(f"No catalogue for “{language}”: choose one of fr, es, ar, zh-hans, ru.")
    return path


def problems(entry):
    """Why a translated entry would break the page: placeholders or markup that differ from its msgid."""
    pairs = [(entry.msgid, entry.msgstr)]
    if entry.msgid_plural:
        pairs = [(entry.msgid_plural, form) for form in entry.msgstr_plural.values() if form]
    found = []
    for msgid, msgstr in pairs:
        if not msgstr:
            continue
        wanted = set(PLACEHOLDER.findall(msgid)) - ({"counter"} if entry.msgid_plural else set())
        if set(PLACEHOLDER.findall(msgstr)) - {"counter"} != wanted:
            found.append("placeholders differ")
        if TAG.findall(msgid) != TAG.findall(msgstr):
            found.append("markup differs")
    return found


class Command(BaseCommand):
    help = "Export the interface strings of one language as a .po file, or import a translated one."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser("export", help="Write the catalogue of LANGUAGE to standard output.")
        export.add_argument("language")
        export.add_argument("--untranslated", action="store_true", help="Only the strings still to translate.")
        imported = sub.add_parser("import", help="Merge a translated .po file into the catalogue of LANGUAGE.")
        imported.add_argument("language")
        imported.add_argument("file")

    def handle(self, *args, action, language, **options):
        if action == "export":
            return self.export(language, options["untranslated"])
        return self.import_(language, options["file"])

    def export(self, language, untranslated):
        po = polib.pofile(str(catalogue_path(language)), wrapwidth=0)
        if untranslated:
            keep = [e for e in po if not e.translated() or "fuzzy" in e.flags]
            po[:] = keep
        self.stdout.write(str(po))
        return None

    def import_(self, language, file):
        path = catalogue_path(language)
        shipped = polib.pofile(str(path), wrapwidth=0)
        try:
            incoming = polib.pofile(file)
        except (OSError, ValueError) as exc:
            raise CommandError(f"{file} is not a readable .po file: {exc}") from None
        updated, unknown, refused = 0, 0, []
        for entry in incoming:
            target = shipped.find(entry.msgid, msgctxt=entry.msgctxt)
            if target is None or entry.obsolete:
                unknown += 1
                continue
            if not entry.translated() or "fuzzy" in entry.flags:
                continue
            reasons = problems(entry)
            if reasons:
                refused.append(f"{entry.msgid[:60]!r}: {', '.join(reasons)}")
                continue
            if (target.msgstr, target.msgstr_plural) != (entry.msgstr, entry.msgstr_plural):
                target.msgstr, target.msgstr_plural = entry.msgstr, dict(entry.msgstr_plural)
                updated += 1
            if "fuzzy" in target.flags:
                target.flags.remove("fuzzy")
        shipped.save(str(path))
        shipped.save_as_mofile(str(path.with_suffix(".mo")))
        self.stdout.write(
            f"{language}: {updated} translation(s) updated, {unknown} not used by the site skipped, "
            f"{len(refused)} refused; {shipped.percent_translated()}% of the catalogue is translated."
        )
        for line in refused:
            self.stderr.write(f"refused {line}")
        return None
