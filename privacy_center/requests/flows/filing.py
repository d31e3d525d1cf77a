"""Filing a request by a signed-in customer: re-authentication, rate limit, validation, verification, service.

``file_request`` is what ``requests/views.py`` and ``requests/api/views.py`` both call. It raises
``ReauthenticationNeeded`` (the type needs a recent password confirmation), ``TooManyRequests`` (the
customer's filing limit) or ``InvalidFiling`` (a proposed correction the registry does not allow, or more
supporting documents than the request may hold); otherwise it files the request through
``services.core.submit_request`` and attaches the documents in the same transaction.

``file_erasure_request`` is the page's erasure filing (the plan was confirmed): it schedules the erasure,
unless staff look first, and files the request in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction

from ...app_settings import app_settings
from ...reauth import reauthentication_message, recently_reauthenticated
from ...subjects import Subject
from ..models import VerificationMethod
from ..services import core, proofs, ratelimit
from ..services.automation import validate_changes

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile
    from django.http import HttpRequest

__all__ = ["ReauthenticationNeeded", "TooManyRequests", "InvalidFiling", "needs_reauthentication", "file_request",
           "file_erasure_request", "ErasureFiling"]


class ReauthenticationNeeded(Exception):
    """The request type needs a recent re-authentication, and there was none."""

    code = "reauthentication_required"

    def __init__(self) -> None:
        super().__init__(reauthentication_message())


class TooManyRequests(Exception):
    """The customer filed more requests than ``PRIVACY_CENTER_REQUEST_RATE_LIMITS["user"]`` allows."""


class InvalidFiling(Exception):
    """Input the form or serializer could not check alone: ``field`` is ``"proposed_changes"`` or
    ``"documents"``, ``error`` the ``ValidationError`` to show there. Nothing was filed."""

    def __init__(self, field: str, error: ValidationError) -> None:
        super().__init__(field, error)
        self.field = field
        self.error = error
        self.messages = error.messages


def needs_reauthentication(request_type: str | None) -> bool:
    """Filing this type needs a recent re-authentication (``PRIVACY_CENTER_REQUEST_REAUTH_TYPES``)."""
    return request_type in app_settings.REQUEST_REAUTH_TYPES


def _verification(request_type: str) -> str:
    """How the requester was verified: a fresh password confirmation, or the signed-in session."""
    return (VerificationMethod.REAUTHENTICATION if needs_reauthentication(request_type)
            else VerificationMethod.SESSION)


def _check_reauthentication(request: HttpRequest, request_type: str) -> None:
    # Pages are decorated with allauth's reauthentication_required (which replays the POST after the
    # password is confirmed), so there this never raises; the API answers it with a 403.
    if needs_reauthentication(request_type) and not recently_reauthenticated(request):
        raise ReauthenticationNeeded()


def _count_filing(request: HttpRequest) -> None:
    if not ratelimit.hit("user", str(request.user.pk)):
        raise TooManyRequests()


def file_request(request: HttpRequest, request_type: str, *, details: str = "",
                 proposed_changes: list[dict[str, Any]] | None = None,
                 documents: Sequence[UploadedFile] = ()) -> core.Filing:
    """File ``request_type`` for the signed-in user of ``request``; see the module docstring for refusals."""
    _check_reauthentication(request, request_type)
    _count_filing(request)
    changes: list[dict[str, Any]] = []
    if proposed_changes:
        try:
            changes = validate_changes(Subject.for_user(request.user), proposed_changes)
        except ValidationError as exc:
            raise InvalidFiling("proposed_changes", exc) from None
    try:
        with transaction.atomic():
            filing = core.submit_request(request_type, user=request.user, details=details,
                                         proposed_changes=changes, verification=_verification(request_type))
            if documents:
                proofs.attach_documents(filing.request, documents, actor=request.user, role="customer")
    except ValidationError as exc:  # more files than allowed on the open request this one joined
        raise InvalidFiling("documents", exc) from None
    return filing


@dataclass(frozen=True)
class ErasureFiling:
    filing: core.Filing
    scheduled: bool  # False: staff look first (a manual type, or one staff approve); nothing is scheduled yet


def file_erasure_request(request: HttpRequest, *, details: str = "",
                         notify_on_release: bool = False) -> ErasureFiling:
    """File an erasure request whose plan the customer confirmed, scheduling the erasure (the erasure app
    must be installed: the caller checks)."""
    # The erasure app is optional: imported only when a confirmed erasure is filed with it installed.
    from ...erasure.services.core import schedule_erasure

    _check_reauthentication(request, "erasure")
    _count_filing(request)
    subject = Subject.for_user(request.user)
    # Staff look first (a manual type, or one staff approve): nothing is scheduled yet.
    manual = "erasure" in app_settings.REQUEST_MANUAL_TYPES or app_settings.needs_staff_approval("erasure")
    with transaction.atomic():
        if not manual:
            schedule_erasure(subject, method="request", actor=request.user, request=request,
                             notify_on_release=notify_on_release)
        filing = core.submit_request("erasure", user=request.user, details=details,
                                     verification=_verification("erasure"))
    return ErasureFiling(filing=filing, scheduled=not manual)
