"""Communication preferences, newsletter double opt-in, one-click unsubscribe, suppression and objection."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone

from privacy_center.consent.models import PreferenceChange, Subscription
from privacy_center.consent.services import preferences as service
from privacy_center.models import PrivacyEvent
from privacy_center.services.restriction import set_flags
from privacy_center.services.suppression import suppress
from privacy_center.subjects import Subject

pytestmark = pytest.mark.django_db


def _link(message, pattern):
    return re.search(pattern, message.body).group(0)


def test_guest_newsletter_double_opt_in(commit, client):
    with commit(execute=True):
        response = client.post("/privacy/newsletter/", {"email": "Guest@Example.com", "topics": ["deals"]})
    assert response.status_code == 200 and "Check your inbox" in response.content.decode()
    sub = Subscription.objects.get()
    assert (sub.email, sub.status, sub.topics) == ("guest@example.com", "pending", ["deals"])
    assert len(mail.outbox) == 1
    url = _link(mail.outbox[0], r"http://testserver/privacy/newsletter/confirm/[^/\s]+/")
    page = client.get(url)  # a GET only shows the button
    assert page.status_code == 200 and "Confirm subscription" in page.content.decode()
    assert Subscription.objects.get().status == "pending"
    with commit(execute=True):
        done = client.post(url)
    assert "You are subscribed" in done.content.decode()
    sub.refresh_from_db()
    assert (sub.status, sub.opt_in) == ("active", "confirmed")
    welcome = mail.outbox[1]
    assert welcome.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert re.match(r"<http://testserver/privacy/u/[^>]+/>, <mailto:privacy@filament-form\.example\?subject=",
                    welcome.extra_headers["List-Unsubscribe"])
    event = PrivacyEvent.objects.get(kind=PrivacyEvent.Kind.MARKETING_OPT_IN)
    assert event.subject_key == Subject.for_email("guest@example.com").key
    assert event.data["opt_in"] == "confirmed" and event.data["source"] == "newsletter_page"


def test_one_click_unsubscribe_post_without_csrf_or_login(commit, client):
    with commit(execute=True):
        client.post("/privacy/newsletter/", {"email": "guest@example.com"})
    with commit(execute=True):
        client.post(_link(mail.outbox[0], r"http://testserver/\S+"))
    header = mail.outbox[1].extra_headers["List-Unsubscribe"]
    url = re.search(r"<(http[^>]+)>", header).group(1)
    from django.test import Client

    provider = Client(enforce_csrf_checks=True)
    response = provider.post(url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    sub = Subscription.objects.get()
    assert sub.status == "unsubscribed"
    change = PreferenceChange.objects.filter(subscribed=False).get()
    assert change.source == "list_unsubscribe"
    assert PrivacyEvent.objects.filter(kind=PrivacyEvent.Kind.MARKETING_OPT_OUT).count() == 1
    # The GET shows a page, never changes anything.
    assert provider.get(url).status_code == 200


def test_unsubscribe_get_does_not_change_state_and_bad_token_is_404(commit, client):
    sub = Subscription.objects.create(email="a@example.com", channel="newsletter", status="active", opt_in="single")
    url = f"/privacy/u/{service.unsubscribe_token(sub)}/"
    assert "Unsubscribe" in client.get(url).content.decode()
    assert Subscription.objects.get().status == "active"
    assert client.get("/privacy/u/forged:token/").status_code == 404
    with commit(execute=True):
        assert client.post("/privacy/u/forged:token/").status_code == 404


def test_suppressed_address_cannot_be_subscribed_anywhere(commit, client, customer):
    suppress("guest@example.com", reason="erased")
    with commit(execute=True):
        response = client.post("/privacy/newsletter/", {"email": "guest@example.com"})
    assert "Check your inbox" in response.content.decode()  # same answer: no enumeration
    assert not Subscription.objects.exists() and not mail.outbox
    with pytest.raises(service.SubscriptionRefused):
        service.subscribe("guest@example.com", "marketing_email", method="api", source="test")
    suppress(customer.email, reason="erased")
    client.force_login(customer)
    with commit(execute=True):
        response = client.post("/privacy/preferences/", {"channels": ["marketing_email"]})
    assert response.status_code == 400 and not Subscription.objects.exists()


def test_objection_flag_blocks_subscription_and_marketing_mail(commit, client, customer):
    set_flags(Subject(user=customer), method="test", objected_to_marketing=True)
    client.force_login(customer)
    with commit(execute=True):
        assert client.post("/privacy/preferences/", {"channels": ["sms"]}).status_code == 400
    sub = Subscription.objects.create(email=customer.email, user=customer, channel="newsletter", status="active")
    assert service.send_marketing_email(sub, "privacy_center/consent/email/welcome", {}) is False
    # Nothing to the customer (the ad platforms were told of the objection: privacy_center.recipients).
    assert not [m for m in mail.outbox if customer.email in m.to]


def test_preferences_page_single_opt_in_channels_and_pending_newsletter(commit, client, customer):
    client.force_login(customer)
    with commit(execute=True):
        response = client.post("/privacy/preferences/", {"channels": ["marketing_email", "newsletter"],
                                                     "topics": ["printing_tips"]})
    assert response.status_code == 302
    subs = {s.channel: s for s in Subscription.objects.filter(user=customer)}
    assert (subs["marketing_email"].status, subs["marketing_email"].opt_in) == ("active", "single")
    assert subs["newsletter"].status == "pending" and len(mail.outbox) == 1
    assert subs["marketing_email"].topics == ["printing_tips"]
    page = client.get("/privacy/preferences/").content.decode()
    assert "check your inbox" in page
    with commit(execute=True):
        client.post("/privacy/preferences/", {"channels": []})
    assert set(Subscription.objects.values_list("status", flat=True)) == {"unsubscribed"}
    kinds = list(PrivacyEvent.objects.filter(subject_key=f"user:{customer.pk}").values_list("kind", flat=True))
    assert kinds.count(PrivacyEvent.Kind.MARKETING_OPT_IN) == 1
    assert kinds.count(PrivacyEvent.Kind.MARKETING_OPT_OUT) == 1


def test_confirmation_link_expires_and_expired_signups_are_purged(commit, client, settings):
    with commit(execute=True):
        client.post("/privacy/newsletter/", {"email": "late@example.com"})
    url = _link(mail.outbox[0], r"http://testserver/\S+")
    Subscription.objects.update(created_at=timezone.now() - dt.timedelta(hours=73))
    with commit(execute=True):
        assert client.post(url).status_code == 400
    assert Subscription.objects.get().status == "pending"
    assert service.purge_expired_signups() == 1
    assert not Subscription.objects.exists()


def test_confirm_link_is_bound_to_its_signup(commit, client):
    with commit(execute=True):
        client.post("/privacy/newsletter/", {"email": "a@example.com"})
    with commit(execute=True):
        client.post("/privacy/newsletter/", {"email": "b@example.com"})
    url_a = _link(mail.outbox[0], r"http://testserver/\S+")
    with commit(execute=True):
        client.post(url_a)
    statuses = dict(Subscription.objects.values_list("email", "status"))
    assert statuses == {"a@example.com": "active", "b@example.com": "pending"}


def test_send_marketing_email_helper_adds_rfc8058_headers(commit, customer):
    with commit(execute=True):
        sub = service.subscribe(customer.email, "marketing_email", user=customer, method="api", source="test")
    assert service.send_marketing_email(sub, "privacy_center/consent/email/welcome", {})
    headers = mail.outbox[0].extra_headers
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert headers["List-Unsubscribe"].startswith("<http://127.0.0.1:8000/privacy/u/")
