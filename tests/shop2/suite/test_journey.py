"""The whole customer journey on the second shop, through its pages: sign in with Django's own login view,
My data (in a layout whose main block is ``main``), a correction, an export and its ZIP, a request triaged
by staff, deletion with cooling-off, the erasure, then a sweep of every table."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.utils import timezone

from privacy_center.erasure.models import SubjectErasure
from privacy_center.erasure.services.core import run_due_erasures
from privacy_center.models import Export
from privacy_center.requests.models import PrivacyRequest, Status
from privacy_center.subjects import Subject
from tests.shop2.store.models import Customer, Order, Shipment, User

from .conftest import PASSWORD
from .sweep import declared_values, leftovers

pytestmark = pytest.mark.django_db


def main_of(response) -> str:
    """What the shop's layout shows in its ``main`` element."""
    html = response.content.decode()
    match = re.search(r'<main id="northwind-main">(.*)</main>', html, re.S)
    assert match, "the page is not inside the shop's layout"
    return match.group(1)


def sign_in(client, email):
    response = client.post("/login/", {"username": email, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]


def reauthenticate(client):
    assert client.post("/accounts/reauthenticate/", {"password": PASSWORD}).status_code in (200, 302)


def test_the_whole_journey(client, ada, bob, django_capture_on_commit_callbacks, mailoutbox, monkeypatch):
    call_command("privacy_verify_existing_emails", "--all-confirmed")  # the README's step for existing users
    sign_in(client, "ada@northwind.example")

    # My data: every source, in the shop's own layout; the guest order placed before registering is hers.
    overview = main_of(client.get("/privacy/"))
    assert "Orders" in overview and "Shipments" in overview
    orders_page = main_of(client.get("/privacy/data/store.order/"))
    references = list(Order.objects.filter(email="ada@northwind.example").values_list("reference", flat=True))
    assert len(references) == 3 and all(ref in orders_page for ref in references)
    bob_refs = Order.objects.filter(email="bob@northwind.example").values_list("reference", flat=True)
    assert not any(ref in orders_page for ref in bob_refs)
    shipments_page = main_of(client.get("/privacy/data/store.shipment/"))
    assert "Leave at Ada Lovelace&#x27;s back door" in shipments_page

    # Correction of the account's name (no re-authentication needed for a name).
    response = client.post(f"/privacy/data/auth.user/{ada.pk}/", {f"row{ada.pk}-full_name": "Ada King"})
    assert response.status_code == 302
    assert User.objects.get(pk=ada.pk).full_name == "Ada King"

    # Export: built, then downloaded after re-authentication; the ZIP holds her data and nobody else's.
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/privacy/exports/").status_code == 302
    export = Export.objects.get(user=ada)
    assert export.status == Export.Status.READY
    download = f"/privacy/exports/{export.pk}/download/"
    assert "/accounts/reauthenticate/" in client.post(download)["Location"]
    reauthenticate(client)
    response = client.post(download)
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    data = json.loads(archive.read("data.json"))
    sources = {s["name"]: s for s in data["sources"]}
    assert sources["store.order"]["count"] == 3 and sources["store.shipment"]["count"] == 4
    assert sources["auth.user"]["count"] == 1
    text = "\n".join(archive.read(name).decode() for name in archive.namelist())
    assert "Ada King" in text and all(ref in text for ref in references)
    assert ada.password.split("$")[-1] not in text and "bob@northwind.example" not in text

    # A request, triaged by staff in the admin.
    response = client.post("/privacy/requests/new/", {"type": "other", "details": "Which carrier do you use?"})
    assert response.status_code == 302
    request = PrivacyRequest.objects.get(user=ada)
    staff = User.objects.create_user("officer@northwind.example", PASSWORD, is_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(codename__in=["view_privacyrequest",
                                                                       "process_privacyrequest"]))
    officer = client.__class__()
    sign_in(officer, "officer@northwind.example")
    queue = officer.get("/admin/privacy_requests/privacyrequest/").content.decode()
    assert request.reference in queue
    base = f"/admin/privacy_requests/privacyrequest/{request.pk}"
    for action in ("assign_to_me", "verify", "complete"):
        assert officer.post(f"{base}/act/", {"action": action}).status_code == 302
    request.refresh_from_db()
    assert request.status == Status.COMPLETED and request.assignee == staff

    # Delete: re-authenticate, confirm, cooling-off (the account is deactivated), then the erasure.
    reauthenticate(client)
    subject = Subject.for_user(User.objects.get(pk=ada.pk))
    values, kept = declared_values(subject)
    before = {"orders": list(Order.objects.filter(email="ada@northwind.example").values_list("pk", flat=True))}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/privacy/delete/", {"understood": "on", "confirmation": "ada@northwind.example"})
    assert response.status_code == 302
    erasure = SubjectErasure.objects.get()
    assert erasure.status == SubjectErasure.Status.SCHEDULED and not User.objects.get(pk=ada.pk).is_active
    assert "cancel" in mailoutbox[-1].body.lower()
    assert run_due_erasures() == []  # not due during the cooling-off

    later = timezone.now() + dt.timedelta(days=15)
    monkeypatch.setattr(timezone, "now", lambda: later)
    with django_capture_on_commit_callbacks(execute=True):
        assert run_due_erasures() == [erasure.pk]
    erasure.refresh_from_db()
    assert erasure.status == SubjectErasure.Status.COMPLETED, erasure.last_error
    assert not User.objects.filter(pk=ada.pk).exists() and not Customer.objects.filter(user_id=ada.pk).exists()
    assert Order.objects.filter(pk__in=before["orders"]).count() == 3
    assert mailoutbox[-1].to == ["ada@northwind.example"] and "checked after the erasure" in mailoutbox[-1].body

    # The sweep: none of her declared values is left anywhere but in the rows a source keeps by law
    # (the privacy request record, kept 24 months); Bob's rows are as they were.
    assert values >= {"Ada King", "ada@northwind.example", "+46 31 123 45 67"}
    # E-mails to the person (the erasure's own receipt among them) stay in the outbox until delivered,
    # 30 days at most: declared as kept.
    from privacy_center.models import OutboxMessage

    kept = kept | {("privacy_center.OutboxMessage", pk) for pk in OutboxMessage.objects.values_list("pk", flat=True)}
    assert leftovers(values, kept) == []
    assert Order.objects.filter(email="bob@northwind.example", shipping_name="Bob Builder").count() == 2
    assert Shipment.objects.filter(order__email="bob@northwind.example", recipient_name="Bob Builder").count() == 3
    assert Customer.objects.filter(user=bob, phone="+46 31 765 43 21").exists()
