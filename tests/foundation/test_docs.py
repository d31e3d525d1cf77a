"""The documentation site: it builds with no warning, and its reference pages cover the code.

The settings reference is generated from ``privacy_center/app_settings.py`` by ``docs/_ext``; these
tests fail when a setting has no docstring, or when a setting, signal, task or management command is
missing from the built pages.
"""

import html
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import get_commands
from django.dispatch import Signal

from privacy_center import signals
from privacy_center.app_settings import AppSettings

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "docs" / "_ext"))

import privacy_center_docs  # noqa: E402


def text(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


SETTINGS = sorted(name for name, value in vars(AppSettings).items() if isinstance(value, property))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """``make docs``' command, into a temporary folder: the HTML of every page, by name."""
    out = tmp_path_factory.mktemp("docs")
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-E", "-q", "-b", "html", str(ROOT / "docs"), str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    return {p.relative_to(out).with_suffix("").as_posix(): p.read_text() for p in out.rglob("*.html")}


def test_the_settings_reference_documents_every_setting_with_its_docstring_and_default(site):
    undocumented = [n for n in SETTINGS if not (getattr(AppSettings, n).__doc__ or "").strip()]
    assert not undocumented, f"settings without a docstring: {undocumented}"
    page = site["settings"]
    anchors = set(re.findall(r'id="setting-PRIVACY_CENTER_(\w+)"', page))
    assert anchors == set(SETTINGS)
    # Each entry shows its default as written in the code, and its docstring.
    assert "Hours an export can be downloaded before it is deleted." in page
    entry = text(page.split('id="setting-PRIVACY_CENTER_INACTIVE_ACCOUNT_DAYS"')[1].split('id="setting-')[0])
    assert "Default:2 * 365 (730)" in entry.replace("\n", "")


def test_a_setting_without_a_docstring_fails_the_reference():
    class Broken(AppSettings):
        @property
        def UNDOCUMENTED(self) -> int:
            return int(self._setting("UNDOCUMENTED", 3))

        @property
        def NO_DEFAULT(self) -> int:
            """Documented, but its default is not read through ``_setting``."""
            return 3

    with pytest.raises(privacy_center_docs.SettingsReferenceError) as error:
        privacy_center_docs.collect_settings(Broken)
    assert "PRIVACY_CENTER_UNDOCUMENTED has no docstring" in str(error.value)
    assert "PRIVACY_CENTER_NO_DEFAULT" in str(error.value)


def section(page: str, anchor: str) -> str:
    return page.split(f'<section id="{anchor}">', 1)[1].split("<section id=", 1)[0]


def first_column(markup: str) -> set[str]:
    """The text of each table row's first cell."""
    return {text(cell).strip() for cell in re.findall(r"<tr[^>]*>\s*<td[^>]*>(.*?)</td>", markup, re.S)}


def test_every_meta_option_anonymizer_and_system_check_is_documented(site):
    from privacy_center.anonymizers import ANONYMIZERS
    from privacy_center.sources import _META_OPTIONS

    options = first_column(section(site["privacy-py"], "meta-options"))
    assert set(_META_OPTIONS) - options == set(), "Meta options missing from docs/privacy-py.rst"
    anonymizers = {name.split(":")[0] for name in first_column(section(site["privacy-py"], "anonymizers"))}
    assert set(ANONYMIZERS) | {"fixed"} <= anonymizers, "anonymizers missing from docs/privacy-py.rst"

    # Every check id written in the code, including those built from a problem's code (coverage.py).
    source = "\n".join(p.read_text() for p in (ROOT / "privacy_center").rglob("*.py"))
    codes = set(re.findall(r"privacy_(?:center|consent)\.[EW]\d{3}", source))
    codes |= {f"privacy_center.{c}" for c in re.findall(r'"([EW]\d{3})", source\.name', source)}
    assert len(codes) > 20
    documented = first_column(site["checks"])
    assert codes - documented == set(), "system checks missing from docs/checks.rst"


@pytest.mark.django_db  # Django 6.1's model checks ask the database about JSONField support
def test_every_signal_task_and_command_is_documented(site):
    from celery import current_app

    names = [n for n, v in vars(signals).items() if isinstance(v, Signal)]
    missing = [n for n in names if f'id="privacy_center.signals.{n}"' not in site["signals"]]
    assert not missing, f"signals missing from docs/signals.rst: {missing}"

    current_app.loader.import_default_modules()  # the project's autodiscover_tasks()
    tasks = sorted(t for t in current_app.tasks if t.startswith("privacy_center."))
    assert "privacy_center.build_export" in tasks and "privacy_center.erase_subject" in tasks
    missing = [t for t in tasks if f"<span class=\"pre\">{t}</span>" not in site["celery"]]
    assert not missing, f"tasks missing from docs/celery.rst: {missing}"

    commands = sorted(c for c, app in get_commands().items() if app.startswith("privacy_center"))
    missing = [c for c in commands if f'id="command-{c}"' not in site["commands"]]
    assert not missing, f"management commands missing from docs/commands.rst: {missing}"


def test_the_custom_source_example_runs_as_written():
    """docs/privacy-py.rst's BaseSource example, against a stand-in for the mailing service's client."""
    import datetime as dt
    import types

    from privacy_center import Subject
    from privacy_center.registry import site

    page = (ROOT / "docs" / "privacy-py.rst").read_text()
    block = page.split("   # newsletter/privacy.py\n", 1)[1].split("\n\n``erase`` runs inside", 1)[0]
    code = "\n".join(line[3:] for line in block.splitlines()).replace("from . import mailer\n", "")
    contacts = {"ada@example.com": types.SimpleNamespace(id=7, email="ada@example.com",
                                                        created=dt.datetime(2026, 1, 2, tzinfo=dt.UTC))}
    deleted = []
    mailer = types.SimpleNamespace(find=contacts.get, delete=lambda pk: (deleted.append(pk), contacts.clear()))
    exec(compile(code, "docs/privacy-py.rst", "exec"), {"mailer": mailer, "__name__": "newsletter.privacy"})
    try:
        source = site.get("mailer.contact")
        ada = Subject(email="ada@example.com")
        assert source.count(ada) == 1
        assert list(source.iter_chunks(ada)) == [[(7, "ada@example.com", "2026-01-02T00:00:00+00:00")]]
        assert source.describe().category_label == "Contact details"
        assert source.erase(ada).count == 1 and deleted == [7] and source.count(ada) == 0
    finally:
        site.unregister("mailer.contact")


def test_the_stylesheet_reference_lists_defined_custom_properties_only(site):
    css = """:where(:root) {
  --pc-accent: #1f3a5f;          /* buttons, current menu item */
  --pc-radius: .375rem;
}
:where(.pc-card) { border-radius: var(--pc-radius); color: var(--pc-undefined, red); }"""
    assert privacy_center_docs.css_properties(css) == [
        ("--pc-accent", "#1f3a5f", "buttons, current menu item"), ("--pc-radius", ".375rem", "")]
    # The page shows what the shipped stylesheet defines.
    shipped = (ROOT / "privacy_center" / "static" / "privacy_center" / "privacy_center.css").read_text()
    page = text(section(site["templates"], "custom-properties"))
    for name, value, _doc in privacy_center_docs.css_properties(shipped):
        assert name in page and value in page
