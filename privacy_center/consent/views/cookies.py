"""The cookie page (also the banner's form target) and ``/.well-known/gpc.json``."""

from __future__ import annotations

from cookie_consent.conf import settings as cc_settings
from cookie_consent.models import CookieGroup
from cookie_consent.util import parse_cookie_str
from django.contrib import messages
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ...app_settings import app_settings
from ..forms import CookieChoicesForm
from ..models import Method
from ..services.cookies import (
    apply_choices,
    choices_from_cookie,
    consent_mode_state,
    current_choices,
    history,
    signal_locked_groups,
)
from ._util import safe_next


@require_http_methods(["GET", "POST"])
def cookie_settings(request):
    """Anyone (logged in or not) chooses cookie groups here; the banner posts here too."""
    wants_json = request.headers.get("X-Requested-With") == "XMLHttpRequest"
    if request.method == "POST":
        form = CookieChoicesForm(request.POST)
        if form.is_valid():
            default = reverse("privacy_center:cookies")
            response = JsonResponse({}) if wants_json else HttpResponseRedirect(
                safe_next(request, form.cleaned_data["next"], default))
            method = Method.BANNER if form.cleaned_data["source"] == "banner" else Method.SETTINGS
            apply_choices(request, response, form.choices(), method=method)
            new = choices_from_cookie(parse_cookie_str(response.cookies[cc_settings.COOKIE_CONSENT_NAME].value))
            if wants_json:
                response.content = JsonResponse({"choices": new, "consent_mode": consent_mode_state(new)}).content
            else:
                messages.success(request, _("Your cookie choices were saved."))
            return response
        if wants_json:
            return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
        status = 400
    else:
        state = current_choices(request)
        initial = {f"group_{g}": ("yes" if v else "no") for g, v in state.items() if v is not None}
        form = CookieChoicesForm(initial={**initial, "next": request.GET.get("next", "")})
        status = 200
    user = request.user
    context = {
        "form": form,
        "groups": CookieGroup.objects.prefetch_related("cookie_set").order_by("ordering", "id"),
        "locked": signal_locked_groups(request),
        "history": history(f"user:{user.pk}", limit=10) if user.is_authenticated else [],
        "next": safe_next(request, request.GET.get("next") or request.POST.get("next"), ""),
    }
    return render(request, "privacy_center/consent/cookies.html", context, status=status)


@require_GET
def gpc_json(request):
    """``/.well-known/gpc.json``: tells agents this site honours Global Privacy Control."""
    response = JsonResponse({"gpc": app_settings.HONOR_GPC, "lastUpdate": app_settings.GPC_LAST_UPDATE})
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=86400"
    return response
