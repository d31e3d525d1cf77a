"""Translation catalog tooling: headers, filling msgstr from a mapping, and the completeness gates.

The catalogs (``privacy_center/locale`` and ``shop_demo/locale``) are the source of truth; this script only
edits them through polib, so that a translator's mapping never breaks a placeholder or a plural form unseen.

    python tools/i18n.py headers                    # Language and Plural-Forms in every catalog
    python tools/i18n.py todo sv > todo.json        # untranslated or fuzzy entries of one language, as JSON
    python tools/i18n.py fill sv mapping.json       # set msgstr from {msgid: msgstr | [plural forms]}
    python tools/i18n.py stats                      # translated/fuzzy/untranslated per catalog
    python tools/i18n.py check sv [vi ...]          # exit 1 unless those languages are complete and valid
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
CATALOG_DIRS = [ROOT / "privacy_center" / "locale", ROOT / "shop_demo" / "locale"]
PLURAL_FORMS = {
    "sv": "nplurals=2; plural=(n != 1);",
    "vi": "nplurals=1; plural=0;",
    "zh_Hans": "nplurals=1; plural=0;",
}
LANGUAGE_TEAMS = {"sv": "Swedish", "vi": "Vietnamese", "zh_Hans": "Chinese (Simplified)"}
# %(name)s, %s, %d, %%, {name}: what must survive translation unchanged.
PLACEHOLDER = re.compile(r"%\([^)]+\)[sdif]|%[sdif%]|\{[a-z_][a-z0-9_]*\}")


def catalogs(lang: str | None = None) -> list[Path]:
    found = []
    for base in CATALOG_DIRS:
        found += sorted(base.glob(f"{lang or '*'}/LC_MESSAGES/*.po"))
    return found


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def set_headers() -> None:
    for path in catalogs():
        lang = path.parts[-3]
        po = polib.pofile(str(path), wrapwidth=0)
        po.metadata.update({
            "Language": lang,
            "Language-Team": LANGUAGE_TEAMS.get(lang, lang),
            "Plural-Forms": PLURAL_FORMS[lang],
            "Content-Type": "text/plain; charset=UTF-8",
        })
        po.metadata["Project-Id-Version"] = "django-privacy-center"
        po.metadata.pop("Last-Translator", None)
        po.metadata_is_fuzzy = False  # msgfmt skips a fuzzy header, and with it the charset
        po.header = f"{LANGUAGE_TEAMS.get(lang, lang)} translation of django-privacy-center ({path.parts[-5]})."
        po.save()
        print(path.relative_to(ROOT))


def todo(lang: str) -> dict:
    out = {}
    for path in catalogs(lang):
        for entry in polib.pofile(str(path)):
            if entry.obsolete or (entry.translated() and "fuzzy" not in entry.flags):
                continue
            key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
            out[key] = [entry.msgid, entry.msgid_plural] if entry.msgid_plural else entry.msgid
    return out


def _problem(entry: polib.POEntry, value) -> str | None:
    if entry.msgid_plural:
        if not isinstance(value, list):
            return "plural entry needs a list of forms"
        if any(placeholders(form) != placeholders(entry.msgid_plural) for form in value[1:]):
            return "placeholders differ in a plural form"
        first = placeholders(value[0])
        if first not in (placeholders(entry.msgid), placeholders(entry.msgid_plural)):
            return "placeholders differ in the singular form"
        return None
    if not isinstance(value, str):
        return "singular entry needs a string"
    if placeholders(value) != placeholders(entry.msgid):
        return f"placeholders {placeholders(value)} != {placeholders(entry.msgid)}"
    return None


def fill(lang: str, mapping: dict, force: bool = False) -> int:
    problems, filled = [], 0
    for path in catalogs(lang):
        po = polib.pofile(str(path), wrapwidth=0)
        nplurals = int(re.search(r"nplurals=(\d+)", po.metadata["Plural-Forms"]).group(1))
        changed = False
        for entry in po:
            key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
            if key not in mapping or entry.obsolete:
                continue
            if entry.translated() and "fuzzy" not in entry.flags and not force:
                continue
            value = mapping[key]
            problem = _problem(entry, value)
            if problem:
                problems.append(f"{path.relative_to(ROOT)}: {entry.msgid!r}: {problem}")
                continue
            if entry.msgid_plural:
                forms = (value + [value[-1]] * nplurals)[:nplurals]
                entry.msgstr_plural = dict(enumerate(forms))
            else:
                entry.msgstr = value
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
            filled += 1
            changed = True
        if changed:
            po.save()
    for problem in problems:
        print(problem, file=sys.stderr)
    return filled if not problems else -len(problems)


def statistics() -> dict[str, dict[str, int]]:
    result = {}
    for path in catalogs():
        po = polib.pofile(str(path))
        fuzzy = len(po.fuzzy_entries())
        result[str(path.relative_to(ROOT))] = {
            "translated": len([e for e in po.translated_entries() if "fuzzy" not in e.flags]),
            "fuzzy": fuzzy,
            "untranslated": len(po.untranslated_entries()),
        }
    return result


def check(langs: list[str]) -> list[str]:
    failures = []
    for path in catalogs():
        run = subprocess.run(["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(path)],
                             capture_output=True, text=True)
        name = str(path.relative_to(ROOT))
        if run.returncode:
            failures.append(f"{name}: msgfmt --check: {run.stderr.strip()}")
        if path.parts[-3] in langs and ("fuzzy" in run.stderr or "untranslated" in run.stderr):
            failures.append(f"{name}: not complete: {run.stderr.strip()}")
    return failures


def main(argv: list[str]) -> int:
    command, args = argv[0], argv[1:]
    if command == "headers":
        set_headers()
    elif command == "todo":
        json.dump(todo(args[0]), sys.stdout, ensure_ascii=False, indent=1)
    elif command == "fill":
        mapping = json.loads(Path(args[1]).read_text())
        count = fill(args[0], mapping, force="--force" in args)
        print(f"filled {count} entries" if count >= 0 else f"{-count} problems, fix them and run again")
        return 0 if count >= 0 else 1
    elif command == "stats":
        for name, numbers in statistics().items():
            print(name, numbers)
    elif command == "check":
        failures = check(args)
        print("\n".join(failures) or "catalogs valid" + (f"; complete: {' '.join(args)}" if args else ""))
        return 1 if failures else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
