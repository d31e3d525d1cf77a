"""Staff approval before a request goes ahead, for the types the shop names
(``PRIVACY_CENTER_REQUEST_TYPES = {"erasure": {"staff_approval": True}}``).

Such a request is filed and verified as usual, then waits: nothing is done (no export, no erasure, no flag)
until staff approve it in the admin, after which it runs as it would have at once. Staff who do not approve
reject it with a reason, which the requester is told (``status.reject``). Approving is
``automation.approve``, which runs the request; this module only says what waits and why, so the e-mails
and automation can ask it without importing each other. The requester is told of the review,
and of what happens after it (``next_step``), on the confirmation page, in the acknowledgement and on the
request page.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from ...app_settings import app_settings
from ..models import PrivacyRequest, RequestEvent, RequestType
from ..transitions import IllegalTransition

# What happens once staff approve, by type, in the requester's words.
NEXT_STEPS: dict[str, Any] = {
    RequestType.ACCESS: _lazy("we prepare a copy of your data and send you a link to download it"),
    RequestType.PORTABILITY: _lazy("we prepare your data in a machine-readable file and send you a link to it"),
    RequestType.RECTIFICATION: _lazy("we correct your data as you asked and tell those who received it"),
    RequestType.ERASURE: _lazy("we delete your data (except what the law makes us keep) and tell those who "
                               "received it"),
    RequestType.RESTRICTION: _lazy("we stop using your data (we only keep it) and tell those who received it"),
    RequestType.OBJECTION: _lazy("we stop using your data for marketing and profiling"),
    RequestType.WITHDRAW_CONSENT: _lazy("we stop the processing you had consented to"),
    RequestType.OPT_OUT_SALE: _lazy("we stop selling or sharing your personal information"),
    RequestType.KNOW_CATEGORIES: _lazy("we send you the categories of your data and who receives them"),
    RequestType.SHINE_THE_LIGHT: _lazy("we send you the names and addresses of those who received your data "
                                       "for their own direct marketing"),
    RequestType.REMOVE_POSTS: _lazy("we remove what you posted"),
}


def needs_approval(req: PrivacyRequest) -> bool:
    return app_settings.needs_staff_approval(req.type)


def is_approved(req: PrivacyRequest) -> bool:
    return req.pk is not None and req.events.filter(kind=RequestEvent.Kind.APPROVED).exists()


def awaiting_approval(req: PrivacyRequest) -> bool:
    """Open, of a type that needs staff approval, and not approved yet."""
    return req.is_open and needs_approval(req) and not is_approved(req)


def next_step(request_type: str) -> str:
    return str(NEXT_STEPS.get(request_type, _lazy("we do what you asked and tell you")))


def review_notice(req: PrivacyRequest) -> str:
    """The sentence the requester reads while the request waits for staff."""
    return review_notice_for(req.type)


def review_notice_for(request_type: str) -> str:
    """The same sentence for a type, or "" when the type needs no approval (the guest and agent pages, which say
    the same whether or not the address is known)."""
    if not app_settings.needs_staff_approval(request_type):
        return ""
    return _("Our staff review this request before anything is done. If they approve it, %(next)s. If they "
             "do not, we tell you why.") % {"next": next_step(request_type)}


def ensure_approved(req: PrivacyRequest, action: str) -> None:
    """Refuse ``action`` (run, complete ...) on a request still waiting for approval."""
    if awaiting_approval(req):
        raise IllegalTransition(action, req.status, _(
            "This request waits for staff approval: approve it first, or reject it with a reason the requester "
            "is told."))
