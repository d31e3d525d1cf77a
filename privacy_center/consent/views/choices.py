""""Your privacy choices" (also "Do not sell or share my personal information"): one button, no account.

The page works for anyone. Its POST opts the visitor out of the sale and sharing of their personal
information and of targeted advertising at once (``browser_signals.opt_out``), honoured from then on
exactly like Global Privacy Control; a logged-in customer's account records it too.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ...services.restriction import get_flags
from ...subjects import Subject
from ..services import browser_signals


def _account_opted_out(request) -> bool:
    user = request.user
    return user.is_authenticated and get_flags(Subject(user=user))["opted_out_of_sale"]


@require_http_methods(["GET", "POST"])
def privacy_choices(request, *, title: str = "choices"):
    here = reverse("privacy_center:do_not_sell" if title == "do_not_sell" else "privacy_center:choices")
    if request.method == "POST":
        response = HttpResponseRedirect(here)
        browser_signals.opt_out(request, response)
        messages.success(request, _("Done: we will not sell or share your personal information, and we stopped "
                                    "targeted advertising for you."))
        return response
    return render(request, "privacy_center/consent/choices.html", {
        "do_not_sell_title": title == "do_not_sell",
        "gpc": getattr(request, "privacy_gpc", False),
        "opted_out": browser_signals.opted_out(request) or _account_opted_out(request),
        "account_opted_out": _account_opted_out(request),
        "action": here,
        "request_guest_url": _guest_request_url(),
    })


def _guest_request_url() -> str | None:
    try:  # the requests feature may be left out
        return reverse("privacy_center:request_guest")
    except NoReverseMatch:
        return None
