"""The customer's privacy timeline, with the result of checking its hash chain."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ...app_settings import app_settings
from ...models import PrivacyEvent
from ...services.timeline import verify_chain
from ...subjects import Subject


@login_required
@require_GET
def timeline(request):
    subject = Subject.for_user(request.user)
    events = PrivacyEvent.objects.filter(subject_key__in=subject.keys).order_by("-created_at", "-id")
    page = Paginator(events, app_settings.PAGE_SIZE).get_page(request.GET.get("page"))
    problems = verify_chain(subject.keys)
    return render(request, "privacy_center/consent/timeline.html", {
        "page": page, "verified": not problems, "problems": len(problems),
    })
