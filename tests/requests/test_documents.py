"""Supporting documents on customer requests: attached on the form, on the request's page and through the API;
stored privately like agents' proofs, checked (type, size, number) with clear errors, listed by name to the
customer, opened only by staff who may process requests, deleted once the request's close commits."""

from __future__ import annotations

import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile

from privacy_center.requests.models import PrivacyRequest, ProofAttachment
from privacy_center.requests.services import core

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32
LIST = "/admin/privacy_requests/privacyrequest/"


def _pdf(name="receipt March.pdf", body=PDF):
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def test_a_customer_attaches_documents_when_filing(logged_in_client, customer):
    response = logged_in_client.post("/privacy/requests/new/", {
        "type": "other", "details": "The invoice shows the wrong address.",
        "documents": [_pdf(), SimpleUploadedFile("photo.png", PNG, content_type="image/png")],
    })
    assert response.status_code == 302
    req = PrivacyRequest.objects.get(user=customer)
    files = list(req.proofs.order_by("id"))
    assert [f.kind for f in files] == ["document", "document"]
    assert [f.original_name for f in files] == ["receipt March.pdf", "photo.png"]
    storage = storages["privacy_center"]
    for f in files:
        assert storage.exists(f.file.name) and "receipt" not in f.file.name
        assert f.file.name.startswith("privacy_requests/documents/")
    page = logged_in_client.get(response["Location"]).content.decode()
    assert "receipt March.pdf" in page and "photo.png" in page
    assert "Supporting document received: receipt March.pdf" in page  # the request's timeline
    assert f"{LIST}{req.pk}/proof/" not in page  # the customer sees names only, no download


def test_a_bad_file_gets_a_clear_error_and_nothing_typed_is_lost(logged_in_client, settings):
    response = logged_in_client.post("/privacy/requests/new/", {
        "type": "other", "details": "Keep this text.",
        "documents": [SimpleUploadedFile("notes.pdf", b"<html>no</html>", content_type="application/pdf")],
    })
    assert response.status_code == 200
    html = response.content.decode()
    assert "notes.pdf: Upload a PDF, PNG or JPEG file." in html and "Keep this text." in html
    assert not PrivacyRequest.objects.exists()
    settings.PRIVACY_CENTER_PROOF_MAX_BYTES = 20
    html = logged_in_client.post("/privacy/requests/new/", {"type": "other", "documents": [_pdf()]}).content.decode()
    assert "receipt March.pdf: The file is too large" in html
    settings.PRIVACY_CENTER_PROOF_MAX_BYTES = 5 * 1024 * 1024
    html = logged_in_client.post("/privacy/requests/new/", {
        "type": "other", "documents": [_pdf(f"{i}.pdf") for i in range(4)]}).content.decode()
    assert "Attach at most 3 files to a request." in html
    assert not PrivacyRequest.objects.exists() and not ProofAttachment.objects.exists()


def test_documents_added_on_the_request_page_up_to_the_limit(logged_in_client, customer, make_request, client,
                                                             other_customer):
    req = make_request("other", user=customer)
    url = f"/privacy/requests/{req.uuid}/documents/"
    assert logged_in_client.post(url, {"documents": [_pdf("a.pdf"), _pdf("b.pdf")]}).status_code == 302
    response = logged_in_client.post(url, {"documents": [_pdf("c.pdf"), _pdf("d.pdf")]})
    assert response.status_code == 400 and "Attach at most 3 files" in response.content.decode()
    assert logged_in_client.post(url, {}).status_code == 400
    assert req.proofs.count() == 2
    client.force_login(other_customer)
    assert client.post(url, {"documents": [_pdf()]}).status_code == 404
    assert req.proofs.count() == 2


def test_staff_open_documents_and_closing_deletes_them_on_commit(client, officer, viewer, customer, make_request,
                                                                 reauthenticate, django_capture_on_commit_callbacks):
    from privacy_center.requests.services.proofs import attach_documents

    req = make_request("other", user=customer)
    document = attach_documents(req, [_pdf()])[0]
    client.force_login(viewer)
    assert client.get(f"{LIST}{req.pk}/proof/{document.pk}/").status_code == 403
    client.force_login(officer)
    change = client.get(f"{LIST}{req.pk}/change/").content.decode()
    assert "receipt March.pdf" in change and "Supporting document" in change
    reauthenticate(client)
    download = client.get(f"{LIST}{req.pk}/proof/{document.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert req.events.filter(summary="Supporting document opened by staff").exists()
    name = document.file.name
    with django_capture_on_commit_callbacks(execute=True):
        core.complete(req)
    assert not storages["privacy_center"].exists(name)
    assert not req.proofs.exists()


def test_the_api_takes_documents_as_multipart(logged_in_client, customer, make_request):
    req = make_request("other", user=customer)
    url = f"/api/privacy/requests/{req.uuid}/documents/"
    response = logged_in_client.post(url, {"file": [_pdf()]})
    assert response.status_code == 201 and response.json()[0]["name"] == "receipt March.pdf"
    assert logged_in_client.get(url).json()[0]["size"] == len(PDF)
    bad = logged_in_client.post(url, {"file": [SimpleUploadedFile("x.pdf", b"MZ", content_type="application/pdf")]})
    assert bad.status_code == 400 and "Upload a PDF, PNG or JPEG file." in bad.json()["file"][0]
    assert logged_in_client.post(url, {}).status_code == 400
    core.cancel(req, actor=customer)
    assert logged_in_client.post(url, {"file": [_pdf()]}).status_code == 409
