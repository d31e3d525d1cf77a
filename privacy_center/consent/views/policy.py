"""The public privacy notice and the acknowledgement of a material policy change."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ...app_settings import app_settings
from ...registry import site
from ...services.processing_record import public_recipients
from ..models import Method, PrivacyPolicy
from ..services.policy import acknowledge, all_policies, current_policy, material_policy_to_review
from ._util import safe_next


@require_GET
def notice(request):
    moment = timezone.now()
    sources = sorted((s.describe() for s in site), key=lambda info: (info.category_label, info.label))
    return render(request, "privacy_center/consent/notice.html", {
        "policy": current_policy(),
        "history": [p for p in all_policies() if p.effective_at <= moment],
        "upcoming": [p for p in all_policies() if p.effective_at > moment],
        "controller": app_settings.CONTROLLER,
        "sources": sources,
        # The same data as the record of processing (Art. 13(1)(e)-(f): recipients and transfers).
        "recipients": public_recipients(),
        "to_review": material_policy_to_review(request.user),
    })


@login_required
@require_POST
def policy_acknowledge(request):
    policy = PrivacyPolicy.objects.in_effect().filter(version=request.POST.get("policy", "")).first()
    if policy is None:
        raise Http404
    acknowledge(request.user, policy, method=Method.SETTINGS)
    messages.success(request, _("Thank you: we recorded that you reviewed the privacy policy."))
    return HttpResponseRedirect(safe_next(request, request.POST.get("next"), reverse("privacy_center:notice")))
