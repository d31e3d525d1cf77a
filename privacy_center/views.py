"""privacy_center's pages: validate, call a service, render."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .registry import site
from .subjects import Subject


@login_required
def overview(request):
    subject = Subject.for_user(request.user)
    sources = [(source.describe(), source.count(subject)) for source in site]
    return render(request, "privacy_center/overview.html", {"sources": sources})
