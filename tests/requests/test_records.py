"""Append-only events, proof files in private storage deleted on close, retention purge after 24 months."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from privacy_center.requests.models import PrivacyRequest, ProofAttachment, RequestEvent, RequestMessage
from privacy_center.requests.services import core, maintenance
from privacy_center.requests.services.proofs import attach_proof
from privacy_center.requests.tasks import purge_closed_requests

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_events_are_append_only_through_the_orm(make_request):
    req = make_request("other")
    event = req.events.first()
    with pytest.raises(TypeError):
        RequestEvent.objects.filter(pk=event.pk).update(summary="changed")
    with pytest.raises(TypeError):
        RequestEvent.objects.filter(pk=event.pk).delete()
    event.summary = "changed"
    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        event.delete()
    event.refresh_from_db()
    assert event.summary != "changed"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only")
def test_postgresql_trigger_refuses_update_and_delete(make_request):
    req = make_request("other")
    table = RequestEvent._meta.db_table
    statements = [f"UPDATE {table} SET summary = 'x' WHERE request_id = %s",
                  f"DELETE FROM {table} WHERE request_id = %s"]
    for sql in statements:
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [req.pk])


def test_a_request_is_never_deleted_behind_the_purges_back(make_request):
    """A plain delete is refused (its append-only events protect it); requests leave only through the purge."""
    from django.db.models import ProtectedError

    open_req = make_request("other")
    with pytest.raises(ProtectedError):
        PrivacyRequest.objects.filter(pk=open_req.pk).delete()
    assert PrivacyRequest.objects.filter(pk=open_req.pk).exists()


def _proof(req):
    return attach_proof(req, SimpleUploadedFile("signed permission.pdf", PDF, content_type="application/pdf"))


def test_proof_is_private_unguessable_and_deleted_when_closed(make_request, django_capture_on_commit_callbacks):
    req = make_request("erasure", email="subject@example.com", verification="",
                       agent={"name": "Agent", "email": "agent@example.com", "relationship": "POA"})
    proof = _proof(req)
    storage = storages["privacy_center"]
    assert storage.exists(proof.file.name)  # the configured private storage, not public media
    assert "signed" not in proof.file.name and proof.file.name.endswith(".pdf")
    assert len(proof.file.name.rsplit("/", 1)[1]) > 40
    assert storage.exists(proof.file.name)
    name = proof.file.name
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        core.reject(req, reason="The permission is not signed")
    assert storage.exists(name)  # the stored file goes only once the close is committed
    for callback in callbacks:
        callback()
    assert not storage.exists(name)
    assert not ProofAttachment.objects.filter(request=req).exists()
    assert req.events.filter(summary__contains="Files sent with the request deleted").exists()


def test_proof_type_and_size_are_checked(make_request, settings):
    from django.core.exceptions import ValidationError

    req = make_request("other")
    with pytest.raises(ValidationError):
        attach_proof(req, SimpleUploadedFile("x.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"))
    settings.PRIVACY_CENTER_PROOF_MAX_BYTES = 10
    with pytest.raises(ValidationError):
        attach_proof(req, SimpleUploadedFile("x.pdf", PDF, content_type="application/pdf"))


def test_purge_keeps_24_months_then_deletes_everything(make_request, settings):
    settings.PRIVACY_CENTER_REQUEST_RETENTION_MONTHS = 6  # never less than 24
    old = make_request("other", email="old@example.com")
    recent = make_request("other", email="recent@example.com")
    still_open = make_request("other", email="open@example.com")
    for req in (old, recent):
        core.transition(req, "complete")
        RequestMessage.objects.create(request=req, body="hello")
    now = timezone.now()
    PrivacyRequest.objects.filter(pk=old.pk).update(closed_at=now - dt.timedelta(days=25 * 31))
    PrivacyRequest.objects.filter(pk=recent.pk).update(closed_at=now - dt.timedelta(days=23 * 31))
    PrivacyRequest.objects.filter(pk=still_open.pk).update(received_at=now - dt.timedelta(days=30 * 31))
    assert purge_closed_requests.delay().get() == 1
    assert not PrivacyRequest.objects.filter(pk=old.pk).exists()
    assert not RequestEvent.objects.filter(request_id=old.pk).exists()
    assert not RequestMessage.objects.filter(request_id=old.pk).exists()
    assert PrivacyRequest.objects.filter(pk__in=[recent.pk, still_open.pk]).count() == 2
    assert maintenance.purge_closed() == 0


def test_the_source_deletes_requests_only_through_the_purge(make_request):
    from privacy_center.registry import site

    old = make_request("other", email="old@example.com")
    core.transition(old, "complete")
    recent = make_request("other", email="recent@example.com")
    core.transition(recent, "complete")
    still_open = make_request("other", email="open@example.com")
    PrivacyRequest.objects.filter(pk=old.pk).update(closed_at=timezone.now() - dt.timedelta(days=800))
    source = site.get("privacy_requests.privacyrequest")
    assert source.delete_rows(PrivacyRequest.objects.all()) == 1  # only the one closed before the cutoff
    assert not RequestEvent.objects.filter(request_id=old.pk).exists()
    assert set(PrivacyRequest.objects.values_list("pk", flat=True)) == {recent.pk, still_open.pk}


def test_the_retention_sweep_purges_old_closed_requests(make_request):
    from privacy_center.erasure.services.retention import run_retention

    old = make_request("other", email="old@example.com")
    core.transition(old, "complete")
    RequestMessage.objects.create(request=old, body="thanks")
    kept = make_request("other", email="kept@example.com")
    PrivacyRequest.objects.filter(pk=old.pk).update(closed_at=timezone.now() - dt.timedelta(days=800))
    PrivacyRequest.objects.filter(pk=kept.pk).update(received_at=timezone.now() - dt.timedelta(days=800))
    run_retention()
    assert not PrivacyRequest.objects.filter(pk=old.pk).exists()
    assert not RequestEvent.objects.filter(request_id=old.pk).exists()
    assert PrivacyRequest.objects.filter(pk=kept.pk).exists()
