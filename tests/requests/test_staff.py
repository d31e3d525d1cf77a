"""The staff console: queue, filters, actions with permissions, replies, dashboard, staff API, reminders."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from privacy_center.requests.models import PrivacyRequest, RequestEvent, Status
from privacy_center.requests.services import core
from privacy_center.requests.services.proofs import attach_proof
from privacy_center.requests.tasks import send_request_reminders

pytestmark = pytest.mark.django_db

LIST = "/admin/privacy_requests/privacyrequest/"


def change(req):
    return f"{LIST}{req.pk}/change/"


def act(client, req, action, **data):
    return client.post(f"{LIST}{req.pk}/act/", {"action": action, **data})


def _set_due(req, days):
    PrivacyRequest.objects.filter(pk=req.pk).update(due_at=timezone.localdate() + dt.timedelta(days=days))


def test_queue_columns_colours_filters_and_search(client, officer, make_request, customer):
    overdue = make_request("erasure", email="late@example.com", verification="")
    soon = make_request("access", user=customer, verification="")
    later = make_request("objection", email="later@example.com", verification="", name="Grace Hopper")
    _set_due(overdue, -3)
    _set_due(soon, 2)
    _set_due(later, 20)
    core.assign(soon, officer, actor=officer)
    client.force_login(officer)
    page = client.get(LIST).content.decode()
    for req in (overdue, soon, later):
        assert req.reference in page
    assert 'class="pc-overdue">overdue 3 days' in page
    assert 'class="pc-due-soon">2 days' in page
    assert "Dashboard" in page
    assert client.get(LIST + "?due=overdue").content.decode().count("PR-") >= 1
    only_overdue = client.get(LIST + "?due=overdue").content.decode()
    assert overdue.reference in only_overdue and later.reference not in only_overdue
    week = client.get(LIST + "?due=week").content.decode()
    assert soon.reference in week and later.reference not in week and overdue.reference not in week
    mine = client.get(LIST + "?assigned=me").content.decode()
    assert soon.reference in mine and overdue.reference not in mine
    unassigned = client.get(LIST + "?assigned=none").content.decode()
    assert soon.reference not in unassigned and overdue.reference in unassigned
    assert later.reference in client.get(LIST + "?q=Grace").content.decode()
    assert overdue.reference in client.get(LIST + "?q=late@example.com").content.decode()
    by_ref = client.get(LIST + f"?q={soon.reference}").content.decode()
    assert soon.reference in by_ref and later.reference not in by_ref
    assert later.reference in client.get(LIST + "?type__exact=objection").content.decode()
    assert later.reference in client.get(LIST + "?regime=gdpr").content.decode()
    assert later.reference not in client.get(LIST + "?status__exact=completed").content.decode()


def test_changelist_query_count_does_not_grow(client, officer, make_request):
    client.force_login(officer)
    make_request("other", email="a@example.com")
    client.get(LIST)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(LIST).status_code == 200
        return len(ctx)

    small = count()
    for i in range(30):
        make_request("other", email=f"many{i}@example.com", verification="")
    assert count() == small


def test_change_page_shows_timeline_messages_preview_and_buttons(client, officer, customer, make_request, make_order):
    make_order(user=customer)
    req = make_request("erasure", user=customer, verification="")
    client.force_login(officer)
    page = client.get(change(req)).content.decode()
    assert "Timeline" in page and "Request " in page
    assert "Orders" in page or "order" in page.lower()  # the registry preview lists the subject's sources
    assert 'value="verify"' in page and 'value="reject"' in page and 'value="extend"' in page
    assert 'value="assign_to_me"' in page


def test_officer_actions_are_events_with_actor(client, officer, make_request, mailoutbox):
    req = make_request("other", email="x@example.com", verification="")
    client.force_login(officer)
    for action in ("assign_to_me", "verify"):
        assert act(client, req, action).status_code == 302
    assert act(client, req, "extend", reason="We need to check our backups").status_code == 302
    req.refresh_from_db()
    assert req.assignee == officer and req.status == Status.VERIFIED and req.extended_until
    assert "We need to check our backups" in mailoutbox[-1].body
    assert act(client, req, "complete").status_code == 302
    req.refresh_from_db()
    assert req.status == Status.COMPLETED
    kinds = list(req.events.filter(actor=officer).values_list("kind", flat=True))
    assert {"assigned", "status", "extended"} <= set(kinds)
    assert mailoutbox[-1].subject == f"Your privacy request {req.reference} is complete"
    # Illegal now: a clear message, nothing changes.
    response = client.post(f"{LIST}{req.pk}/act/", {"action": "verify"}, follow=True)
    assert "Cannot verify a request that is completed" in response.content.decode()


def test_reject_needs_a_reason_and_tells_it(client, officer, make_request, mailoutbox):
    req = make_request("other", email="r@example.com", verification="")
    client.force_login(officer)
    act(client, req, "reject", reason="")
    req.refresh_from_db()
    assert req.status == Status.AWAITING_VERIFICATION
    act(client, req, "reject", reason="We hold no data about this address")
    req.refresh_from_db()
    assert req.status == Status.REJECTED and req.outcome == "We hold no data about this address"
    assert "We hold no data about this address" in mailoutbox[-1].body


def test_staff_reply_is_mailed_and_shown(client, officer, customer, make_request, mailoutbox):
    req = make_request("other", user=customer)
    client.force_login(officer)
    client.post(f"{LIST}{req.pk}/reply/", {"body": "Which order do you mean?"})
    assert req.messages.get().from_staff
    assert "Which order do you mean?" in mailoutbox[-1].body
    assert mailoutbox[-1].to == [customer.email]
    client.force_login(customer)
    assert "Which order do you mean?" in client.get(f"/privacy/requests/{req.uuid}/").content.decode()


def test_viewer_cannot_act(client, viewer, make_request, mailoutbox):
    req = make_request("other", email="v@example.com", verification="")
    client.force_login(viewer)
    page = client.get(change(req))
    assert page.status_code == 200
    assert 'value="verify"' not in page.content.decode()
    assert "not process them" in page.content.decode()
    for action in ("verify", "assign_to_me", "complete"):
        assert act(client, req, action).status_code == 403
    assert client.post(f"{LIST}{req.pk}/reply/", {"body": "hi"}).status_code == 403
    bulk = client.post(LIST, {"action": "bulk_verify", "_selected_action": [req.pk]})
    assert bulk.status_code in (200, 302)
    req.refresh_from_db()
    assert req.status == Status.AWAITING_VERIFICATION and req.assignee is None
    assert not req.messages.exists()
    assert not req.events.filter(actor=viewer).exists()
    changelist = client.get(LIST).content.decode()
    assert "bulk_verify" not in changelist


def test_bulk_actions(client, officer, make_request):
    reqs = [make_request("other", email=f"b{i}@example.com", verification="") for i in range(3)]
    client.force_login(officer)
    client.post(LIST, {"action": "bulk_assign_to_me", "_selected_action": [r.pk for r in reqs]})
    client.post(LIST, {"action": "bulk_verify", "_selected_action": [r.pk for r in reqs]})
    response = client.post(LIST, {"action": "bulk_complete", "_selected_action": [r.pk for r in reqs]}, follow=True)
    assert "3 requests done" in response.content.decode()
    assert set(PrivacyRequest.objects.filter(pk__in=[r.pk for r in reqs]).values_list("status", flat=True)) == {
        "completed"}
    assert all(r.events.filter(actor=officer, kind="assigned").exists() for r in reqs)


def test_staff_api_list_filters_and_transitions(client, officer, viewer, make_request):
    late = make_request("erasure", email="late@example.com", verification="")
    fine = make_request("other", email="fine@example.com", verification="")
    _set_due(late, -1)
    client.force_login(viewer)
    rows = client.get("/api/privacy/staff/requests/?due=overdue").json()["results"]
    assert [r["reference"] for r in rows] == [late.reference]
    assert len(client.get("/api/privacy/staff/requests/?type=other").json()["results"]) == 1
    url = f"/api/privacy/staff/requests/{fine.uuid}/transition/"
    assert client.post(url, {"action": "verify"}, content_type="application/json").status_code == 403
    client.force_login(officer)
    ok = client.post(url, {"action": "verify"}, content_type="application/json")
    assert ok.status_code == 200 and ok.json()["status"] == "verified"
    conflict = client.post(url, {"action": "verify"}, content_type="application/json")
    assert conflict.status_code == 409 and "Cannot verify" in conflict.json()["detail"]
    no_reason = client.post(url, {"action": "reject"}, content_type="application/json")
    assert no_reason.status_code == 409
    rejected = client.post(url, {"action": "reject", "reason": "Duplicate of a phone request"},
                           content_type="application/json")
    assert rejected.json()["status"] == "rejected"
    mine = client.get("/api/privacy/staff/requests/?assigned=none").json()["results"]
    assert {r["reference"] for r in mine} == {late.reference, fine.reference}


def test_agent_request_verified_by_staff_after_reading_the_proof(client, officer, mailoutbox, reauthenticate):
    pdf = SimpleUploadedFile("permission.pdf", b"%PDF-1.4 signed", content_type="application/pdf")
    response = client.post("/privacy/requests/agent/", {
        "agent_name": "Alex Agent", "agent_email": "alex@agency.example", "relationship": "Power of attorney",
        "subject_name": "Sam Subject", "subject_email": "sam@example.com", "type": "objection", "proof": pdf,
    })
    assert response.status_code == 200
    req = PrivacyRequest.objects.get(email="sam@example.com")
    assert req.status == Status.AWAITING_VERIFICATION and req.is_agent
    assert mailoutbox[-1].to == ["alex@agency.example"]
    proof = req.proofs.get()
    client.force_login(officer)
    # A plain GET by logged-in staff is not enough: first the password again (allauth's re-authentication).
    blocked = client.get(f"{LIST}{req.pk}/proof/{proof.pk}/")
    assert blocked.status_code == 302 and blocked["Location"].startswith("/accounts/reauthenticate/")
    assert not req.events.filter(summary="Proof file opened by staff").exists()
    reauthenticate(client)
    download = client.get(f"{LIST}{req.pk}/proof/{proof.pk}/")
    assert download.status_code == 200 and "no-store" in download["Cache-Control"]
    assert b"".join(download.streaming_content) == b"%PDF-1.4 signed"
    act(client, req, "verify")
    req.refresh_from_db()
    assert req.verification_method == "agent_proof" and req.status == Status.COMPLETED
    assert not req.proofs.exists()


def test_agent_form_rejects_bad_proof(client):
    fake = SimpleUploadedFile("permission.pdf", b"<html>not a pdf</html>", content_type="application/pdf")
    response = client.post("/privacy/requests/agent/", {
        "agent_name": "A", "agent_email": "a@agency.example", "relationship": "POA", "subject_name": "S",
        "subject_email": "s@example.com", "type": "access", "proof": fake,
    })
    assert response.status_code == 200 and "Upload a PDF, PNG or JPEG file" in response.content.decode()
    assert not PrivacyRequest.objects.exists()


def test_viewer_cannot_download_proofs(client, viewer, make_request):
    req = make_request("other", email="p@example.com", verification="")
    proof = attach_proof(req, SimpleUploadedFile("p.pdf", b"%PDF-1.4", content_type="application/pdf"))
    client.force_login(viewer)
    assert client.get(f"{LIST}{req.pk}/proof/{proof.pk}/").status_code == 403


def test_dashboard(client, officer, viewer, make_request):
    done = make_request("other", email="d@example.com")
    core.complete(done)
    late = make_request("erasure", email="l@example.com", verification="")
    _set_due(late, -2)
    client.force_login(viewer)
    page = client.get(f"{LIST}dashboard/").content.decode()
    assert "<svg" in page and "Open requests by type" in page
    assert "1 overdue" in page
    assert "100 %" in page  # the one closed request met its deadline
    assert "cdn" not in page.lower()


def test_dashboard_figures_come_from_two_scans_whatever_the_number_of_requests(make_request):
    """Open work by type and status, overdue and due-this-week, time to close and deadlines kept."""
    from privacy_center.requests.services.stats import dashboard

    today = timezone.localdate()
    late = make_request("erasure", email="late@example.com", verification="")
    _set_due(late, -3)
    soon = make_request("access", email="soon@example.com", verification="")
    _set_due(soon, 5)
    make_request("access", email="later@example.com", verification="")  # due in about a month
    kept = make_request("other", email="kept@example.com")
    core.complete(kept)
    missed = make_request("other", email="missed@example.com")
    core.complete(missed)
    PrivacyRequest.objects.filter(pk=missed.pk).update(due_at=today - dt.timedelta(days=1),
                                                       received_at=timezone.now() - dt.timedelta(days=10))
    with CaptureQueriesContext(connection) as few:
        figures = dashboard()
    assert figures.overdue == 1 and figures.due_this_week == 1
    from privacy_center.requests.models import RequestType

    assert dict(figures.open_by_type) == {str(RequestType.ACCESS.label): 2, str(RequestType.ERASURE.label): 1}
    assert sum(n for _, n in figures.open_by_status) == 3
    assert figures.closed_count == 2 and figures.closed_within_deadline == 0.5
    assert figures.median_days_to_close == 5.0  # 0 and 10 days
    assert sum(week.closed for week in figures.weeks) == 2 and sum(week.received for week in figures.weeks) == 5
    for n in range(30):
        make_request("access", email=f"more{n}@example.com", verification="")
    with CaptureQueriesContext(connection) as many:
        assert dashboard().due_this_week == 1
    assert len(many) == len(few) == 4  # open groups, closed in the window, received and closed per week


def test_dashboard_weeks_start_at_local_monday_midnight(make_request):
    """A request received at 00:30 on a Monday (the shop's time) is that week's; one at 23:30 the Sunday
    before is the week before's, though both are the same UTC day in Stockholm. A rejected request closed
    in the window counts as closed that week, but not in the time-to-close figures."""
    from privacy_center.requests.services.stats import dashboard

    today = timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday()) - dt.timedelta(weeks=2)
    local = timezone.get_current_timezone()
    after = dt.datetime.combine(monday, dt.time(0, 30), tzinfo=local)
    before = dt.datetime.combine(monday - dt.timedelta(days=1), dt.time(23, 30), tzinfo=local)
    for n, received in enumerate((after, before, before)):
        done = make_request("other", email=f"week{n}@example.com")
        PrivacyRequest.objects.filter(pk=done.pk).update(received_at=received)
    rejected = make_request("other", email="rejected@example.com")
    PrivacyRequest.objects.filter(pk=rejected.pk).update(status="rejected", closed_at=after, received_at=after)
    weeks = {week.start: week for week in dashboard().weeks}
    assert weeks[monday].received == 2 and weeks[monday - dt.timedelta(weeks=1)].received == 2
    assert weeks[monday].closed == 1 and dashboard().closed_count == 0


def test_reminders_scan_the_database_once_per_window(make_request, officer, mailoutbox, settings):
    settings.PRIVACY_CENTER_REQUEST_REMINDER_DAYS = 3
    soon = make_request("other", email="soon@example.com", verification="")
    later = make_request("other", email="later@example.com", verification="")
    mine = make_request("other", email="mine@example.com", verification="")
    core.assign(mine, officer, actor=officer)
    _set_due(soon, 2)
    _set_due(mine, -1)
    _set_due(later, 10)
    sent_before = len(mailoutbox)
    assert send_request_reminders.delay().get() == 2
    reminders = mailoutbox[sent_before:]
    assert {tuple(m.to) for m in reminders} == {("privacy-team@example.com",), (officer.email,)}
    team = next(m for m in reminders if m.to == ["privacy-team@example.com"])
    assert soon.reference in team.body and later.reference not in team.body
    assert f"/admin/privacy_requests/privacyrequest/{soon.pk}/change/" in team.body
    assert send_request_reminders.delay().get() == 0  # not again the same day
    assert RequestEvent.objects.filter(kind="reminder").count() == 2


def test_downloading_the_customers_copy_is_a_separate_permission(client, officer, make_user, customer, make_order,
                                                                 django_capture_on_commit_callbacks, reauthenticate):
    from django.contrib.auth.models import Permission

    make_order(user=customer)
    with django_capture_on_commit_callbacks(execute=True):
        req = core.submit_request("access", user=customer, verification="reauthentication").request
    req.refresh_from_db()
    assert req.status == Status.COMPLETED and req.export_id
    processor = make_user(email="processor@shop.example")
    processor.is_staff = True
    processor.save()
    processor.user_permissions.add(*Permission.objects.filter(
        codename__in=["view_privacyrequest", "process_privacyrequest"]))
    url = f"{LIST}{req.pk}/export/"
    client.force_login(processor)
    assert "Download the customer" not in client.get(change(req)).content.decode()
    assert client.get(url).status_code == 403
    client.force_login(officer)
    assert "Download the customer" in client.get(change(req)).content.decode()
    blocked = client.get(url)
    assert blocked.status_code == 302 and blocked["Location"].startswith("/accounts/reauthenticate/")
    assert not req.events.filter(summary__contains="downloaded by staff").exists()
    reauthenticate(client)
    response = client.get(url)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content)[:2] == b"PK"  # a ZIP
    assert req.events.filter(actor=officer, summary__contains="downloaded by staff").exists()


def _agent_files_copy_request(client, subject_email="sam@example.com"):
    pdf = SimpleUploadedFile("permission.pdf", b"%PDF-1.4 signed", content_type="application/pdf")
    response = client.post("/privacy/requests/agent/", {
        "agent_name": "Alex Agent", "agent_email": "alex@agency.example", "relationship": "Power of attorney",
        "subject_name": "Sam Subject", "subject_email": subject_email, "type": "access", "proof": pdf,
    })
    assert response.status_code == 200
    return PrivacyRequest.objects.filter(agent_email="alex@agency.example").latest("pk")


def test_rejected_agent_request_leaves_the_subjects_free_copy(client, officer, mailoutbox):
    from privacy_center.requests.services.core import submit_request

    agent_req = _agent_files_copy_request(client)
    assert not agent_req.free_copy  # not decided before staff accept the agent's proof
    client.force_login(officer)
    act(client, agent_req, "reject", reason="The signed permission does not name the subject.")
    agent_req.refresh_from_db()
    assert agent_req.status == Status.REJECTED
    # The subject's own request later in the year is still their free copy.
    filing = submit_request("access", email="sam@example.com", verification="email_link")
    assert filing.extra_copy is False and filing.request.free_copy is True


def test_a_request_rejected_before_any_copy_was_made_does_not_count(make_request):
    from privacy_center.requests.services.core import copies_this_year, submit_request, transition

    first = submit_request("access", email="kim@example.com").request
    transition(first, "reject", role="staff", reason="Could not verify")
    assert copies_this_year(email="kim@example.com") == 0
    assert submit_request("access", email="kim@example.com").extra_copy is False


def test_unverified_agent_is_not_told_the_subject_already_had_a_copy(client, officer, mailoutbox):
    from privacy_center.requests.services.core import submit_request

    submit_request("access", email="sam@example.com", verification="email_link")  # the subject's free copy
    mailoutbox.clear()
    agent_req = _agent_files_copy_request(client)
    to_agent = [m for m in mailoutbox if m.to == ["alex@agency.example"]]
    assert to_agent
    for mail in to_agent:
        assert "free copy" not in mail.body.lower() and "already" not in mail.body.lower()
        assert settings_note() not in mail.body
    public = [e.summary for e in agent_req.events.filter(public=True)]
    assert not any("free copy" in s.lower() for s in public)
    # Once staff accept the proof, the copy is decided: this one is beyond the free one, and it says so.
    client.force_login(officer)
    act(client, agent_req, "verify")
    agent_req.refresh_from_db()
    assert agent_req.free_copy is False
    assert agent_req.events.filter(kind="free_copy", summary=settings_note()).exists()


def settings_note() -> str:
    from privacy_center.app_settings import app_settings

    return app_settings.EXTRA_COPY_NOTE
