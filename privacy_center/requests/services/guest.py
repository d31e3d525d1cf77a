"""The guest portal: proof of holding an e-mail address, proof of an order, a signed guest session.

Links are signed (Django's signing, salted), expire after ``GUEST_LINK_MAX_AGE`` and work
once: the request keeps only a hash of the link's nonce and forgets it when used. Opening
a link shows a page; only its button (a POST) verifies, so mail scanners cannot act.

Filing does the same work whatever the address: a request row, one e-mail with a link,
the same page. Nothing looks at whether the address belongs to a customer until the
person has proven they hold it.
"""

from __future__ import annotations

import hashlib
import secrets

from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ...adapter import get_adapter
from ...app_settings import app_settings
from ...hashing import normalize_email
from ...services.language import remember_language
from ...subjects import Subject
from ..models import PrivacyRequest, RequestEvent, Status, VerificationMethod
from . import ratelimit
from .automation import run_automation
from .core import Filing, apply_verification, submit_request
from .emails import send_acknowledgement, send_verification
from .events import add_event

LINK_SALT = "privacy_center.requests.guest_link"
SESSION_SALT = "privacy_center.requests.guest_session"
SESSION_KEY = "privacy_center_guest"


class RateLimited(Exception):
    pass


class InvalidLink(Exception):
    pass


def _nonce_hash(nonce: str) -> str:
    return hashlib.sha256(nonce.encode()).hexdigest()


def make_link_token(req: PrivacyRequest) -> str:
    """A new single-use token for the request (replaces any earlier one)."""
    nonce = secrets.token_urlsafe(24)
    req.verification_nonce = _nonce_hash(nonce)
    req.save(update_fields=["verification_nonce", "updated_at"])
    return signing.dumps({"r": req.uuid.hex, "n": nonce}, salt=LINK_SALT, compress=True)


def read_link_token(token: str) -> PrivacyRequest:
    """The request a valid, unused, unexpired token is for; else ``InvalidLink``."""
    try:
        payload = signing.loads(token, salt=LINK_SALT, max_age=app_settings.GUEST_LINK_MAX_AGE)
    except signing.SignatureExpired:
        raise InvalidLink(_("This link has expired. Ask for a new one."))
    except signing.BadSignature:
        raise InvalidLink(_("This link is not valid."))
    req = PrivacyRequest.objects.filter(uuid=payload.get("r")).first()
    nonce = str(payload.get("n", ""))
    if req is None or not req.verification_nonce or not secrets.compare_digest(
        req.verification_nonce, _nonce_hash(nonce)
    ):
        raise InvalidLink(_("This link was already used or replaced by a newer one."))
    if not req.is_open:
        raise InvalidLink(_("This request is closed."))
    return req


def guest_submit(email: str, request_type: str, *, ip: str | None, details: str = "", http_request=None) -> Filing:
    """File a guest request and send its single e-mail. Raises ``RateLimited``."""
    email = normalize_email(email)
    if not ratelimit.hit_all(ip=ip, email=email):
        raise RateLimited(_("Too many requests. Try again later."))
    filing = submit_request(request_type, email=email, details=details, role="guest", send_acknowledgement=False)
    send_guest_link(filing.request, http_request=http_request, merged=not filing.created)
    return filing


def send_guest_link(req: PrivacyRequest, *, http_request=None, merged: bool = False) -> None:
    """E-mail the guest a verification link (or, when no verification is needed, the acknowledgement)."""
    with transaction.atomic():
        if req.status in (Status.SUBMITTED, Status.AWAITING_VERIFICATION):
            token = make_link_token(req)
            url = get_adapter().build_absolute_uri(
                http_request, reverse("privacy_center:request_guest_verify", args=[token]))
            add_event(req, RequestEvent.Kind.VERIFICATION_SENT, _("Verification link sent by e-mail"), role="system")
            send_verification(req, url, merged=merged)
        else:
            send_acknowledgement(req, merged=merged)


def confirm_guest_link(token: str) -> PrivacyRequest:
    """The POST behind the link's button: the guest holds the address."""
    with transaction.atomic():
        req = read_link_token(token)
        req = PrivacyRequest.objects.select_for_update().get(pk=req.pk)
        read_link_token(token)  # again under the lock: two clicks cannot both pass
        if req.status in (Status.SUBMITTED, Status.AWAITING_VERIFICATION):
            apply_verification(req, VerificationMethod.EMAIL_LINK, role="guest")
            # The guest holds the address now: later e-mails to it (a copy ready, a reply) use their language.
            remember_language(Subject.for_email(req.email), req.language)
        else:
            req.verification_nonce = ""
            req.save(update_fields=["verification_nonce", "updated_at"])
    return req


def give_order_proof(req: PrivacyRequest, order_number: str, postcode: str, *, ip: str | None) -> bool:
    """Check the order through the adapter; on success run the request's automation."""
    if not ratelimit.hit_all(order_proof=req.email, ip=ip):
        raise RateLimited(_("Too many attempts. Try again later."))
    ok = get_adapter().verify_order_proof(req.email, order_number.strip(), postcode.strip())
    if not ok:
        add_event(req, RequestEvent.Kind.ORDER_PROOF, _("Proof of order did not match"), role="guest")
        return False
    with transaction.atomic():
        req.order_proof_at = timezone.now()
        req.verification_method = VerificationMethod.EMAIL_LINK_ORDER
        req.save(update_fields=["order_proof_at", "verification_method", "updated_at"])
        add_event(req, RequestEvent.Kind.ORDER_PROOF, _("Proof of order given"), role="guest")
        if req.status in (Status.VERIFIED, Status.IN_PROGRESS):
            run_automation(req, automatic=True)
    return True


# -- the guest session: a verified guest follows their requests -----------------------------


def start_guest_session(http_request, email: str) -> None:
    http_request.session[SESSION_KEY] = signing.dumps({"e": normalize_email(email)}, salt=SESSION_SALT)


def guest_email(http_request) -> str | None:
    """The address this browser proved it holds, while the guest session lasts."""
    value = getattr(http_request, "session", {}).get(SESSION_KEY)
    if not value:
        return None
    try:
        return signing.loads(value, salt=SESSION_SALT, max_age=app_settings.GUEST_SESSION_MAX_AGE)["e"]
    except (signing.BadSignature, KeyError, TypeError):
        return None
