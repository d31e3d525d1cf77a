"""The translation catalogs: valid for msgfmt, compiled files current, the JavaScript catalog served."""

import shutil
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import i18n  # noqa: E402

pytestmark = pytest.mark.skipif(not shutil.which("msgfmt"), reason="gettext (msgfmt) is not installed")


def test_every_catalog_exists_for_every_language():
    for lang in ("sv", "vi", "zh_Hans"):
        assert (ROOT / f"privacy_center/locale/{lang}/LC_MESSAGES/django.po").is_file()
        assert (ROOT / f"privacy_center/locale/{lang}/LC_MESSAGES/djangojs.po").is_file()
        assert (ROOT / f"shop_demo/locale/{lang}/LC_MESSAGES/django.po").is_file()


def test_catalogs_pass_msgfmt_check_placeholders_and_plural_forms():
    assert i18n.check([]) == []
    for path in i18n.catalogs():
        po = polib.pofile(str(path))
        assert po.metadata["Plural-Forms"] == i18n.PLURAL_FORMS[path.parts[-3]], path
        for entry in po.translated_entries():
            value = list(entry.msgstr_plural.values()) if entry.msgid_plural else entry.msgstr
            assert i18n._problem(entry, value) is None, (path, entry.msgid, value)


def test_javascript_catalog_is_served_for_the_app(client):
    response = client.get("/privacy/jsi18n/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert "django.gettext" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("accept, lang", [("sv", "sv"), ("vi", "vi"), ("zh-hans", "zh-hans"), ("zh-CN", "zh-hans"),
                                          ("de", "en")])
def test_page_language_follows_the_browser(client, accept, lang):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert f'<html lang="{lang}">' in response.content.decode()
