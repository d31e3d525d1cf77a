"""E-mails about requests, sent through the adapter (``<prefix>_subject.txt``, one ``_message.html``).

Templates live in ``privacy_center/requests/email/``; each gets the request, its reference,
due date, the shop's promise, and a link to follow it. E-mails go through the outbox (written
with the change, delivered after the commit); the timeline records an e-mail, and the
acknowledgement's time, when the mail server accepted it (``record_delivery``), never before.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ...adapter import get_adapter
from ...app_settings import app_settings
from ...services.language import request_language
from ..models import PrivacyRequest, RequestEvent, RequestMessage
from .approval import needs_approval, review_notice
from .events import add_event

PREFIX = "privacy_center/requests/email/"


def requester_address(req: PrivacyRequest) -> str:
    """An agent's request is answered to the agent; otherwise to the subject."""
    return req.agent_email or req.email or (req.user.email if req.user is not None else "")


def status_url(req: PrivacyRequest) -> str:
    path = (reverse("privacy_center:request_guest") if req.is_guest
            else reverse("privacy_center:request_detail", args=[req.uuid]))
    return get_adapter().build_absolute_uri(None, path)


def _send(req: PrivacyRequest, name: str, context: dict[str, Any] | None = None, *, to: str | None = None,
          record: bool = True) -> None:
    to = to or requester_address(req)
    if not to:
        return
    ctx = {
        "req": req,
        "reference": req.reference,
        "due": req.due_at,
        "promise": req.promise,
        "status_url": status_url(req),
        "controller": app_settings.CONTROLLER,
        **(context or {}),
    }
    get_adapter().send_mail(PREFIX + name, to, ctx, meta={"request": req.pk, "email": name, "record": record},
                            language=request_language(req))


def send_acknowledgement(req: PrivacyRequest, *, extra_copy: bool = False, merged: bool = False) -> None:
    _send(req, "acknowledgement", {"extra_copy_note": app_settings.EXTRA_COPY_NOTE if extra_copy else "",
                                   "merged": merged, "review_notice": review_notice(req) if needs_approval(req)
                                   else ""})


def record_delivery(sender, message, **kwargs) -> None:
    """``outbox_message_sent`` receiver: the request's timeline says which e-mail went out, and when."""
    meta = message.meta or {}
    if not meta.get("request") or not meta.get("email"):
        return
    req = PrivacyRequest.objects.filter(pk=meta["request"]).first()
    if req is None:
        return
    name = meta["email"]
    if meta.get("record", True):
        add_event(req, RequestEvent.Kind.EMAIL, _("E-mail sent: %(name)s") % {"name": name.replace("_", " ")},
                  role="system", public=False)
    if name == "acknowledgement" and req.acknowledged_at is None:
        sent = message.sent_at or timezone.now()
        if PrivacyRequest.objects.filter(pk=req.pk, acknowledged_at__isnull=True).update(acknowledged_at=sent):
            add_event(req, RequestEvent.Kind.ACKNOWLEDGED, _("Acknowledgement sent with reference %(reference)s")
                      % {"reference": req.reference}, role="system")


def send_verification(req: PrivacyRequest, url: str, *, merged: bool = False) -> None:
    _send(req, "verification", {"verify_url": url, "merged": merged,
                                "max_age_hours": app_settings.GUEST_LINK_MAX_AGE // 3600})


def send_completion(req: PrivacyRequest, *, links: dict[str, str]) -> None:
    _send(req, "completed", {"links": links, "outcome": req.outcome})


def send_approval(req: PrivacyRequest, *, next_step: str) -> None:
    _send(req, "approved", {"next_step": next_step})


def send_rejection(req: PrivacyRequest) -> None:
    _send(req, "rejected", {"reason": req.outcome})


def send_extension(req: PrivacyRequest) -> None:
    _send(req, "extended", {"reason": req.extension_reason, "until": req.extended_until})


def send_staff_reply(req: PrivacyRequest, message: RequestMessage) -> None:
    _send(req, "reply", {"message": message})


def send_reminder(to: str, requests: list[PrivacyRequest]) -> None:
    """One e-mail to one staff address listing the requests due soon or overdue."""
    admin_urls = {
        r.pk: get_adapter().build_absolute_uri(None, reverse("admin:privacy_requests_privacyrequest_change",
                                                             args=[r.pk]))
        for r in requests
    }
    rows = [{"req": r, "url": admin_urls[r.pk]} for r in requests]
    get_adapter().send_mail(PREFIX + "staff_reminder", to, {"rows": rows, "count": len(rows)})
