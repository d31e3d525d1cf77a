"""The pages the recipients feature added, in Chromium at 1280 and 390 px: the admin deliveries list (with its
filters), a delivery's detail with the masked payload, the staff-task form, the record of processing and its
HTML download, the data map (SVG), the version diff, the public notice's recipients table and a customer's
request page with each recipient's state. Every page passes axe; customer pages do not scroll sideways on a
phone; each shows what a person looks for there."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.ui.conftest import PHONE, WIDE

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

VIEWPORTS = pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["1280", "390"])
NO_SIDEWAYS_SCROLL = "() => document.scrollingElement.scrollWidth <= window.innerWidth"


@pytest.fixture
def told(receiver, customer, make_order):
    """A restriction whose first webhook failed once (retrying) and whose other two were acknowledged: the
    deliveries a privacy officer and the customer look at."""
    from privacy_center.models import RecipientNotification
    from privacy_center.requests.services import core

    make_order(user=customer)
    receiver.fail_next = 1
    req = core.submit_request("restriction", user=customer, verification="reauthentication").request
    states = sorted(RecipientNotification.objects.values_list("status", flat=True))
    assert states == ["acknowledged", "acknowledged", "retrying"], states
    return req


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_superuser("officer", "officer@example.com", "Officer-pass-2026")


def _visit(page, path, axe_check):
    response = page.goto(path)
    assert response.status == 200, (path, response.status)
    page.wait_for_load_state()
    axe_check(page)
    return page.locator("#content-main, main").first.inner_text()


@VIEWPORTS
def test_admin_deliveries_list_detail_and_staff_task(page, told, staff, sign_in, axe_check, viewport):
    from privacy_center.models import RecipientNotification

    page.set_viewport_size(viewport)
    sign_in(page, staff)
    changelist = reverse("admin:privacy_center_recipientnotification_changelist")
    text = _visit(page, changelist, axe_check)
    assert "PostNord Sverige AB (delivery)" in text and "Failed, retrying" in text

    retrying = RecipientNotification.objects.get(status="retrying")
    _visit(page, f"{changelist}?status__exact=retrying", axe_check)
    rows = page.locator("#result_list tbody").inner_text()
    assert retrying.recipient_label in rows and "Sent and acknowledged" not in rows, rows
    _visit(page, f"{changelist}?recipient__exact=postnord&event__exact={retrying.event}", axe_check)
    rows = page.locator("#result_list tbody").inner_text()
    assert "PostNord Sverige AB (delivery)" in rows and retrying.recipient_label not in rows, rows

    text = _visit(page, reverse("admin:privacy_center_recipientnotification_change", args=[retrying.pk]), axe_check)
    preview = page.locator("pre").first.inner_text()
    assert "ada@example.com" not in preview and '"event"' in preview, preview
    assert "Record that we told them, or why not" in text

    text = _visit(page, reverse("admin:privacy_center_recipientnotification_resolve", args=[retrying.pk]), axe_check)
    assert f"Staff task: tell {retrying.recipient_label}" in page.locator("h1").inner_text()
    assert page.get_by_label("We told the recipient ourselves").is_visible()


@VIEWPORTS
def test_record_of_processing_download_data_map_and_diff(page, staff, sign_in, axe_check, viewport, monkeypatch):
    from privacy_center.recipients import Recipient, Role, Safeguard
    from privacy_center.registry import site
    from privacy_center.services import processing_record

    first, _ = processing_record.store_version()

    @site.register
    class Ledger(Recipient):
        name = "ledger_cloud"
        label = "Ledger Cloud Inc. (bookkeeping software)"
        role = Role.PROCESSOR
        country = "US"
        safeguard = Safeguard.SCC

    monkeypatch.setattr(site.get("shop_demo.payment"), "recipients", ["stripe", "ledger_cloud"])
    second, stored = processing_record.store_version(reason="deploy")
    assert stored

    page.set_viewport_size(viewport)
    sign_in(page, staff)
    _visit(page, reverse("admin:privacy_center_processingrecordversion_changelist"), axe_check)
    assert page.locator("#result_list tbody tr").count() == 2  # the two stored versions
    text = _visit(page, reverse("admin:privacy_center_processing_record"), axe_check)
    assert "PostNord Sverige AB (delivery)" in text and "Standard contractual clauses" in text

    # The HTML download is an attachment; shown in the browser here (same URL, same headers but the disposition).
    download = reverse("admin:privacy_center_processing_record_download", args=["html"])

    dispositions = []

    def inline(route):
        response = route.fetch()
        dispositions.append(response.headers.get("content-disposition", ""))
        headers = {k: v for k, v in response.headers.items() if k.lower() != "content-disposition"}
        route.fulfill(response=response, headers=headers)

    page.route(f"**{download}", inline)
    text = _visit(page, download, axe_check)
    assert "Record of processing activities (GDPR Art. 30(1))" in page.locator("h1").inner_text()
    assert "Ledger Cloud Inc. (bookkeeping software)" in text
    assert dispositions == ['attachment; filename="record-of-processing-current.html"'], dispositions
    page.unroute(f"**{download}")

    _visit(page, reverse("admin:privacy_center_data_map"), axe_check)
    svg = page.locator("svg[role=img]")
    assert svg.is_visible()
    assert "PostNord Sverige AB" in svg.text_content()
    assert page.locator("#content-main ul li", has_text="→").count() >= 3

    diff = reverse("admin:privacy_center_processing_record_diff") + f"?old={first.number}&new={second.number}"
    text = _visit(page, diff, axe_check)
    assert f"What changed from version {first.number} to version {second.number}" in text
    assert page.locator("ins", has_text="stripe; ledger_cloud").is_visible()


@VIEWPORTS
def test_public_notice_lists_the_recipients(page, transactional_db, axe_check, viewport):
    page.set_viewport_size(viewport)
    text = _visit(page, "/privacy/notice/", axe_check)
    for name in ("PostNord Sverige AB", "Stripe Payments Europe", "Klarna"):
        assert name in text, name
    assert page.evaluate(NO_SIDEWAYS_SCROLL), page.evaluate(
        "() => [document.scrollingElement.scrollWidth, window.innerWidth]")


@VIEWPORTS
def test_request_page_shows_each_recipients_state(page, told, customer, sign_in, axe_check, viewport):
    page.set_viewport_size(viewport)
    sign_in(page, customer)
    text = _visit(page, f"/privacy/requests/{told.uuid}/", axe_check)
    assert "Those who received your data" in text
    assert text.count("Sent and acknowledged") == 2 and "Failed, retrying" in text
    assert page.evaluate(NO_SIDEWAYS_SCROLL), page.evaluate(
        "() => [document.scrollingElement.scrollWidth, window.innerWidth]")
