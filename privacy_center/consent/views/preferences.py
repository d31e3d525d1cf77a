"""Communication preferences, the newsletter sign-up with double opt-in, and one-click unsubscribe."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from ...decorators import rate_limited_response
from ...limits import RateLimited, check_send
from ..forms import NewsletterForm, PreferencesForm
from ..models import Method, Subscription
from ..services import preferences as service


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    subs = service.subscriptions_for_user(request.user)
    refused = False
    if request.method == "POST":
        form = PreferencesForm(request.POST)
        if form.is_valid():
            try:
                service.update_preferences(request.user, form.cleaned_data["channels"], form.cleaned_data["topics"],
                                           method=Method.SETTINGS, source="preferences_page", request=request)
            except service.SubscriptionRefused:
                refused = True
            else:
                messages.success(request, _("Your communication preferences were saved."))
                return HttpResponseRedirect(reverse("privacy_center:preferences"))
    else:
        live = [s for s in subs if s.status != Subscription.Status.UNSUBSCRIBED]
        topics = sorted({t for s in live for t in s.topics})
        form = PreferencesForm(initial={"channels": [s.channel for s in live], "topics": topics})
    return render(request, "privacy_center/consent/preferences.html", {
        "form": form, "refused": refused,
        "subscriptions": [(s, service.channel_labels().get(s.channel, s.channel)) for s in subs],
        "may_subscribe": service.may_subscribe(request.user.email, request.user),
        "blocks": service.marketing_blocks(request.user.email, request.user),
    }, status=400 if refused or form.errors else 200)


@require_http_methods(["GET", "POST"])
def newsletter(request):
    """Sign-up for anyone. The answer is the same whether or not the address may subscribe (no enumeration)."""
    if request.method == "POST":
        form = NewsletterForm(request.POST)
        if form.is_valid():
            user = request.user if request.user.is_authenticated else None
            try:
                check_send("newsletter", request=request, email=form.cleaned_data["email"], user=user)
            except RateLimited as exc:
                return rate_limited_response(request, exc, back_url=request.path)
            try:
                service.subscribe(form.cleaned_data["email"], "newsletter", topics=form.cleaned_data["topics"],
                                  user=user, method=Method.FORM,
                                  source=form.cleaned_data["source"] or "newsletter_page", request=request)
            except service.SubscriptionRefused:
                pass  # same page as success: the suppression list is never revealed
            return render(request, "privacy_center/consent/newsletter_sent.html",
                          {"hours": service.app_settings.SIGNUP_CONFIRM_HOURS})
    else:
        form = NewsletterForm(initial={"source": "newsletter_page"})
    return render(request, "privacy_center/consent/newsletter.html", {"form": form},
                  status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def newsletter_confirm(request, token: str):
    """The e-mailed link opens this page; only its button (a POST) confirms."""
    sub = service.subscription_from_confirm_token(token)
    if sub is None:
        return render(request, "privacy_center/consent/newsletter_confirm.html", {"invalid": True}, status=400)
    done = sub.status == Subscription.Status.ACTIVE
    if request.method == "POST" and not done:
        try:
            sub = service.confirm(sub, request=request)
        except service.SubscriptionRefused:
            return render(request, "privacy_center/consent/newsletter_confirm.html", {"invalid": True}, status=400)
        done = True
    return render(request, "privacy_center/consent/newsletter_confirm.html", {
        "subscription": sub, "done": done, "channel": service.channel_labels().get(sub.channel, sub.channel),
    })


@csrf_exempt  # RFC 8058: mail providers POST "List-Unsubscribe=One-Click"; the signed token is the credential.
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    """GET shows a button; POST (the button, or a mail provider's one-click) unsubscribes. Works logged out."""
    sub = service.subscription_from_unsubscribe_token(token)
    if sub is None:
        return render(request, "privacy_center/consent/unsubscribe.html", {"invalid": True}, status=404)
    done = False
    if request.method == "POST":
        one_click = request.POST.get("List-Unsubscribe") == "One-Click"
        sub = service.unsubscribe(sub, method=Method.EMAIL,
                                  source="list_unsubscribe" if one_click else "unsubscribe_page")
        done = True
    return render(request, "privacy_center/consent/unsubscribe.html", {
        "subscription": sub, "done": done or sub.status == Subscription.Status.UNSUBSCRIBED,
        "channel": service.channel_labels().get(sub.channel, sub.channel), "token": token,
    })
