"""Issue 11, item 10: a customer attaches supporting documents to a request (on the form and on the request's
page), sees a clear error for a wrong file, and the request page lists the documents by name; with and
without JavaScript, at 1280 and 390 px."""

from __future__ import annotations

import re

import pytest

from .conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
NO_SIDEWAYS = "() => document.scrollingElement.scrollWidth <= innerWidth"


def _journey(page, visit, tmp_path):
    from privacy_center.requests.models import PrivacyRequest

    receipt = tmp_path / "receipt-2026-11.pdf"
    receipt.write_bytes(PDF)
    fake = tmp_path / "scan.pdf"
    fake.write_bytes(b"<html>not a pdf</html>")
    log_in(page, "ada@example.com")
    page.goto("/privacy/requests/new/")
    visit(page, "privacy request")
    main = page.locator("main")
    main.get_by_label("What do you ask for?").select_option("other")
    main.get_by_label(re.compile("^Details")).fill("My invoice shows an old address; the receipt is attached.")
    main.get_by_label(re.compile("Supporting documents")).set_input_files([str(fake)])
    main.get_by_role("button", name="Send the request").click()
    page.wait_for_load_state()
    visit(page, "privacy request")
    assert page.get_by_text("scan.pdf: Upload a PDF, PNG or JPEG file.").is_visible()
    assert "receipt is attached" in main.get_by_label(re.compile("^Details")).input_value()
    assert not PrivacyRequest.objects.exists()
    main.get_by_label(re.compile("Supporting documents")).set_input_files([str(receipt)])
    main.get_by_role("button", name="Send the request").click()
    page.wait_for_load_state()
    visit(page, "request PR-")
    section = page.locator("section", has=page.get_by_role("heading", name="Supporting documents"))
    assert section.get_by_text("receipt-2026-11.pdf", exact=True).is_visible()
    assert page.evaluate(NO_SIDEWAYS)
    # A second document on the request's page.
    letter = tmp_path / "letter.pdf"
    letter.write_bytes(PDF)
    section.get_by_label("Add supporting documents").set_input_files([str(letter)])
    section.get_by_role("button", name="Add the documents").click()
    page.wait_for_load_state()
    visit(page, "request PR-")
    assert page.get_by_text("1 document added to your request.").is_visible()
    section = page.locator("section", has=page.get_by_role("heading", name="Supporting documents"))
    assert section.locator("li").all_inner_texts() == ["receipt-2026-11.pdf", "letter.pdf"]
    assert page.evaluate(NO_SIDEWAYS)
    req = PrivacyRequest.objects.get()
    assert sorted(req.proofs.values_list("original_name", flat=True)) == ["letter.pdf", "receipt-2026-11.pdf"]


def test_customer_attaches_documents(web, visit, make_user, tmp_path):
    make_user(email="ada@example.com")
    _journey(web, visit, tmp_path)


def test_customer_attaches_documents_without_javascript(nojs_page, visit, make_user, tmp_path):
    make_user(email="ada@example.com")
    _journey(nojs_page, visit, tmp_path)
