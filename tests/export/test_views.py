"""Export pages: start, progress, download with re-authentication, expiry, guest links, access."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.test import TestCase
from django.utils import timezone

from privacy_center.models import Export, PrivacyEvent
from privacy_center.tokens import make_export_token

pytestmark = pytest.mark.django_db


def _zip_bytes(response) -> bytes:
    return b"".join(response.streaming_content)


def test_start_export_then_download_after_reauthentication(logged_in_client, customer, reauthenticate):
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = logged_in_client.post("/privacy/exports/")
    export = Export.objects.get(user=customer)
    assert response.status_code == 302 and response["Location"] == f"/privacy/exports/{export.pk}/"

    page = logged_in_client.get(f"/privacy/exports/{export.pk}/")
    html = page.content.decode()
    assert "Download the ZIP file" in html and export.sha256 in html
    assert export.file_name not in html

    url = f"/privacy/exports/{export.pk}/download/"
    assert logged_in_client.get(url).status_code == 405  # a download is counted: never on GET
    response = logged_in_client.post(url)
    assert response.status_code == 302 and "/accounts/reauthenticate/" in response["Location"]

    reauthenticate(logged_in_client)
    response = logged_in_client.post(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert ".zip" in response["Content-Disposition"]
    assert {d.strip() for d in response["Cache-Control"].split(",")} == {"no-store", "private"}
    assert _zip_bytes(response)[:2] == b"PK"
    export.refresh_from_db()
    assert export.downloads == 1
    assert PrivacyEvent.objects.filter(kind=PrivacyEvent.Kind.EXPORT_DOWNLOADED, user=customer).count() == 1


def test_expired_export_says_so_and_offers_a_new_one(logged_in_client, customer, export_for, reauthenticate):
    export = export_for(user=customer)
    Export.objects.filter(pk=export.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    html = logged_in_client.get(f"/privacy/exports/{export.pk}/").content.decode()
    assert "expired" in html and "Prepare a new copy" in html
    reauthenticate(logged_in_client)
    response = logged_in_client.post(f"/privacy/exports/{export.pk}/download/")
    assert response.status_code == 302 and response["Location"] == f"/privacy/exports/{export.pk}/"


def test_used_up_export_is_expired(logged_in_client, customer, export_for, settings, reauthenticate):
    settings.PRIVACY_CENTER_EXPORT_MAX_DOWNLOADS = 1
    export = export_for(user=customer)
    reauthenticate(logged_in_client)
    assert logged_in_client.post(f"/privacy/exports/{export.pk}/download/").status_code == 200
    assert logged_in_client.post(f"/privacy/exports/{export.pk}/download/").status_code == 302
    assert "Prepare a new copy" in logged_in_client.get(f"/privacy/exports/{export.pk}/").content.decode()


def test_failed_export_shows_the_reason(logged_in_client, customer):
    export = Export.objects.create(user=customer, subject_key=f"user:{customer.pk}", status="failed",
                                   error="The section “Orders” could not be exported.")
    html = logged_in_client.get(f"/privacy/exports/{export.pk}/").content.decode()
    assert "could not prepare" in html and "Orders" in html and "Try again" in html


def test_pending_export_shows_progress(logged_in_client, customer):
    export = Export.objects.create(user=customer, subject_key=f"user:{customer.pk}", status="running",
                                   progress=42, current_source="Orders")
    html = logged_in_client.get(f"/privacy/exports/{export.pk}/").content.decode()
    assert 'value="42"' in html and "Orders" in html and "Refresh" in html


def test_another_customers_export_is_404(client, customer, other_customer, export_for, reauthenticate):
    export = export_for(user=customer)
    client.force_login(other_customer)
    reauthenticate(client)
    assert client.get(f"/privacy/exports/{export.pk}/").status_code == 404
    assert client.post(f"/privacy/exports/{export.pk}/download/").status_code == 404
    assert client.get(f"/privacy/exports/{uuid.uuid4()}/").status_code == 404
    assert client.get("/privacy/exports/not-a-uuid/").status_code == 404
    assert str(export.pk) not in client.get("/privacy/exports/").content.decode()
    export.refresh_from_db()
    assert export.downloads == 0


@pytest.mark.parametrize("method,path", [
    ("get", "/privacy/exports/"), ("post", "/privacy/exports/"),
    ("get", "/privacy/exports/00000000-0000-0000-0000-000000000000/"),
    ("post", "/privacy/exports/00000000-0000-0000-0000-000000000000/download/"),
])
def test_anonymous_is_sent_to_login(client, method, path):
    response = getattr(client, method)(path)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Export.objects.exists()


def test_guest_link_works_once(client, make_order, export_for):
    make_order(email="guest@example.com")
    export = export_for(email="guest@example.com")
    token = make_export_token(export)
    url = f"/privacy/exports/link/{token}/"

    page = client.get(url)
    assert page.status_code == 200 and "Download the ZIP file" in page.content.decode()
    assert client.get(url).status_code == 200  # looking does not use the link
    response = client.post(url)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert _zip_bytes(response)[:2] == b"PK"
    assert client.post(url).status_code == 410
    assert client.get(url).status_code == 410
    export.refresh_from_db()
    assert export.downloads == 1


def test_guest_link_rejects_forged_expired_and_replaced_tokens(client, export_for, settings):
    export = export_for(email="guest@example.com")
    old = make_export_token(export)
    new = make_export_token(export)
    assert client.post(f"/privacy/exports/link/{old}/").status_code == 410  # replaced by a newer link
    assert client.post(f"/privacy/exports/link/{new[:-2]}xx/").status_code == 410
    assert client.post("/privacy/exports/link/garbage/").status_code == 410
    settings.PRIVACY_CENTER_EXPORT_EXPIRY_HOURS = 0
    assert client.post(f"/privacy/exports/link/{new}/").status_code == 410
    export.refresh_from_db()
    assert export.downloads == 0


def test_guest_ready_email_carries_a_working_link(client, make_order, export_for):
    import re

    from django.core import mail

    make_order(email="guest@example.com")
    export_for(email="guest@example.com")
    link = re.search(r"http://\S+/privacy/exports/link/\S+/", mail.outbox[-1].body).group(0)
    path = link.split("127.0.0.1:8000", 1)[1]
    assert client.post(path).status_code == 200
