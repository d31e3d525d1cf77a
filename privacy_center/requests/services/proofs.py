"""Files sent with a request: an authorized agent's signed permission (a proof) and the supporting documents
a customer attaches. Validated, stored privately, deleted when the request closes.

Files go to ``STORAGES[app_settings.STORAGE_ALIAS]`` under random names; the uploader's
file name is kept only as a label. "Additional verification data is deleted once used":
``delete_proofs`` runs when the request closes and removes the stored files once the
transaction commits (a rolled-back close keeps them, with their rows).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from ...app_settings import app_settings
from ..models import PrivacyRequest, ProofAttachment, RequestEvent
from .events import add_event

# File signatures of the accepted types: the declared content type must match the bytes.
_MAGIC = {
    "application/pdf": (b"%PDF-",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/jpeg": (b"\xff\xd8\xff",),
}


def validate_proof(upload: UploadedFile) -> str:
    """The file's content type, or ``ValidationError`` (type and size)."""
    if (upload.size or 0) > app_settings.PROOF_MAX_BYTES:
        raise ValidationError(_("The file is too large (at most %(mb).0f MB).")
                              % {"mb": app_settings.PROOF_MAX_BYTES / 1024 / 1024}, code="too_large")
    allowed = app_settings.PROOF_CONTENT_TYPES
    head = upload.read(16)
    upload.seek(0)
    for content_type in allowed:
        if any(head.startswith(sig) for sig in _MAGIC.get(content_type, ())):
            return content_type
    raise ValidationError(_("Upload a PDF, PNG or JPEG file."), code="bad_type")


def validate_documents(uploads: Sequence[UploadedFile], *, already: int = 0) -> None:
    """Each supporting document's type and size, and their number; ``ValidationError`` naming the file."""
    limit = app_settings.REQUEST_DOCUMENTS_MAX
    if already + len(uploads) > limit:
        raise ValidationError(_("Attach at most %(count)d files to a request.") % {"count": limit},
                              code="too_many")
    errors = []
    for upload in uploads:
        try:
            validate_proof(upload)
        except ValidationError as exc:
            errors.append(ValidationError(_("%(name)s: %(problem)s") % {
                "name": upload.name or _("file"), "problem": " ".join(exc.messages)}, code=exc.code))
    if errors:
        raise ValidationError(errors)


def attach_proof(req: PrivacyRequest, upload: UploadedFile, *, actor=None, role: str = "agent",
                 kind: str = ProofAttachment.Kind.PROOF) -> ProofAttachment:
    content_type = validate_proof(upload)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    proof = ProofAttachment(request=req, kind=kind, original_name=(upload.name or "proof")[:200],
                            content_type=content_type, size=upload.size or 0, sha256=digest.hexdigest())
    proof.file.save(kind, upload, save=False)
    proof.save()
    if kind == ProofAttachment.Kind.DOCUMENT:
        add_event(req, RequestEvent.Kind.PROOF, _("Supporting document received: %(name)s")
                  % {"name": proof.original_name}, actor=actor, role=role,
                  data={"proof_id": proof.pk, "kind": kind, "size": proof.size, "sha256": proof.sha256})
    else:
        add_event(req, RequestEvent.Kind.PROOF, _("Proof file received"), actor=actor, role=role,
                  data={"proof_id": proof.pk, "size": proof.size, "sha256": proof.sha256})
    return proof


def attach_documents(req: PrivacyRequest, uploads: Sequence[UploadedFile], *, actor=None,
                     role: str = "requester") -> list[ProofAttachment]:
    """The customer's supporting documents, checked (type, size, number) and stored like agents' proofs."""
    validate_documents(uploads, already=req.proofs.filter(kind=ProofAttachment.Kind.DOCUMENT).count())
    return [attach_proof(req, upload, actor=actor, role=role, kind=ProofAttachment.Kind.DOCUMENT)
            for upload in uploads]


def documents(req: PrivacyRequest) -> list[ProofAttachment]:
    """The supporting documents of a request, oldest first (the customer sees their names)."""
    return list(req.proofs.filter(kind=ProofAttachment.Kind.DOCUMENT).order_by("uploaded_at", "id"))


def delete_proofs(req: PrivacyRequest, *, actor=None) -> int:
    """Delete every proof file and supporting document of the request: rows now, stored files once the
    transaction commits; recorded once."""
    deleted = 0
    names: list[tuple[Any, str]] = []
    for proof in list(req.proofs.all()):
        if proof.file.name:
            names.append((proof.file.storage, proof.file.name))
        proof.delete()
        deleted += 1

    def remove_files() -> None:
        for storage, name in names:
            storage.delete(name)

    if names:
        transaction.on_commit(remove_files)
    if deleted:
        add_event(req, RequestEvent.Kind.PROOF, _("Files sent with the request deleted now that it is closed"),
                  actor=actor, data={"deleted": deleted}, public=False)
    return deleted
