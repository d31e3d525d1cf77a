"""CI gates for the translations: the catalogs hold every string of the code, each language is complete, the
placeholders survive translation, the customer's and staff's pages show no English catalog string, and the
compiled files are those of the sources.

(a) ``makemessages`` run on a copy of the tree finds no msgid the catalogs lack (and the catalogs keep none the
    code dropped); it is also the proof that ``make messages`` runs at all.
(b) every language of ``COMPLETE_LANGUAGES`` is 100% translated with no fuzzy entry (``msgfmt --statistics``).
(c) each msgstr has exactly the placeholders of its msgid (``%(name)s``, ``%s``, ``{name}``, ``%%``).
(d) key pages rendered with the test client in each language contain no msgid of the catalogs that has a
    different translation (ignoring short or ambiguous ones: single words, text that the translation or the
    page's data contains anyway).
(e) every ``.mo`` holds exactly the translations of its ``.po``.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import i18n  # noqa: E402

COMPLETE_LANGUAGES = ["sv", "vi", "zh_Hans"]
HTTP_CODES = {"sv": "sv", "vi": "vi", "zh_Hans": "zh-hans"}

needs_gettext = pytest.mark.skipif(not (shutil.which("msgfmt") and shutil.which("xgettext")),
                                   reason="gettext (msgfmt, xgettext) is not installed")


def _ids(path: Path) -> set[tuple[str | None, str]]:
    return {(e.msgctxt, e.msgid) for e in polib.pofile(str(path)) if not e.obsolete}


# -- (a) nothing new for makemessages -------------------------------------------------------------------------

SOURCE_DIRS = ["privacy_center", "shop_demo", "templates"]


def _copy_tree(target: Path) -> None:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.mo", "*.sqlite3", "media", "staticfiles")
    for name in SOURCE_DIRS:
        shutil.copytree(ROOT / name, target / name, ignore=ignore)
    shutil.copy2(ROOT / "manage.py", target / "manage.py")


def _makemessages(cwd: Path, domain: str, extra: list[str]) -> None:
    """The Makefile's ``messages`` command for one language (msgids are the same in every language)."""
    cmd = [sys.executable, str(cwd.parent / "manage.py") if cwd.name == "privacy_center" else "manage.py",
           "makemessages", "-d", domain, "-l", "sv", "--no-obsolete", "--no-wrap", "--add-location=file", *extra]
    env = {"PATH": "/usr/bin:/bin:/usr/local/bin", "DJANGO_SETTINGS_MODULE": "shop_demo.settings",
           "PYTHONPATH": str(cwd if cwd.name != "privacy_center" else cwd.parent), "PRIVACY_CENTER_TEST": "1",
           "HOME": str(cwd)}
    result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, f"makemessages failed in {cwd}:\n{result.stderr[-3000:]}"


@needs_gettext
def test_a_makemessages_finds_no_string_missing_from_the_catalogs(tmp_path):
    _copy_tree(tmp_path)
    pc_ignore = ["--ignore=locale", "--ignore=*/locale/*"]
    shop_ignore = ["--ignore=privacy_center", "--ignore=locale", "--ignore=*/locale/*"]
    _makemessages(tmp_path / "privacy_center", "django", pc_ignore)
    _makemessages(tmp_path / "privacy_center", "djangojs", pc_ignore)
    _makemessages(tmp_path, "django", shop_ignore)
    problems = []
    for catalog in ("privacy_center/locale/{lang}/LC_MESSAGES/django.po",
                    "privacy_center/locale/{lang}/LC_MESSAGES/djangojs.po",
                    "shop_demo/locale/{lang}/LC_MESSAGES/django.po"):
        fresh = _ids(tmp_path / catalog.format(lang="sv"))
        for lang in COMPLETE_LANGUAGES:
            have = _ids(ROOT / catalog.format(lang=lang))
            missing, stale = sorted(fresh - have, key=str), sorted(have - fresh, key=str)
            if missing:
                problems.append(f"{catalog.format(lang=lang)}: {len(missing)} new string(s), e.g. {missing[:5]}")
            if stale:
                problems.append(f"{catalog.format(lang=lang)}: {len(stale)} string(s) no longer in the code, "
                                f"e.g. {stale[:5]}")
    assert not problems, "run `make messages` and translate:\n" + "\n".join(problems)


# -- (b) complete, (c) placeholders, (e) compiled -------------------------------------------------------------

@needs_gettext
@pytest.mark.parametrize("lang", COMPLETE_LANGUAGES)
def test_b_every_language_is_completely_translated_without_fuzzy_entries(lang):
    for path in i18n.catalogs(lang):
        result = subprocess.run(["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(path)],
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        stats = result.stderr.strip()
        assert "fuzzy" not in stats and "untranslated" not in stats, f"{path.relative_to(ROOT)}: {stats}"
        po = polib.pofile(str(path))
        assert po.percent_translated() == 100 and not po.fuzzy_entries(), path


_PY_FORMAT = re.compile(r"%(?:\([^)]+\))?[#0\- +]*(?:\d+|\*)?(?:\.(?:\d+|\*))?[diouxXeEfFgGcrsa%]")


@pytest.mark.parametrize("lang", COMPLETE_LANGUAGES)
def test_c_placeholders_of_every_translation_match_its_msgid(lang):
    bad = []
    for path in i18n.catalogs(lang):
        for entry in polib.pofile(str(path)).translated_entries():
            if entry.msgid_plural:
                forms = [entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural)]
                expected = i18n.placeholders(entry.msgid_plural)
                # A language with one form uses the plural's placeholders; the singular may omit the count.
                if any(i18n.placeholders(f) != expected for f in forms[1:] or forms):
                    bad.append((path.name, entry.msgid))
            elif i18n.placeholders(entry.msgstr) != i18n.placeholders(entry.msgid):
                bad.append((path.name, entry.msgid))
            if "python-format" in entry.flags:
                # Every conversion, with its flags and precision (%(mb).0f), exactly as in the msgid.
                source = entry.msgid_plural or entry.msgid
                values = [entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural)] or [entry.msgstr]
                if any(sorted(_PY_FORMAT.findall(v)) != sorted(_PY_FORMAT.findall(source)) for v in values[-1:]):
                    bad.append((path.name, entry.msgid))
    assert not bad, f"{lang}: placeholders differ from the msgid in {bad[:10]}"


def test_e_every_compiled_catalog_is_current_with_its_source():
    for path in i18n.catalogs():
        mo_path = path.with_suffix(".mo")
        assert mo_path.is_file(), f"{mo_path} missing: run make compilemessages"
        po = polib.pofile(str(path))
        want = {(e.msgctxt, e.msgid): e.msgstr or dict(e.msgstr_plural) for e in po.translated_entries()
                if "fuzzy" not in e.flags}
        have = {(e.msgctxt, e.msgid): e.msgstr or dict(e.msgstr_plural) for e in polib.mofile(str(mo_path))
                if e.msgid}
        assert have == want, f"{mo_path.relative_to(ROOT)} is stale: run make compilemessages"


# -- (d) no English on the pages ----------------------------------------------------------------------------

class _Text(HTMLParser):
    """Visible text and the attributes people read (labels for screen readers, placeholders, titles)."""

    ATTRS = ("aria-label", "placeholder", "title", "alt", "aria-description")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self._skip += 1
        for name, value in attrs:
            if value and (name in self.ATTRS or (tag == "input" and name == "value" and
                                                   dict(attrs).get("type") in ("submit", "button"))):
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(page: str) -> str:
    parser = _Text()
    parser.feed(page)
    return " ".join(" ".join(parser.parts).split())


_PLACEHOLDER = re.compile(r"%\([^)]+\)[sdif]|%[sdif]|\{[a-z_][a-z0-9_]*\}")


def _english_fragments(lang: str) -> dict[str, str]:
    """Catalog text that would show if a string were left untranslated: {English fragment: msgid}.

    Only msgids of two or more words and 12+ characters (or, around placeholders, each literal piece of 20+
    characters), whose translation differs and does not itself contain the English (brand names, codes).
    """
    fragments: dict[str, str] = {}
    translated_text = []
    entries = []
    for path in i18n.catalogs(lang):
        if path.name != "django.po":
            continue
        for entry in polib.pofile(str(path)).translated_entries():
            value = entry.msgstr or " ".join(entry.msgstr_plural.values())
            translated_text.append(value)
            entries.append((entry, value))
    everything_translated = "\n".join(translated_text)
    for entry, value in entries:
        for msgid in filter(None, (entry.msgid, entry.msgid_plural)):
            if "<" in msgid or value == msgid:
                continue
            pieces = _PLACEHOLDER.split(msgid)
            if len(pieces) == 1:
                candidates = [msgid] if len(msgid) >= 12 and " " in msgid.strip() else []
            else:
                candidates = [p.strip(" .,:;()") for p in pieces if len(p.strip(" .,:;()")) >= 20]
            for text in candidates:
                text = " ".join(text.split())
                if text and text not in everything_translated:
                    fragments.setdefault(text, msgid)
    return fragments


@pytest.fixture
def journey(db, customer, make_user, make_order, client):
    """A customer with an order, an open request, a copy of their data; a staff member with every permission."""
    from django.test import TestCase

    from privacy_center.requests.services.core import submit_request
    from privacy_center.services.export import request_export
    from privacy_center.subjects import Subject

    make_order(user=customer)
    with translation.override("en"):
        req = submit_request("access", user=customer, email=customer.email, verification="session").request
        with TestCase.captureOnCommitCallbacks(execute=True):
            export, _created = request_export(Subject.for_user(customer))
    officer = make_user(email="officer@shop.example")
    officer.is_staff = officer.is_superuser = True
    officer.save(update_fields=["is_staff", "is_superuser"])
    return {"customer": customer, "officer": officer, "request": req, "export": export}


def _pages(journey) -> tuple[list[str], list[str], list[str]]:
    req, export = journey["request"], journey["export"]
    customer = ["/privacy/", "/privacy/data/", "/privacy/data/shop_demo.order/", "/privacy/exports/",
                f"/privacy/exports/{export.pk}/", "/privacy/delete/", "/privacy/requests/", "/privacy/requests/new/",
                f"/privacy/requests/{req.uuid}/", "/privacy/cookies/", "/privacy/preferences/", "/privacy/notice/",
                "/privacy/timeline/", "/privacy/restriction/"]
    guest = ["/privacy/requests/guest/", "/privacy/requests/agent/", "/privacy/cookies/", "/privacy/notice/"]
    staff = ["/admin/privacy_requests/privacyrequest/", f"/admin/privacy_requests/privacyrequest/{req.pk}/change/",
             "/admin/privacy_requests/privacyrequest/dashboard/"]
    return customer, guest, staff


@pytest.mark.parametrize("lang", COMPLETE_LANGUAGES)
def test_d_pages_show_no_untranslated_catalog_string(client, journey, lang):
    from django.test import Client

    fragments = _english_fragments(lang)
    assert len(fragments) > 300  # the gate looks for something
    code = HTTP_CODES[lang]
    customer_pages, guest_pages, staff_pages = _pages(journey)
    found: dict[str, list[str]] = {}

    def check(c, paths):
        for path in paths:
            response = c.get(path, HTTP_ACCEPT_LANGUAGE=code)
            assert response.status_code == 200, (path, response.status_code)
            page = response.content.decode()
            assert f'<html lang="{code}"' in page or f'lang="{code}"' in page, path
            text = visible_text(page)
            for english, msgid in fragments.items():
                if english in text:
                    found.setdefault(path, []).append(msgid)

    client.force_login(journey["customer"])
    check(client, customer_pages)
    check(Client(), guest_pages)
    staff = Client()
    staff.force_login(journey["officer"])
    check(staff, staff_pages)
    assert not found, f"{lang}: English catalog strings on pages: " + "; ".join(
        f"{path}: {html.escape(', '.join(repr(m) for m in msgids[:8]))}" for path, msgids in found.items())
