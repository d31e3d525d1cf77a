"""Policy versions and acknowledgements, the timeline page and command, and the API."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from privacy_center.consent.models import PolicyAcknowledgement
from privacy_center.models import PrivacyEvent
from privacy_center.services.timeline import record_event
from privacy_center.subjects import Subject

pytestmark = pytest.mark.django_db


def _old_customer(customer):
    type(customer).objects.filter(pk=customer.pk).update(date_joined=timezone.now() - dt.timedelta(days=400))
    customer.refresh_from_db()
    return customer


def test_notice_page_shows_current_version_history_controller_and_registry(client, make_policy):
    make_policy("2025.1", days_ago=300)
    make_policy("2026.1", days_ago=10, material=True, content="We now use analytics cookies.")
    make_policy("2027.1", days_ago=-30)
    html = client.get("/privacy/notice/").content.decode()
    assert "Version 2026.1" in html and "We now use analytics cookies." in html
    assert "2025.1" in html and "upcoming" in html
    assert "Filament &amp; Form AB" in html and "privacy@filament-form.example" in html
    assert "What we hold, why, and for how long" in html and "Your account" in html
    assert html.count("<h1") == 1


def test_material_change_asks_logged_in_customers_once_and_records_acknowledgement(client, customer, make_policy):
    customer = _old_customer(customer)
    make_policy("2026.2", days_ago=1, material=True, summary="New payment processor.")
    client.force_login(customer)
    assert "Our privacy policy changed (version 2026.2)" in client.get("/").content.decode()
    response = client.post("/privacy/notice/acknowledge/", {"policy": "2026.2", "next": "/shop/"})
    assert response.status_code == 302 and response["Location"] == "/shop/"
    assert PolicyAcknowledgement.objects.filter(user=customer, policy__version="2026.2").count() == 1
    assert "Our privacy policy changed" not in client.get("/").content.decode()
    assert PrivacyEvent.objects.filter(kind=PrivacyEvent.Kind.POLICY_ACKNOWLEDGED, user=customer).count() == 1
    client.post("/privacy/notice/acknowledge/", {"policy": "2026.2"})
    assert PolicyAcknowledgement.objects.count() == 1


def test_minor_changes_and_new_customers_are_not_asked(client, customer, make_user, make_policy):
    make_policy("2026.3", days_ago=1, material=False)
    client.force_login(_old_customer(customer))
    assert "Our privacy policy changed" not in client.get("/").content.decode()
    make_policy("2026.4", days_ago=0.5, material=True)
    newcomer = make_user()
    client.force_login(newcomer)
    assert "Our privacy policy changed" not in client.get("/").content.decode()


def test_policy_notice_costs_no_query_on_a_warm_cache(rf, customer, make_policy, django_assert_num_queries):
    from privacy_center.consent.services.policy import material_policy_to_review

    make_policy("2026.5", days_ago=1, material=True)
    customer = _old_customer(customer)
    assert material_policy_to_review(customer) is not None
    with django_assert_num_queries(0):
        assert material_policy_to_review(customer).version == "2026.5"


def test_acknowledge_needs_login_post_and_a_known_version(client, customer, make_policy):
    make_policy("2026.6")
    assert client.post("/privacy/notice/acknowledge/", {"policy": "2026.6"}).status_code == 302  # to login
    assert not PolicyAcknowledgement.objects.exists()
    client.force_login(customer)
    assert client.get("/privacy/notice/acknowledge/").status_code == 405
    assert client.post("/privacy/notice/acknowledge/", {"policy": "nope"}).status_code == 404


def _events(user, n):
    for i in range(n):
        record_event(Subject(user=user), PrivacyEvent.Kind.CONSENT_GIVEN, f"event {i}", method="test")


def test_timeline_lists_only_own_events_paginated_with_constant_queries(client, customer, other_customer,
                                                                       django_assert_max_num_queries, settings):
    settings.PRIVACY_CENTER_PAGE_SIZE = 5
    _events(customer, 3)
    _events(other_customer, 2)
    client.force_login(customer)
    html = client.get("/privacy/timeline/").content.decode()
    assert html.count("event ") == 3 and 'data-chain="verified"' in html
    client.get("/privacy/timeline/")
    _events(customer, 3)
    with django_assert_max_num_queries(16) as few:  # chain check: checkpoints, events since, advance; count per key
        client.get("/privacy/timeline/")
    _events(customer, 30)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get("/privacy/timeline/?page=2").content.decode()
    assert "Page 2 of" in page


def test_timeline_merges_the_account_and_guest_email_entries_newest_first_across_pages(client, customer,
                                                                                     settings):
    """Entries recorded as a guest (under the e-mail) and as the account interleave by time on every page."""
    settings.PRIVACY_CENTER_PAGE_SIZE = 4
    subject = Subject.for_user(customer)
    email_key = [key for key in subject.keys if key.startswith("email:")][0]
    for i in range(5):
        record_event(email_key, PrivacyEvent.Kind.REQUEST_SUBMITTED, f"guest {i}", method="test")
        record_event(subject, PrivacyEvent.Kind.CONSENT_GIVEN, f"account {i}", method="test")
    client.force_login(customer)
    shown = []
    for number in (1, 2, 3):
        html = client.get(f"/privacy/timeline/?page={number}").content.decode()
        shown += re.findall(r"(guest \d|account \d)</td>", html)
    assert shown == [f"{who} {i}" for i in reversed(range(5)) for who in ("account", "guest")]
    assert "Page 3 of 3" in html
    api = client.get("/api/privacy/timeline/?page=2").json()
    assert [e["summary"] for e in api["results"]] == ["account 2", "guest 2", "account 1", "guest 1"]


def _set_summary(event_id, text):
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {PrivacyEvent._meta.db_table} SET summary = %s WHERE id = %s", [text, event_id])


def test_tampering_shows_on_the_page_and_fails_the_command(client, customer):
    """No checkpoint yet: the page verifies the whole chain once, so the change shows at once."""
    _events(customer, 3)
    _set_summary(PrivacyEvent.objects.filter(user=customer).order_by("id")[1].pk, "nothing happened")
    client.force_login(customer)
    assert 'data-chain="broken"' in client.get("/privacy/timeline/").content.decode()
    with pytest.raises(CommandError, match="tampering"):
        call_command("privacy_verify_timeline")


def test_a_change_before_the_checkpoint_shows_after_the_next_full_check_and_stays(client, customer):
    _events(customer, 3)
    call_command("privacy_verify_timeline")  # checkpoint at the third event
    _set_summary(PrivacyEvent.objects.filter(user=customer).order_by("id")[1].pk, "nothing happened")
    client.force_login(customer)
    page = client.get("/privacy/timeline/").content.decode()
    # The page says what it checked: the chain in full at the last full check, and what was added since.
    assert 'data-chain="verified"' in page and "checked in full on" in page and "0 entries added since" in page
    with pytest.raises(CommandError, match="tampering"):
        call_command("privacy_verify_timeline")
    _events(customer, 2)
    assert 'data-chain="broken"' in client.get("/privacy/timeline/").content.decode()
    from privacy_center.tasks import verify_timeline

    assert verify_timeline() == 1  # the daily task finds it as well ...
    assert 'data-chain="broken"' in client.get("/privacy/timeline/").content.decode()  # ... and it stays shown


def test_rewriting_the_chain_up_to_the_checkpoint_or_changing_a_newer_entry_shows_at_once(client, customer,
                                                                                        other_customer):
    from privacy_center.services.timeline import _digest

    _events(customer, 3)
    _events(other_customer, 2)
    client.force_login(customer)
    assert 'data-chain="verified"' in client.get("/privacy/timeline/").content.decode()  # checkpoint at event 3
    _events(customer, 2)
    newer = PrivacyEvent.objects.filter(user=customer).order_by("-id").first()
    _set_summary(newer.pk, "nothing happened")
    assert 'data-chain="broken"' in client.get("/privacy/timeline/").content.decode()
    _set_summary(newer.pk, newer.summary)
    assert 'data-chain="verified"' in client.get("/privacy/timeline/").content.decode()
    # Re-hash the checkpointed tip (as someone rewriting the chain would): the stored hash no longer matches.
    tip = PrivacyEvent.objects.filter(user=customer).order_by("-id").first()
    tip.summary = "rewritten"
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {PrivacyEvent._meta.db_table} SET summary = %s, hash = %s WHERE id = %s",
                       [tip.summary, _digest(tip), tip.pk])
    assert 'data-chain="broken"' in client.get("/privacy/timeline/").content.decode()
    other = client.__class__()
    other.force_login(other_customer)  # another customer's chain is untouched
    assert 'data-chain="verified"' in other.get("/privacy/timeline/").content.decode()


def test_the_page_recomputes_only_the_events_added_since_its_checkpoint(client, customer, monkeypatch):
    from privacy_center.services import timeline

    _events(customer, 40)
    client.force_login(customer)
    client.get("/privacy/timeline/")  # first view: the whole chain once
    calls = []
    real = timeline._digest
    monkeypatch.setattr(timeline, "_digest", lambda event: calls.append(event.pk) or real(event))
    client.get("/privacy/timeline/")
    assert calls == []
    _events(customer, 3)
    calls.clear()
    page = client.get("/privacy/timeline/").content.decode()
    assert len(calls) == 3 and "3 entries added since were checked now" in page


def test_the_page_numbers_come_from_the_checkpoint_without_counting_the_chain(client, customer, settings):
    settings.PRIVACY_CENTER_PAGE_SIZE = 5
    _events(customer, 12)
    client.force_login(customer)
    assert "Page 1 of 3" in client.get("/privacy/timeline/").content.decode()  # first view: counted by the check
    _events(customer, 4)
    with CaptureQueriesContext(connection) as ctx:
        page = client.get("/privacy/timeline/?page=4").content.decode()
    assert "Page 4 of 4" in page and page.count("event ") == 1  # 16 entries: the oldest alone on page 4
    assert not [q for q in ctx.captured_queries if "COUNT" in q["sql"] and "privacyevent" in q["sql"]]
    assert client.get("/api/privacy/timeline/").json()["count"] == 16


def test_command_exit_status_from_the_shell(customer, tmp_path):
    _events(customer, 2)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {PrivacyEvent._meta.db_table} WHERE id = %s",
                       [PrivacyEvent.objects.order_by("id").first().pk])
    from django.core.management import ManagementUtility

    with pytest.raises(SystemExit) as exit_info:
        ManagementUtility(["manage.py", "privacy_verify_timeline"]).execute()
    assert exit_info.value.code == 1


# -- API --------------------------------------------------------------------------------------
def test_api_consents_get_and_put(client, customer):
    client.force_login(customer)
    response = client.put("/api/privacy/consents/", {"choices": {"analytics": True, "marketing": False}},
                          content_type="application/json")
    assert response.status_code == 200
    data = response.json()
    assert data["choices"] == {"analytics": True, "marketing": False}
    assert {(h["group"], h["granted"], h["method"]) for h in data["history"]} == {
        ("analytics", True, "api"), ("marketing", False, "api")}
    assert client.get("/api/privacy/consents/").json()["choices"] == {"analytics": True, "marketing": False}
    bad = client.put("/api/privacy/consents/", {"choices": {"spying": True}}, content_type="application/json")
    assert bad.status_code == 400


def test_api_preferences_get_and_put(client, customer):
    client.force_login(customer)
    assert set(client.get("/api/privacy/preferences/").json()["channels"]) == {
        "newsletter", "marketing_email", "sms", "postal"}
    response = client.put("/api/privacy/preferences/", {"channels": ["sms"], "topics": ["deals"]},
                          content_type="application/json")
    subs = response.json()["subscriptions"]
    assert [(s["channel"], s["status"], s["opt_in"], s["source"]) for s in subs] == [("sms", "active", "single", "api")]
    assert client.put("/api/privacy/preferences/", {"channels": ["pigeon"]},
                      content_type="application/json").status_code == 400


def test_api_policy_and_acknowledge(client, customer, make_policy):
    make_policy("2026.7", material=True)
    data = client.get("/api/privacy/policy/").json()
    assert data["current"]["version"] == "2026.7" and data["review_required"] is None
    client.force_login(_old_customer(customer))
    assert client.get("/api/privacy/policy/").json()["review_required"] == "2026.7"
    response = client.post("/api/privacy/policy/acknowledge/", {"version": "2026.7"}, content_type="application/json")
    assert response.status_code == 200
    assert client.get("/api/privacy/policy/").json()["review_required"] is None


def test_api_timeline_is_own_and_paginated(client, customer, other_customer):
    _events(customer, 2)
    _events(other_customer, 4)
    client.force_login(customer)
    data = client.get("/api/privacy/timeline/").json()
    assert data["count"] == 2 and data["chain_verified"] is True
    assert all(item["summary"].startswith("event") for item in data["results"])
