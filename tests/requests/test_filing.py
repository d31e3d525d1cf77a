"""Filing: references, acknowledgement, merging duplicates, the free copy, clocks with pauses and extensions."""

from __future__ import annotations

import datetime as dt
import re
from unittest import mock

import holidays
import pytest
from django.utils import timezone

from privacy_center.requests.models import PrivacyRequest, RequestEvent, Status
from privacy_center.requests.services import core
from privacy_center.requests.transitions import IllegalTransition

pytestmark = pytest.mark.django_db


def test_reference_uuid_and_acknowledgement(customer, make_request, mailoutbox):
    req = make_request("other", user=customer)
    year = timezone.localdate().year
    assert re.fullmatch(rf"PR-{year}-\d{{6}}", req.reference)
    assert req.reference.endswith(f"{req.pk:06d}")
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert req.reference in mail.subject and req.reference in mail.body
    assert mail.to == [customer.email]
    assert mail.alternatives and req.reference in mail.alternatives[0][0]
    req.refresh_from_db()
    assert req.acknowledged_at is not None
    assert req.subject_key == f"user:{customer.pk}"


def test_duplicate_open_request_is_merged_and_told(customer, make_request, client):
    first = make_request("objection", user=customer, verification="")
    filing = core.submit_request("objection", user=customer, details="Again, please")
    assert filing.created is False
    assert filing.request.pk == first.pk
    assert PrivacyRequest.objects.filter(user=customer, type="objection").count() == 1
    assert first.events.filter(kind=RequestEvent.Kind.MERGED).exists()
    assert first.messages.filter(body="Again, please").exists()
    # After it closes, the same type opens a new request.
    core.transition(first, "cancel")
    assert core.submit_request("objection", user=customer).created is True


def test_merge_on_the_page_tells_the_customer(customer, client):
    client.force_login(customer)
    client.post("/privacy/requests/new/", {"type": "other", "details": "one"})
    response = client.post("/privacy/requests/new/", {"type": "other", "details": "two"}, follow=True)
    assert PrivacyRequest.objects.filter(user=customer, type="other").count() == 1
    assert "already had the same request open" in response.content.decode()


def test_free_copy_once_a_year_then_told_not_refused(customer, make_request, mailoutbox, settings):
    settings.PRIVACY_CENTER_EXTRA_COPY_NOTE = "Extra copies may cost a fee; we tell you first."
    first = make_request("know_categories", user=customer)  # not a copy: does not count
    assert first.free_copy is False
    copy1 = core.submit_request("access", user=customer, verification="reauthentication",
                                send_acknowledgement=True)
    assert copy1.extra_copy is False and copy1.request.free_copy is True
    core.transition(copy1.request, "reject", reason="test")
    copy2 = core.submit_request("portability", user=customer, verification="")
    assert copy2.created and copy2.extra_copy is True
    assert copy2.request.free_copy is False
    assert copy2.request.events.filter(summary__contains="Extra copies may cost").exists()
    assert "Extra copies may cost a fee" in mailoutbox[-1].body


def test_cancelled_copy_does_not_use_the_free_one(customer):
    filing = core.submit_request("access", user=customer, verification="")
    core.cancel(filing.request, actor=customer)
    assert core.submit_request("access", user=customer, verification="").extra_copy is False


def test_due_date_shown_from_regime_and_promise(customer, make_request, settings):
    settings.PRIVACY_CENTER_REQUEST_PROMISES = {"erasure": {"days": 30, "text": "Within 30 days at most."}}
    req = make_request("other", user=customer)
    received = timezone.localdate(req.received_at)
    assert req.regime == "gdpr"
    assert req.due_at >= received + dt.timedelta(days=28)
    erasure = core.submit_request("erasure", email="guest@example.com").request
    assert erasure.promise == "Within 30 days at most."
    assert erasure.due_at == received + dt.timedelta(days=30)


def test_country_regimes_earliest_wins(make_user):
    korean = make_user(email="kim@example.com", country="KR")
    req = core.submit_request("other", user=korean, verification="session").request
    assert req.regimes == ["gdpr", "pipa"]
    assert req.regime == "pipa"
    # Ten days, moved off a Saturday, Sunday or Korean public holiday (Civil Act Art. 161).
    korean_holidays = holidays.country_holidays("KR", years=range(2026, 2036))
    due = timezone.localdate(req.received_at) + dt.timedelta(days=10)
    while due.weekday() >= 5 or due in korean_holidays:
        due += dt.timedelta(days=1)
    assert req.due_at == due


def test_uk_period_starts_when_the_identity_information_arrives(settings):
    """UK GDPR Art. 12A / DPA 2018 s. 54(3): one month from the arrival of the identity information asked for,
    not receipt + the days waited (which gave a different date whenever months differ in length)."""
    settings.PRIVACY_CENTER_DEFAULT_REGIMES = ["uk_gdpr"]
    req = core.submit_request("other", email="uk@example.com").request
    assert req.status == Status.AWAITING_VERIFICATION
    # Received on 20 January 2026; the identity information arrives on 2 February (13 days later).
    received = dt.datetime(2026, 1, 20, 10, tzinfo=dt.UTC)
    PrivacyRequest.objects.filter(pk=req.pk).update(received_at=received, paused_since=received)
    req.refresh_from_db()
    arrival = dt.datetime(2026, 2, 2, 9, tzinfo=dt.UTC)
    with mock.patch("django.utils.timezone.now", return_value=arrival):
        core.transition(req, "verify")
    req.refresh_from_db()
    assert req.identity_received_at == arrival
    assert req.paused_days == 13 and req.paused_since is None
    # 2 February + one month = Monday 2 March 2026 (receipt + 13 days would be 2 + 13 = 5 March).
    assert req.due_at == dt.date(2026, 3, 2)
    assert req.legal_due_at == dt.date(2026, 3, 2)


def test_gdpr_clock_does_not_pause(settings):
    req = core.submit_request("other", email="eu@example.com").request
    first_due = req.due_at
    PrivacyRequest.objects.filter(pk=req.pk).update(paused_since=timezone.now() - dt.timedelta(days=10))
    req.refresh_from_db()
    core.transition(req, "verify")
    req.refresh_from_db()
    assert req.due_at == first_due


def test_extension_rules(customer, make_request, mailoutbox, officer):
    req = make_request("other", user=customer)
    with pytest.raises(IllegalTransition, match="reason"):
        core.extend(req, reason=" ", actor=officer)
    with pytest.raises(IllegalTransition, match="legal maximum"):
        core.extend(req, reason="Complex", until=req.due_at + dt.timedelta(days=120), actor=officer)
    core.extend(req, reason="Many sources to check", actor=officer)
    req.refresh_from_db()
    assert req.extended_until == req.due_at
    assert req.due_at > req.original_due_at
    assert "Many sources to check" in mailoutbox[-1].body
    assert req.events.filter(kind=RequestEvent.Kind.EXTENDED, actor=officer).exists()
    with pytest.raises(IllegalTransition, match="already extended"):
        core.extend(req, reason="Again", actor=officer)


def test_extension_must_be_told_within_the_first_period(customer, make_request, officer):
    req = make_request("other", user=customer)
    PrivacyRequest.objects.filter(pk=req.pk).update(received_at=timezone.now() - dt.timedelta(days=40),
                                                    original_due_at=timezone.localdate() - dt.timedelta(days=5),
                                                    legal_due_at=timezone.localdate() - dt.timedelta(days=5))
    req.refresh_from_db()
    with pytest.raises(IllegalTransition, match="within the first period"):
        core.extend(req, reason="Late", actor=officer)


def test_no_extension_where_the_law_allows_none(settings, officer):
    settings.PRIVACY_CENTER_DEFAULT_REGIMES = ["lgpd"]
    req = core.submit_request("other", email="br@example.com", verification="session").request
    with pytest.raises(IllegalTransition, match="allows no extension"):
        core.extend(req, reason="Need time", actor=officer)


def test_opt_out_needs_no_verification_under_ccpa(make_user, settings):
    californian = make_user(email="ca@example.com", country="US")
    settings.PRIVACY_CENTER_COUNTRY_REGIMES = {"US": ["ccpa"]}  # a shop selling only to California
    settings.PRIVACY_CENTER_DEFAULT_REGIMES = []
    filing = core.submit_request("opt_out_sale", user=californian)
    filing.request.refresh_from_db()
    assert filing.request.verification_method == "not_required"
    assert filing.request.status == Status.COMPLETED
    assert filing.request.acknowledge_by is not None


def test_rectification_form_proposes_a_registry_field(client, customer, reauthenticate):
    client.force_login(customer)
    page = client.get("/privacy/requests/new/?type=rectification").content.decode()
    choice = f"auth.user|{customer.pk}|last_name"
    assert choice in page
    reauthenticate(client)
    missing = client.post("/privacy/requests/new/", {"type": "rectification", "correction": choice})
    assert missing.status_code == 200 and "Give the correct value" in missing.content.decode()
    client.post("/privacy/requests/new/", {"type": "rectification", "correction": choice, "new_value": "Byron"})
    req = customer.privacy_requests.get()
    assert req.proposed_changes == [{"source": "auth.user", "pk": str(customer.pk), "field": "last_name",
                                     "value": "Byron"}]
