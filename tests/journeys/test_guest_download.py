"""Issue 11, journey 1: a guest downloads their copy from the single-use link, with and without JavaScript.

The page keeps the secret URL out of other sites' Referer headers with ``Referrer-Policy: same-origin``:
with ``no-referrer`` Chromium posted the Download form with ``Origin: null`` and Django's CSRF check
refused it with a 403."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def guest_link(make_order):
    from privacy_center.services.export import request_export
    from privacy_center.subjects import Subject
    from privacy_center.tokens import make_export_token

    make_order(email="guest@example.com")
    export, _created = request_export(Subject.for_email("guest@example.com"))  # eager Celery: built now
    export.refresh_from_db()
    assert export.status == export.Status.READY
    return export, f"/privacy/exports/link/{make_export_token(export)}/"


def _download(page, visit, url, tmp_path):
    response = page.goto(url)
    assert response.status == 200
    assert response.headers["referrer-policy"] == "same-origin"
    visit(page, "download your data")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download the ZIP file").click()
    path = tmp_path / "copy.zip"
    info.value.save_as(path)
    assert path.read_bytes()[:2] == b"PK"
    # The link works once: opening it again says so.
    response = page.goto(url)
    assert response.status == 410
    visit(page, "download your data")
    assert page.get_by_text("This link has been used or has expired").is_visible()


def test_guest_downloads_with_javascript(web, visit, guest_link, tmp_path):
    export, url = guest_link
    _download(web, visit, url, tmp_path)
    export.refresh_from_db()
    assert export.downloads == 1


def test_guest_downloads_without_javascript(nojs_page, visit, guest_link, tmp_path):
    export, url = guest_link
    _download(nojs_page, visit, url, tmp_path)
    export.refresh_from_db()
    assert export.downloads == 1
