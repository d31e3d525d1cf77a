"""What happens once a request is verified, by type.

- access / portability: an export is built (``privacy_center.services.export``); when it is
  ready (``subject_exported``) the request completes and the requester gets its link
  (guests: a single-use signed link). A guest's copy waits for proof of an order.
- erasure: the account deletion starts with its cooling-off, or a guest's data is erased
  (``privacy_center.erasure``); the request completes on ``subject_erased``.
- restriction, objection, opt-out of sale/sharing, withdrawal of consent: the subject's
  flags are set at once and the request completes with a confirmation.
- know categories and recipients: answered from the registry at once.
- Shine the Light (Cal. Civ. Code § 1798.83): answered at once from the declared direct-marketing recipients
  (``shine_the_light``); a second one in the same calendar year is declined, saying so.
- remove my posts (Cal. Bus. & Prof. Code § 22581): the subject's rows in user-content sources are deleted or
  anonymized as each source declares (``privacy_center.services.posts``).
- rectification: waits for staff to approve the proposed change (``approve_rectification``).
- other: staff complete it by hand.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from ...adapter import get_adapter
from ...app_settings import app_settings
from ...models import RecipientNotification
from ...registry import site
from ...services.correction import apply_correction, correction_form
from ...services.export import download_page_url, request_export
from ...services.notifications import receipt_rows
from ...services.posts import remove_posts
from ...services.restriction import set_flags
from ...sources import ModelSource
from ..models import PrivacyRequest, RequestEvent, RequestType, Status
from ..transitions import IllegalTransition, check
from . import shine_the_light
from .approval import awaiting_approval, ensure_approved, is_approved, needs_approval, next_step
from .emails import send_approval
from .events import add_event
from .status import complete, reject, transition, waiting_recipients

FLAGS_BY_TYPE: dict[str, dict[str, bool]] = {
    RequestType.RESTRICTION: {"processing_restricted": True},
    RequestType.OBJECTION: {"objected_to_marketing": True},
    RequestType.OPT_OUT_SALE: {"opted_out_of_sale": True},
    RequestType.WITHDRAW_CONSENT: {"objected_to_marketing": True},
}

CONFIRMATIONS = {
    RequestType.RESTRICTION: _lazy("We have restricted the processing of your data: it is kept but no longer used."),
    RequestType.OBJECTION: _lazy("We no longer use your data for marketing or profiling."),
    RequestType.OPT_OUT_SALE: _lazy("We do not sell or share your personal information."),
    RequestType.WITHDRAW_CONSENT: _lazy(
        "Your consent is withdrawn: we no longer send you marketing. Earlier processing stays lawful."
    ),
}


class AutomationError(Exception):
    pass


def run_automation(req: PrivacyRequest, *, actor=None, automatic: bool = False) -> PrivacyRequest:
    """Do what the request's type does; staff use it as "run now". Records what it did."""
    if req.status not in (Status.VERIFIED, Status.IN_PROGRESS):
        raise IllegalTransition("run", req.status)
    role = None if actor is not None else "system"
    if awaiting_approval(req):
        if not automatic:
            ensure_approved(req, "run")
        add_event(req, RequestEvent.Kind.AUTOMATION, _("Waiting for our staff to review and approve this request."),
                  role=role)
        return req
    if automatic and req.type in app_settings.REQUEST_MANUAL_TYPES:
        add_event(req, RequestEvent.Kind.AUTOMATION, _("Waiting for staff to run this request."), role=role)
        return req
    if req.type in FLAGS_BY_TYPE:
        set_flags(req.subject(), method="request", actor=actor, **FLAGS_BY_TYPE[req.type])
        add_event(req, RequestEvent.Kind.AUTOMATION, _("Flags applied: %(flags)s") % {
            "flags": ", ".join(f.replace("_", " ") for f in FLAGS_BY_TYPE[req.type])}, actor=actor, role=role)
        return complete_or_wait(req, actor=actor, role=role)

    if req.type == RequestType.KNOW_CATEGORIES:
        return complete(req, actor=actor, role=role, outcome=categories_summary(req))

    if req.type == RequestType.SHINE_THE_LIGHT:
        earlier = shine_the_light.answered_this_year(user=req.user if req.user_id else None, email=req.email,
                                                     when=req.received_at, exclude_pk=req.pk)
        if earlier is not None:
            return reject(req, reason=shine_the_light.once_a_year_message(earlier), actor=actor)
        return complete(req, actor=actor, role=role, outcome=shine_the_light.answer(req))

    if req.type == RequestType.REMOVE_POSTS:
        result = remove_posts(req.subject(), actor=actor, method="request")
        return complete(req, actor=actor, role=role, outcome=result.summary())

    if req.type in (RequestType.ACCESS, RequestType.PORTABILITY):
        if req.needs_order_proof:
            add_event(req, RequestEvent.Kind.AUTOMATION,
                      _("Waiting for proof of an order before a copy is released."), actor=actor, role=role)
            return req
        return _start_export(req, actor=actor, role=role)

    if req.type == RequestType.ERASURE and apps.is_installed("privacy_center.erasure"):
        return _start_erasure(req, actor=actor, role=role)
    if req.type == RequestType.ERASURE and automatic:
        add_event(req, RequestEvent.Kind.AUTOMATION,
                  _("Waiting for staff: this shop erases data by hand (the erasure feature is not installed)."),
                  role=role)
        return req

    # Rectification waits for approval; "other" is handled by staff.
    if automatic:
        return req
    if req.status == Status.VERIFIED:
        transition(req, "start", actor=actor, role=role)
    return req


# -- copies -------------------------------------------------------------------------------


def _start_export(req: PrivacyRequest, *, actor=None, role=None) -> PrivacyRequest:
    if req.status == Status.VERIFIED:
        transition(req, "start", actor=actor, role=role)
    export, _created = request_export(req.subject(), actor=actor, method="request")
    req.export_id = str(export.pk)
    req.save(update_fields=["export_id", "updated_at"])
    add_event(req, RequestEvent.Kind.AUTOMATION, _("Copy of the data is being prepared"), actor=actor, role=role,
              data={"export": req.export_id})
    if export.status == export.Status.READY:  # an earlier copy, still downloadable
        export_ready(export, req.subject())
    return req


def export_ready(export, subject) -> list[PrivacyRequest]:
    """Complete the copy requests waiting for ``export``.

    The export service e-mails the download link itself (for guests a single-use signed
    link, which a second link would invalidate); the completion e-mail gives logged-in
    customers the download page and tells guests to use that link.
    """
    done = []
    waiting = PrivacyRequest.objects.filter(status=Status.IN_PROGRESS, export_id=str(export.pk))
    for req in waiting.select_related("user"):
        links = {} if req.is_guest else {"export": export_link(export)}
        complete(req, role="system", outcome=_("Your copy is ready."), links=links)
        done.append(req)
    return done


def export_link(export) -> str:
    """The owner's download page (it asks for a recent re-authentication)."""
    return get_adapter().build_absolute_uri(None, download_page_url(export))


# -- erasure ------------------------------------------------------------------------------


def _start_erasure(req: PrivacyRequest, *, actor=None, role=None) -> PrivacyRequest:
    """Schedule the erasure (with the cooling-off; 0 days erases at once); ``subject_erased`` completes."""
    # the erasure feature app may be left out of INSTALLED_APPS
    from ...erasure.services.core import schedule_erasure

    if req.status == Status.VERIFIED:
        transition(req, "start", actor=actor, role=role)
    erasure = schedule_erasure(req.subject(), method="request", actor=actor)
    add_event(req, RequestEvent.Kind.AUTOMATION, _("Erasure scheduled for %(when)s") % {
        "when": erasure.due_at.date().isoformat()}, actor=actor, role=role, data={"erasure": erasure.pk})
    return req


def subject_erased(subject) -> list[PrivacyRequest]:
    """Complete the erasure requests of a subject whose erasure just ran (once every recipient is told)."""
    qs = PrivacyRequest.objects.filter(type=RequestType.ERASURE, status__in=(Status.IN_PROGRESS, Status.FAILED),
                                       subject_key__in=subject.keys)
    done = []
    for req in qs:
        if req.status == Status.FAILED:  # a later attempt (automatic or staff's) succeeded
            req.outcome = ""
            transition(req, "retry", role="system", summary=_("The erasure ran on a later attempt"))
        if complete_or_wait(req, role="system").status == Status.COMPLETED:
            done.append(req)
    return done


# Requests whose work reaches recipients (Art. 19): done only when each recipient is told or staff said why not.
TOLD_TYPES = frozenset({RequestType.ERASURE, RequestType.RECTIFICATION, *FLAGS_BY_TYPE})


def outcome_of(req: PrivacyRequest) -> str:
    """What the requester reads when it completes: what was done, and each recipient with its notification's state."""
    done = {RequestType.ERASURE.value: _("Your data was erased."),
            RequestType.RECTIFICATION.value: _("Your data was corrected.")}.get(req.type) \
        or str(CONFIRMATIONS[RequestType(req.type)])
    told = RecipientNotification.objects.filter(subject_key=req.subject_key, created_at__gte=req.received_at
                                                ).order_by("recipient_label")
    lines = [str(done)]
    rows = receipt_rows(told)
    if rows:
        lines.append(str(_("Those who received your data:")))
        lines += [f"- {r['name']}: {r['state_label']}" for r in rows]
    return "\n".join(lines)


def complete_or_wait(req: PrivacyRequest, *, actor=None, role=None) -> PrivacyRequest:
    """Complete the request, or (recipients still to be told) keep it in progress and say for whom it waits."""
    waiting = waiting_recipients(req)
    if not waiting:
        return complete(req, actor=actor, role=role, outcome=outcome_of(req))
    if req.status == Status.VERIFIED:
        transition(req, "start", actor=actor, role=role)
    names = ", ".join(sorted({n.recipient_label for n in waiting}))
    text = _("Done on our side. The request completes when these recipients are told: %(names)s.")
    add_event(req, RequestEvent.Kind.AUTOMATION, text % {"names": names}, actor=actor, role=role)
    return req


def recipients_settled(subject_key: str) -> list[PrivacyRequest]:
    """Every recipient was told (or staff recorded why not): a request that was waiting for them completes."""
    qs = PrivacyRequest.objects.filter(type__in=TOLD_TYPES, status=Status.IN_PROGRESS, subject_key=subject_key)
    done = []
    for req in qs:
        told = RecipientNotification.objects.filter(subject_key=subject_key, created_at__gte=req.received_at)
        if req.type == RequestType.ERASURE:
            told = told.filter(event="erasure")
        if told.exists() and not waiting_recipients(req):
            complete(req, role="system", outcome=outcome_of(req))
            done.append(req)
    return done


def _open_erasure_requests(subject, *also: str):
    return PrivacyRequest.objects.filter(type=RequestType.ERASURE,
                                         status__in=(Status.VERIFIED, Status.IN_PROGRESS, *also),
                                         subject_key__in=subject.keys)


def erasure_cancelled(subject) -> list[PrivacyRequest]:
    """The customer kept their account (the cancel link): the erasure requests it was started for are cancelled,
    not left "In progress" for staff to complete as if data had been erased."""
    done = []
    for req in _open_erasure_requests(subject):
        transition(req, "cancel", role="system", reason=str(_("You kept your account: nothing was erased.")),
                   summary=_("Cancelled: the account deletion was cancelled, nothing was erased"))
        done.append(req)
    return done


def erasure_failed(subject, error: str = "") -> list[PrivacyRequest]:
    """An erasure attempt failed (and was rolled back): its requests become "Failed", saying what happened
    (nothing was erased) to the customer; staff see the error and retry. A request already failed gets a line."""
    told = str(_("The erasure failed and nothing was erased: every change of that attempt was rolled back. "
                 "Our staff have been told and will try again."))
    done = []
    for req in _open_erasure_requests(subject, Status.FAILED):
        if req.status == Status.FAILED:
            add_event(req, RequestEvent.Kind.AUTOMATION, _("Another erasure attempt failed; nothing was erased."),
                      role="system", data={"error": error}, public=False)
            continue
        req.outcome = told
        transition(req, "fail", role="system", summary=told, data={"error": error})
        add_event(req, RequestEvent.Kind.AUTOMATION, _("Erasure error (for staff): %(error)s") % {"error": error},
                  role="system", data={"error": error}, public=False)
        done.append(req)
    return done


def retry_erasure(req: PrivacyRequest, *, actor=None) -> PrivacyRequest:
    """Staff retry a failed erasure request: the failed erasure runs again now (a new one if none is open)."""
    if req.type != RequestType.ERASURE or not apps.is_installed("privacy_center.erasure"):
        raise IllegalTransition("retry", req.status, _("Only a failed erasure can be retried here."))
    # the erasure feature app may be left out of INSTALLED_APPS
    from ...erasure.services.core import retry_failed_erasure

    req.outcome = ""
    transition(req, "retry", actor=actor)
    try:
        erasure = retry_failed_erasure(req.subject(), actor=actor)
    except ValueError:
        raise IllegalTransition("retry", Status.FAILED, _("This person has no failed erasure to retry.")) from None
    add_event(req, RequestEvent.Kind.AUTOMATION, _("Erasure tried again"), actor=actor,
              data={"erasure": erasure.pk})
    return req


def erasure_happened(req: PrivacyRequest) -> bool:
    """Whether an erasure of the request's subject completed since the request arrived (staff may then complete
    it); always ``True`` when the erasure feature is not installed (staff erase by hand)."""
    if not apps.is_installed("privacy_center.erasure"):
        return True
    # the erasure feature app may be left out of INSTALLED_APPS
    from ...erasure.models import SubjectErasure

    return SubjectErasure.objects.filter(subject_key=req.subject_key, status=SubjectErasure.Status.COMPLETED,
                                         completed_at__gte=req.received_at).exists()


# -- know categories -------------------------------------------------------------------------


def categories_summary(req: PrivacyRequest) -> str:
    """The categories of data held about the subject, why, and who receives them."""
    subject = req.subject()
    lines = []
    for source in site:
        count = source.count(subject)
        if not count:
            continue
        info = source.describe()
        recipients = ", ".join(info.recipients) or _("no one outside the shop")
        lines.append(_("%(label)s (%(category)s): %(purposes)s. Shared with: %(recipients)s.") % {
            "label": info.label, "category": info.category_label, "purposes": "; ".join(info.purposes) or "-",
            "recipients": recipients})
    return "\n".join(lines) if lines else str(_("We hold no personal data about you."))


# -- rectification ------------------------------------------------------------------------------


def validate_changes(subject, changes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Check proposed corrections against the registry's editable fields; return them cleaned."""
    cleaned = []
    for change in changes:
        name, field, pk = change.get("source"), change.get("field"), change.get("pk")
        if not site.is_registered(str(name)):
            raise ValidationError(_("Unknown data source."))
        source = site.get(str(name))
        if not isinstance(source, ModelSource) or field not in source.editable:
            raise ValidationError(_("This field cannot be corrected here: describe the correction instead."))
        cleaned.append({"source": name, "field": field, "pk": pk, "value": str(change.get("value", ""))})
    return cleaned


def approve_rectification(req: PrivacyRequest, *, actor) -> PrivacyRequest:
    """Apply the proposed corrections through the registry's correction service (which tells processors
    with ``personal_data_corrected``), then complete."""
    check("approve_rectification", req.status)
    if req.type != RequestType.RECTIFICATION:
        raise IllegalTransition("approve_rectification", req.status, _("Only corrections can be approved."))
    if not req.proposed_changes:
        raise IllegalTransition("approve_rectification", req.status,
                                _("No correction was proposed; reply to the requester or complete by hand."))
    subject = req.subject()
    with transaction.atomic():
        applied = []
        for change in validate_changes(subject, req.proposed_changes):
            source = site.get(change["source"])
            assert isinstance(source, ModelSource)  # validate_changes kept only corrections of model sources
            obj = source.get_object(subject, change["pk"])
            form = correction_form(source, obj, {change["field"]: change["value"]}, partial=True)
            if not form.is_valid():
                errors = "; ".join(str(e) for errs in form.errors.values() for e in errs)
                raise IllegalTransition("approve_rectification", req.status,
                                        _("The proposed value is not valid: %(errors)s") % {"errors": errors})
            applied.append(apply_correction(subject, source, form, actor=actor, method="request"))
        add_event(req, RequestEvent.Kind.RECTIFICATION_APPROVED, _("Correction approved and applied"), actor=actor,
                  data={"fields": [c["field"] for c in req.proposed_changes]})
        if req.status == Status.VERIFIED:
            transition(req, "start", actor=actor)
        complete_or_wait(req, actor=actor)
    return req


def approve(req: PrivacyRequest, *, actor) -> PrivacyRequest:
    """Staff approve the request: it is recorded (the requester sees it) and, once verified, it runs."""
    check("approve", req.status)
    if not needs_approval(req):
        raise IllegalTransition("approve", req.status, _("Requests of this type need no approval."))
    if is_approved(req):
        raise IllegalTransition("approve", req.status, _("This request is already approved."))
    add_event(req, RequestEvent.Kind.APPROVED, _("Approved by our staff: next, %(next)s.")
              % {"next": next_step(req.type)}, actor=actor)
    send_approval(req, next_step=next_step(req.type))
    if req.status in (Status.VERIFIED, Status.IN_PROGRESS):
        run_automation(req, actor=actor, automatic=True)
    return req
