"""Proof files (an authorized agent's signed permission): validated, stored privately, deleted on close.

Files go to ``STORAGES[app_settings.STORAGE_ALIAS]`` under random names; the uploader's
file name is kept only as a label. "Additional verification data is deleted once used":
``delete_proofs`` runs when the request closes.
"""

from __future__ import annotations

import hashlib

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from ...app_settings import app_settings
from ..models import PrivacyRequest, ProofAttachment, RequestEvent

# File signatures of the accepted types: the declared content type must match the bytes.
_MAGIC = {
    "application/pdf": (b"%PDF-",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/jpeg": (b"\xff\xd8\xff",),
}


def validate_proof(upload: UploadedFile) -> str:
    """The file's content type, or ``ValidationError`` (type and size)."""
    if upload.size > app_settings.PROOF_MAX_BYTES:
        raise ValidationError(_("The file is too large (at most %(mb).0f MB).")
                              % {"mb": app_settings.PROOF_MAX_BYTES / 1024 / 1024}, code="too_large")
    allowed = app_settings.PROOF_CONTENT_TYPES
    head = upload.read(16)
    upload.seek(0)
    for content_type in allowed:
        if any(head.startswith(sig) for sig in _MAGIC.get(content_type, ())):
            return content_type
    raise ValidationError(_("Upload a PDF, PNG or JPEG file."), code="bad_type")


def attach_proof(req: PrivacyRequest, upload: UploadedFile, *, actor=None, role: str = "agent") -> ProofAttachment:
    content_type = validate_proof(upload)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    proof = ProofAttachment(request=req, original_name=(upload.name or "proof")[:200], content_type=content_type,
                            size=upload.size, sha256=digest.hexdigest())
    proof.file.save("proof", upload, save=False)
    proof.save()
    from .core import add_event

    add_event(req, RequestEvent.Kind.PROOF, _("Proof file received"), actor=actor, role=role,
              data={"proof_id": proof.pk, "size": proof.size, "sha256": proof.sha256})
    return proof


def delete_proofs(req: PrivacyRequest, *, actor=None) -> int:
    """Delete every proof file of the request (storage and rows); recorded once."""
    deleted = 0
    for proof in list(req.proofs.all()):
        proof.file.delete(save=False)
        proof.delete()
        deleted += 1
    if deleted:
        from .core import add_event

        add_event(req, RequestEvent.Kind.PROOF, _("Proof files deleted now that the request is closed"),
                  actor=actor, data={"deleted": deleted}, public=False)
    return deleted
