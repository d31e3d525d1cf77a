"""Customer, guest and agent pages for privacy requests: validate, call a flow or a service, render.

A customer sees only their own requests; a guest only the requests of the address they
proved in this browser (the guest session); anything else is a 404. Every state change
is a POST; e-mailed links open a page whose button POSTs.
"""

from __future__ import annotations

from allauth.core.exceptions import ReauthenticationRequired
from django.apps import apps
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from .. import regimes
from ..adapter import get_adapter
from ..app_settings import app_settings
from ..decorators import rate_limited_response
from ..limits import RateLimited, check_send
from ..reauth import reauthentication_required
from ..services import accuracy
from ..subjects import Subject
from . import forms
from .flows import filing as filing_flow
from .models import PrivacyRequest, RequestType, Status
from .services import approval, core, guest, proofs
from .services.agents import agent_submit
from .services.messages import post_message
from .transitions import IllegalTransition

T = "privacy_center/requests/"


def _ip(request) -> str | None:
    return get_adapter().get_client_ip(request)


def _viewer_requests(request):
    """The requests this visitor may see, or ``None`` (not logged in, no guest session)."""
    if request.user.is_authenticated:
        return PrivacyRequest.objects.for_user(request.user)
    email = guest.guest_email(request)
    if email:
        return PrivacyRequest.objects.for_guest(email)
    return None


def _get_own(request, uuid) -> PrivacyRequest:
    qs = _viewer_requests(request)
    if qs is None:
        raise _LoginNeeded
    return get_object_or_404(qs.select_related("user"), uuid=uuid)


class _LoginNeeded(Exception):
    pass


def _owner_view(view):
    """Anonymous visitors without a guest session go to the login page; others see only their own."""
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except _LoginNeeded:
            return redirect_to_login(request.get_full_path())

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


@_owner_view
def request_list(request):
    qs = _viewer_requests(request)
    if qs is None:
        raise _LoginNeeded
    rows = list(qs.order_by("-received_at", "-id")[:100])
    return render(request, T + "list.html", {"rows": rows, "guest_email": guest.guest_email(request)
                                             if not request.user.is_authenticated else None})


def _needs_reauth(request) -> bool:
    return request.method == "POST" and filing_flow.needs_reauthentication(request.POST.get("type"))


@require_http_methods(["GET", "POST"])
@login_required
@reauthentication_required(enabled=_needs_reauth)
def request_new(request):
    subject = Subject.for_user(request.user)
    form = forms.RequestForm(request.POST or None, request.FILES or None, subject=subject,
                             initial={"type": request.GET.get("type")})
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["type"] == "erasure" and apps.is_installed("privacy_center.erasure"):
            return _erasure_request(request, subject, form)
        try:
            filing = filing_flow.file_request(request, form.cleaned_data["type"], details=form.cleaned_data["details"],
                                              proposed_changes=form.proposed_changes(),
                                              documents=form.cleaned_data.get("documents") or [])
        except filing_flow.ReauthenticationNeeded:
            raise ReauthenticationRequired() from None  # allauth's middleware: confirm, then replay this POST
        except filing_flow.TooManyRequests:
            return render(request, T + "new.html", {"form": form, "limited": True}, status=429)
        except filing_flow.InvalidFiling as exc:
            form.add_error("correction" if exc.field == "proposed_changes" else exc.field, exc.error)
            return render(request, T + "new.html", {"form": form}, status=400)
        req = filing.request
        if not filing.created:
            messages.info(request, _("You already had the same request open (%(reference)s): we added this to it.")
                          % {"reference": req.reference})
        else:
            _say_received(request, req)
        if filing.extra_copy:
            messages.info(request, app_settings.EXTRA_COPY_NOTE)
        return redirect("privacy_center:request_detail", uuid=req.uuid)
    return render(request, T + "new.html", {"form": form})


def _say_received(request, req: PrivacyRequest) -> None:
    messages.success(request, _("Request %(reference)s received. We answer by %(due)s.")
                     % {"reference": req.reference, "due": date_format(req.due_at, "DATE_FORMAT")})


def _erasure_request(request, subject, form):
    """An erasure filed here goes through the same plan and confirmation as "Delete my account" (the plan,
    the checkbox, the typed e-mail, the cooling-off), on this same URL: the first POST shows the plan, the
    confirmed one files the request, which schedules the erasure and then follows its fate."""
    # The erasure app is optional (the caller checked it is installed): imported only on this path.
    from ..erasure.forms import DeleteAccountForm

    # the erasure feature app may be left out of INSTALLED_APPS
    from ..erasure.services.core import open_erasure

    # the erasure feature app may be left out of INSTALLED_APPS
    from ..erasure.services.planner import plan_erasure

    # the erasure feature app may be left out of INSTALLED_APPS
    from ..erasure.views import SESSION_KEY

    confirm = DeleteAccountForm(request.POST if "confirm_erasure" in request.POST else None, user=request.user)
    details = form.cleaned_data["details"]
    if confirm.is_bound and confirm.is_valid():
        try:
            filed = filing_flow.file_erasure_request(request, details=details,
                                                     notify_on_release=confirm.cleaned_data["notify_on_release"])
        except filing_flow.ReauthenticationNeeded:
            raise ReauthenticationRequired() from None
        except filing_flow.TooManyRequests:
            return render(request, T + "new.html", {"form": form, "limited": True}, status=429)
        if not filed.scheduled:  # staff look first (a manual type, or one staff approve): nothing is scheduled
            _say_received(request, filed.filing.request)
            return redirect("privacy_center:request_detail", uuid=filed.filing.request.uuid)
        erasure = open_erasure(subject)
        logout(request)
        if erasure is not None:
            request.session[SESSION_KEY] = {"due_at": erasure.due_at.isoformat(),
                                            "immediate": erasure.due_at <= erasure.requested_at}
        return redirect("privacy_center:delete_scheduled")
    return render(request, "privacy_center/erasure/delete.html", {
        "plan": plan_erasure(subject), "form": confirm, "days": app_settings.ERASURE_COOLING_OFF_DAYS,
        "pending": open_erasure(subject), "as_request": {"type": "erasure", "details": details},
    }, status=400 if confirm.is_bound else 200)


@_owner_view
def request_detail(request, uuid):
    req = _get_own(request, uuid)
    return render(request, T + "detail.html", _detail_context(req))


def contest_context(req: PrivacyRequest) -> dict:
    """What a rectification request restricts while it is open."""
    if req.type != RequestType.RECTIFICATION:
        return {}
    restricted, lifted = accuracy.for_request(req.reference)
    return {"contested": restricted, "contest_closed": lifted}


def _detail_context(req: PrivacyRequest, **extra) -> dict:
    attached = proofs.documents(req)
    room = app_settings.REQUEST_DOCUMENTS_MAX - len(attached)
    return {
        "documents": attached,
        "documents_form": extra.pop("documents_form", forms.DocumentsForm()) if req.is_open and room > 0 else None,
        "req": req,
        "events": req.events.filter(public=True).order_by("created_at", "id"),
        "messages_list": req.messages.order_by("created_at", "id"),
        "message_form": extra.pop("message_form", forms.MessageForm()),
        "proof_form": extra.pop("proof_form", forms.OrderProofForm()),
        "needs_order_proof": req.needs_order_proof and req.status in (Status.VERIFIED, Status.IN_PROGRESS),
        "can_cancel": req.is_open,
        "laws": regimes.laws(req.regimes or [req.regime]),
        "notifications": core.request_notifications(req),
        "review_notice": approval.review_notice(req) if approval.awaiting_approval(req) else "",
        **contest_context(req),
        **extra,
    }


@require_POST
@_owner_view
def request_message(request, uuid):
    req = _get_own(request, uuid)
    form = forms.MessageForm(request.POST)
    if not form.is_valid():
        return render(request, T + "detail.html", _detail_context(req, message_form=form), status=400)
    try:
        check_send("request_message", request=request, user=request.user, email=req.email)
    except RateLimited as exc:
        return rate_limited_response(request, exc, back_url=request.path.rsplit("message/", 1)[0])
    post_message(req, form.cleaned_data["body"], author=request.user if request.user.is_authenticated else None)
    messages.success(request, _("Your message was sent."))
    return redirect("privacy_center:request_detail", uuid=req.uuid)


@require_POST
@_owner_view
def request_documents(request, uuid):
    """The customer (or a verified guest) adds supporting documents to their open request."""
    req = _get_own(request, uuid)
    form = forms.DocumentsForm(request.POST, request.FILES, already=len(proofs.documents(req)))
    if not req.is_open or app_settings.REQUEST_DOCUMENTS_MAX <= 0:
        raise Http404
    if not form.is_valid():
        return render(request, T + "detail.html", _detail_context(req, documents_form=form), status=400)
    user = request.user if request.user.is_authenticated else None
    with transaction.atomic():
        added = proofs.attach_documents(req, form.cleaned_data["documents"], actor=user,
                                        role="customer" if user else "guest")
    messages.success(request, ngettext("%(count)d document added to your request.",
                                       "%(count)d documents added to your request.", len(added))
                     % {"count": len(added)})
    return redirect("privacy_center:request_detail", uuid=req.uuid)


@require_http_methods(["GET", "POST"])
@_owner_view
def request_cancel(request, uuid):
    req = _get_own(request, uuid)
    if request.method == "POST":
        try:
            with transaction.atomic():
                core.cancel(req, actor=request.user if request.user.is_authenticated else None,
                            role="customer" if request.user.is_authenticated else "guest")
        except IllegalTransition as exc:
            messages.error(request, str(exc))
            return redirect("privacy_center:request_detail", uuid=req.uuid)
        messages.success(request, _("Request %(reference)s cancelled.") % {"reference": req.reference})
        return redirect("privacy_center:request_detail", uuid=req.uuid)
    return render(request, T + "cancel.html", {"req": req})


@require_POST
@_owner_view
def request_order_proof(request, uuid):
    req = _get_own(request, uuid)
    form = forms.OrderProofForm(request.POST)
    if not form.is_valid() or not req.needs_order_proof:
        return render(request, T + "detail.html", _detail_context(req, proof_form=form), status=400)
    try:
        data = form.cleaned_data
        ok = guest.give_order_proof(req, data["order_number"], data["postcode"], ip=_ip(request))
    except guest.RateLimited as exc:
        return render(request, T + "detail.html", _detail_context(req, proof_form=form, proof_error=str(exc)),
                      status=429)
    if not ok:
        return render(request, T + "detail.html", _detail_context(
            req, proof_form=form, proof_error=_("The order number and postcode do not match an order of yours.")),
            status=400)
    messages.success(request, _("Thank you: we are preparing your copy."))
    return redirect("privacy_center:request_detail", uuid=req.uuid)


# -- the guest portal -------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def request_guest(request):
    """Same page, status and work whether or not the address is known."""
    form = forms.GuestRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            guest.guest_submit(form.cleaned_data["email"], form.cleaned_data["type"], ip=_ip(request),
                               details=form.cleaned_data["details"], http_request=request)
        except guest.RateLimited:
            return render(request, T + "guest.html", {"form": form, "limited": True}, status=429)
        return render(request, T + "guest_sent.html",
                      {"review_notice": approval.review_notice_for(form.cleaned_data["type"])})
    return render(request, T + "guest.html", {"form": form, "guest_email": guest.guest_email(request)})


@require_http_methods(["GET", "POST"])
def request_guest_verify(request, token):
    """GET shows a button; only its POST verifies (mail scanners follow links, they do not press buttons)."""
    if request.method == "GET":
        try:
            req = guest.read_link_token(token)
        except guest.InvalidLink as exc:
            return render(request, T + "guest_verify.html", {"error": str(exc)}, status=400)
        return render(request, T + "guest_verify.html", {"req": req})
    try:
        req = guest.confirm_guest_link(token)
    except guest.InvalidLink as exc:
        return render(request, T + "guest_verify.html", {"error": str(exc)}, status=400)
    guest.start_guest_session(request, req.email)
    messages.success(request, _("Thank you: your request %(reference)s is confirmed.") % {"reference": req.reference})
    return redirect("privacy_center:request_detail", uuid=req.uuid)


@require_http_methods(["GET", "POST"])
def request_agent(request):
    form = forms.AgentRequestForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            filing = agent_submit(
                agent_name=data["agent_name"], agent_email=data["agent_email"], relationship=data["relationship"],
                subject_name=data["subject_name"], subject_email=data["subject_email"], request_type=data["type"],
                details=data["details"], proof=data["proof"], ip=_ip(request),
            )
        except guest.RateLimited:
            return render(request, T + "agent.html", {"form": form, "limited": True}, status=429)
        return render(request, T + "agent_sent.html", {"reference": filing.request.reference,
                                                       "review_notice": approval.review_notice_for(data["type"])})
    return render(request, T + "agent.html", {"form": form})
