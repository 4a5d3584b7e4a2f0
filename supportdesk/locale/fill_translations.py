"""Fill the de, hu and lv catalogs from the translation tables in supportdesk/locale/catalog/.

Run after `supportdesk makemessages -l de -l hu -l lv ...` and before `supportdesk compilemessages`:

    .venv/bin/python -m supportdesk.locale.fill_translations          # fill, save, report
    .venv/bin/python -m supportdesk.locale.fill_translations --check  # report only, exit 1 on gaps

The tables are the source of truth, so re-running after new strings appear only adds what the
tables now hold. An entry the tables lack keeps the translation the .po file already has (never
a fuzzy guess from msgmerge) and is otherwise reported as missing. Every translation is checked:
the same printf/format placeholders and HTML tags as the msgid, and the same final punctuation.
polib is a dev-only dependency; nothing at run time imports this module.
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import polib  # type: ignore[import-untyped]

LOCALE_DIR = Path(__file__).resolve().parent
LANGUAGES = ("de", "hu", "lv")
LANGUAGE_TEAMS = {"de": "German", "hu": "Hungarian", "lv": "Latvian"}

PRINTF = re.compile(r"%(?:\([A-Za-z_][A-Za-z0-9_]*\))?[-#0 +]*\d*(?:\.\d+)?[sdifr]|%%")
BRACES = re.compile(r"\{[A-Za-z0-9_]*\}")
TAG = re.compile(r"</?[a-zA-Z][^>]*>")
FINAL_PUNCTUATION = ".:?!…"


def placeholders(text: str) -> list[str]:
    """The printf and str.format placeholders of a message, sorted (order may change in translation)."""
    return sorted(PRINTF.findall(text) + BRACES.findall(text))


def tags(text: str) -> list[str]:
    """The HTML tags of a message, sorted; a translation keeps every tag and its attributes."""
    return sorted(TAG.findall(text))


def problems(msgid: str, msgstr: str) -> list[str]:
    """What is wrong with one translation of one msgid (empty when it is fine)."""
    found = []
    if not msgstr.strip():
        found.append("empty")
    if placeholders(msgid) != placeholders(msgstr):
        found.append(f"placeholders {placeholders(msgid)} != {placeholders(msgstr)}")
    if tags(msgid) != tags(msgstr):
        found.append("HTML tags differ")
    end = msgid[-1:] if msgid[-1:] in FINAL_PUNCTUATION else ""
    if end and not msgstr.endswith(end):
        found.append(f"should end with {end!r}")
    return found


def entry_problems(entry: polib.POEntry) -> list[str]:
    """Problems of a catalog entry, plural forms included; fuzzy counts as untranslated."""
    found = ["fuzzy"] if "fuzzy" in entry.flags else []
    if entry.msgid_plural:
        forms = entry.msgstr_plural or {}
        if not forms:
            found.append("empty")
        for index, text in sorted(forms.items()):
            source = entry.msgid if index == 0 else entry.msgid_plural
            found += [f"form {index}: {p}" for p in problems(source, text)]
    else:
        found += problems(entry.msgid, entry.msgstr)
    return found


@dataclass
class Report:
    language: str
    filled: int = 0
    kept: int = 0
    missing: list[str] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)
    unused: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.missing and not self.invalid


def _apply(entry: polib.POEntry, value: str | list[str], nplurals: int) -> None:
    if entry.msgid_plural:
        forms = value if isinstance(value, list) else [value] * nplurals
        if len(forms) != nplurals:
            raise ValueError(f"{entry.msgid!r}: {len(forms)} plural forms, the catalog needs {nplurals}")
        entry.msgstr_plural = dict(enumerate(forms))
    else:
        if isinstance(value, list):
            raise ValueError(f"{entry.msgid!r} is not a plural entry")
        entry.msgstr = value
    if "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")
    entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None


def fill(language: str, *, save: bool) -> Report:
    """Fill one language's catalog from its table; save it unless only checking."""
    table = importlib.import_module(f"supportdesk.locale.catalog.{language}")
    translations: dict[str, str | list[str]] = table.TRANSLATIONS
    path = LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
    po = polib.pofile(str(path))
    po.metadata.update(
        {
            "Project-Id-Version": "Supportdesk",
            "Language": language,
            "Language-Team": LANGUAGE_TEAMS[language],
            "Last-Translator": "Supportdesk translators",
            "Content-Type": "text/plain; charset=UTF-8",
            "Plural-Forms": table.PLURAL_FORMS,
        }
    )
    po.metadata_is_fuzzy = False
    po.header = (
        f"{LANGUAGE_TEAMS[language]} translation of Supportdesk.\n"
        "This file is distributed under the same license as Supportdesk (AGPL-3.0-or-later).\n"
        "Generated from supportdesk/locale/catalog/ by supportdesk/locale/fill_translations.py; edit the tables, not this file."
    )
    nplurals = int(re.search(r"nplurals=(\d+)", table.PLURAL_FORMS).group(1))  # type: ignore[union-attr]
    report = Report(language)
    for obsolete in po.obsolete_entries():
        po.remove(obsolete)
    used = set()
    for entry in po:
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if key in translations:
            _apply(entry, translations[key], nplurals)
            used.add(key)
            report.filled += 1
        elif entry.translated() and "fuzzy" not in entry.flags:
            report.kept += 1
        else:
            report.missing.append(entry.msgid)
            continue
        report.invalid += [f"{entry.msgid!r}: {p}" for p in entry_problems(entry)]
    report.unused = sorted(set(translations) - used)
    if save:
        po.save(str(path))
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report only; do not write the .po files")
    parser.add_argument("languages", nargs="*", default=list(LANGUAGES))
    args = parser.parse_args(argv)
    status = 0
    for language in args.languages:
        report = fill(language, save=not args.check)
        print(
            f"{language}: {report.filled} from the table, {report.kept} kept, {len(report.missing)} missing, {len(report.invalid)} invalid"
        )
        for msgid in report.missing:
            print(f"  missing: {msgid!r}")
        for line in report.invalid:
            print(f"  invalid: {line}")
        for msgid in report.unused:
            print(f"  not in the catalog (stale table entry?): {msgid!r}")
        status |= 0 if report.ok else 1
    return status


if __name__ == "__main__":
    sys.exit(main())
