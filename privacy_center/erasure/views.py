"""Pages: delete my account (with cooling-off) and its cancel link."""

from __future__ import annotations

from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.dateparse import parse_datetime
from django.views.decorators.http import require_http_methods

from ..app_settings import app_settings
from ..reauth import reauthentication_required
from ..subjects import Subject
from .forms import DeleteAccountForm
from .services.core import cancel_erasure, erasure_for_token, open_erasure, schedule_erasure
from .services.planner import plan_erasure

SESSION_KEY = "privacy_center_erasure"


@login_required
@reauthentication_required(allow_get=True)
@require_http_methods(["GET", "POST"])
def delete_account(request):
    """GET shows the plan; POST (after a recent re-authentication) schedules the erasure and signs out."""
    subject = Subject.for_user(request.user)
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        erasure = schedule_erasure(subject, method="privacy_page", actor=request.user, request=request,
                                   notify_on_release=form.cleaned_data["notify_on_release"])
        logout(request)
        request.session[SESSION_KEY] = {"due_at": erasure.due_at.isoformat(),
                                        "immediate": erasure.due_at <= erasure.requested_at}
        return redirect("privacy_center:delete_scheduled")
    return render(request, "privacy_center/erasure/delete.html", {
        "plan": plan_erasure(subject),
        "form": form,
        "days": app_settings.ERASURE_COOLING_OFF_DAYS,
        "pending": open_erasure(subject),
    })


def delete_scheduled(request):
    """After the POST: the customer is signed out; the page says what happens next."""
    info = request.session.get(SESSION_KEY) or {}
    due_at = parse_datetime(info["due_at"]) if info.get("due_at") else None
    return render(request, "privacy_center/erasure/delete_scheduled.html",
                  {"due_at": due_at, "immediate": info.get("immediate", False)})


@require_http_methods(["GET", "POST"])
def cancel_deletion(request, token: str):
    """The e-mailed link: GET shows a button, POST cancels (no login: the account is deactivated)."""
    erasure = erasure_for_token(token)
    if erasure is None:
        return render(request, "privacy_center/erasure/delete_cancel.html", {"invalid": True}, status=404)
    if request.method == "POST":
        cancel_erasure(erasure, method="email_link")
        return render(request, "privacy_center/erasure/delete_cancel.html", {"cancelled": True})
    return render(request, "privacy_center/erasure/delete_cancel.html", {"erasure": erasure})
