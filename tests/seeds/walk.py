"""The promises of the five source policies (SPEC §2) as checks a seed shop's walk runs, one function each.

Each check takes the ``Walk`` (the test's fixtures) and asserts what a customer, staff or the shop's developer
would notice when the app is configured as that shop configures it. The shops' lists (``PROMISES`` in each
``tests/seeds/<shop>/__init__.py``) pair a check with the sentence of the policy it keeps.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from privacy_center.registry import site
from privacy_center.requests.models import PrivacyRequest, RequestType, Status
from privacy_center.requests.services import core
from privacy_center.services.restriction import may_process
from privacy_center.subjects import Subject

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class Walk:
    client: Any
    make_user: Any
    make_order: Any
    product: Any
    officer: Any
    settings: Any
    shop: str
    country: str  # the customers' country (ISO 3166, or "US-CA")
    language: str

    def customer(self, **profile):
        user = self.make_user(**profile)
        self.make_order(user=user)
        return user

    def file(self, request_type, user, **kwargs) -> PrivacyRequest:
        kwargs.setdefault("verification", "session")
        kwargs.setdefault("country", self.country)
        return core.submit_request(request_type, user=user, **kwargs).request


def _fresh(req: PrivacyRequest) -> PrivacyRequest:
    return PrivacyRequest.objects.get(pk=req.pk)


# -- the customer information page -------------------------------------------------------------------------


def view_data(w: Walk) -> None:
    user = w.customer()
    w.client.force_login(user)
    order = user.orders.get()
    page = w.client.get("/privacy/data/").content.decode()
    assert order.number in page and user.email in page
    w.client.logout()


def edit_data(w: Walk) -> None:
    from shop_demo.models import Review

    user = w.customer()
    review = Review.objects.create(user=user, product=w.product, display_name="Kim", rating=4, title="Ok",
                                   body="Fine.", created_at=timezone.now())
    w.client.force_login(user)
    w.client.post(f"/privacy/data/shop_demo.review/{review.pk}/", {
        f"row{review.pk}-display_name": "Kim T.", f"row{review.pk}-title": "Good", f"row{review.pk}-body": "Fine."})
    w.client.logout()
    review.refresh_from_db()
    assert (review.display_name, review.title) == ("Kim T.", "Good"), "corrected in place on My data"


def delete_data(w: Walk) -> None:
    from privacy_center.erasure.models import SubjectErasure

    user = w.customer()
    req = w.file(RequestType.ERASURE, user)
    req = _fresh(req)
    if w.settings.PRIVACY_CENTER_REQUEST_TYPES.get("erasure", {}).get("staff_approval"):
        core_staff().perform(req, "approve", actor=w.officer)
    assert SubjectErasure.objects.filter(subject_key=f"user:{user.pk}").exists(), "the deletion is scheduled"


def core_staff():
    from privacy_center.requests.services import staff

    return staff


def supporting_documents(w: Walk) -> None:
    from privacy_center.requests.services.proofs import attach_documents, documents

    user = w.customer()
    req = w.file(RequestType.OTHER, user, details="Please delete the photos I sent with my order.")
    attach_documents(req, [SimpleUploadedFile("id.pdf", PDF, content_type="application/pdf")], actor=user,
                     role="customer")
    assert [d.original_name for d in documents(req)] == ["id.pdf"]


# -- rights ------------------------------------------------------------------------------------------------


def access_copy(w: Walk) -> None:
    from privacy_center.models import Export

    user = w.customer()
    req = _fresh(w.file(RequestType.ACCESS, user))
    assert Export.objects.filter(user=user).exists() and req.free_copy


def one_free_copy_a_year(w: Walk) -> None:
    user = w.customer()
    w.file(RequestType.ACCESS, user)
    PrivacyRequest.objects.filter(user=user).update(status=Status.COMPLETED)
    second = core.submit_request(RequestType.ACCESS, user=user, verification="session", country=w.country)
    assert second.extra_copy and not second.request.free_copy


def portability(w: Walk) -> None:
    from privacy_center.models import Export

    user = w.customer()
    w.file(RequestType.PORTABILITY, user)
    assert Export.objects.filter(user=user).exists()


def rectification(w: Walk) -> None:
    from privacy_center.requests.services.automation import approve_rectification
    from shop_demo.models import CustomerProfile

    user = w.customer()
    profile = CustomerProfile.objects.get(user=user)
    req = w.file(RequestType.RECTIFICATION, user, proposed_changes=[
        {"source": "shop_demo.customerprofile", "pk": profile.pk, "field": "phone", "value": "+46 70 999 99 99"}])
    approve_rectification(_fresh(req), actor=w.officer)
    profile.refresh_from_db()
    assert profile.phone == "+46 70 999 99 99"


def _flag_request(w: Walk, request_type: str, purpose: str) -> PrivacyRequest:
    user = w.customer()
    subject = Subject.for_user(user)
    assert may_process(subject, purpose)
    req = _fresh(w.file(request_type, user))
    assert not may_process(subject, purpose), f"{request_type} stops {purpose}"
    return req


def restriction(w: Walk) -> None:
    _flag_request(w, RequestType.RESTRICTION, "analytics")


def objection(w: Walk) -> None:
    _flag_request(w, RequestType.OBJECTION, "marketing")


def withdraw_consent(w: Walk) -> None:
    req = _flag_request(w, RequestType.WITHDRAW_CONSENT, "marketing")
    assert "Earlier processing stays lawful" in req.outcome


def opt_out_of_sale(w: Walk) -> None:
    req = _flag_request(w, RequestType.OPT_OUT_SALE, "sale")
    assert req.status == Status.COMPLETED


def opt_out_within_15_days(w: Walk) -> None:
    user = w.customer()
    req = w.file(RequestType.OPT_OUT_SALE, user)
    assert req.due_at <= timezone.localdate(req.received_at) + dt.timedelta(days=15)


def know_categories_and_recipients(w: Walk) -> None:
    req = _fresh(w.file(RequestType.KNOW_CATEGORIES, w.customer()))
    assert req.status == Status.COMPLETED
    source = site.get("shop_demo.order")
    with translation.override(req.language or w.language):
        label, recipients = str(source.label), source.recipient_labels()
    assert label in req.outcome and all(r in req.outcome for r in recipients), req.outcome


def complaint_to_authority(w: Walk) -> None:
    mail.outbox.clear()
    req = w.file(RequestType.OTHER, w.customer())
    core.reject(_fresh(req), reason="We hold no such data.", actor=w.officer)
    authority = w.settings.PRIVACY_CENTER_CONTROLLER["supervisory_authority"]
    assert any(authority in m.body for m in mail.outbox if req.reference in m.subject), "the rejection names it"


def non_discrimination(w: Walk) -> None:
    """Opting out changes nothing a customer can buy: the shop's pages serve the same prices and checkout."""
    user = w.customer()
    w.client.force_login(user)
    before = w.client.get("/").status_code
    w.file(RequestType.OPT_OUT_SALE, user)
    assert w.client.get("/").status_code == before == 200
    w.client.logout()


# -- clocks ------------------------------------------------------------------------------------------------


def deletion_within_30_days_not_used_meanwhile(w: Walk) -> None:
    user = w.customer()
    req = _fresh(w.file(RequestType.ERASURE, user))
    assert req.due_at <= timezone.localdate(req.received_at) + dt.timedelta(days=30)
    if w.settings.PRIVACY_CENTER_REQUEST_TYPES.get("erasure", {}).get("staff_approval"):
        core_staff().perform(req, "approve", actor=w.officer)
    assert not may_process(Subject.for_user(user), "marketing"), "not used while the deletion is pending"


def regime_clock(w: Walk) -> None:
    req = w.file(RequestType.ACCESS, w.customer())
    from privacy_center.app_settings import app_settings

    expected = set(app_settings.DEFAULT_REGIMES) | set(app_settings.COUNTRY_REGIMES.get(w.country, []))
    assert expected <= set(req.regimes) and req.regime in expected, (req.regimes, expected)
    assert req.due_at > timezone.localdate(req.received_at)


def clocks_in_the_shops_zone(w: Walk) -> None:
    from privacy_center.app_settings import app_settings
    from privacy_center.requests.checks import check_clock_zones

    assert app_settings.CLOCK_TIME_ZONE == w.settings.TIME_ZONE
    assert not [m for m in check_clock_zones() if m.id == "privacy_center.W101"]


def pages_in_the_shops_language(w: Walk) -> None:
    user = w.customer()
    w.client.force_login(user)
    page = w.client.get("/privacy/data/", HTTP_ACCEPT_LANGUAGE=w.language).content.decode()
    w.client.logout()
    with translation.override(w.language):
        heading = str(translation.gettext("My data"))
    assert heading != "My data" and heading in page


# -- retention ---------------------------------------------------------------------------------------------


def bookkeeping_kept_7_years(w: Walk) -> None:
    user = w.customer()
    preview = site.get("shop_demo.order").preview(Subject.for_user(user))
    assert preview.count and "7" in preview.kept_reason


def retention_ceiling(w: Walk) -> None:
    from privacy_center.checks import check_retention_ceiling

    ceiling = w.settings.PRIVACY_CENTER_MAX_RETENTION_DAYS
    messages = check_retention_ceiling(None)
    assert not [m for m in messages if m.id == "privacy_center.W050"], [m.msg for m in messages]
    for source in site:
        retention = getattr(source, "retention", None)
        if retention is not None and not retention.law:
            assert retention.days <= ceiling, source.name


def kept_while_unpaid(w: Walk) -> None:
    from shop_demo.models import Order

    user = w.customer()
    unpaid = w.make_order(user=user)
    Order.objects.filter(pk=unpaid.pk).update(status=Order.Status.PLACED)
    subject = Subject.for_user(user)
    source = site.get("sweden.invoices")
    hold = source.legal_hold
    assert hold.conditional
    condition = hold.condition
    kept = Order.objects.filter(**condition) if isinstance(condition, dict) else Order.objects.filter(condition)
    assert kept.filter(pk=unpaid.pk).exists() and not kept.filter(user=user, status=Order.Status.PAID).exists()
    assert "kept while it is unpaid" in str(source.preview(subject).kept_reason)


# -- identity ----------------------------------------------------------------------------------------------


def verify_by_data_held(w: Walk) -> None:

    order = w.make_order(email="guest.walk@example.com")
    req = core.submit_request(RequestType.ACCESS, email=order.email, country=w.country,
                              verification="email_link").request
    assert _fresh(req).needs_order_proof, "a copy waits for proof of an order held"


def agents_show_proof(w: Walk) -> None:
    from privacy_center.requests.services.agents import agent_submit

    proof = SimpleUploadedFile("permission.pdf", PDF, content_type="application/pdf")
    filing = agent_submit(agent_name="Lan Agent", agent_email="agent@example.com", relationship="power of attorney",
                          subject_name="Minh", subject_email="minh@example.com", request_type=RequestType.ACCESS,
                          details="", proof=proof, ip=None)
    req = _fresh(filing.request)
    assert req.status == Status.AWAITING_VERIFICATION and req.proofs.count() == 1
    core.reject(req, reason="The permission is not signed.", actor=w.officer)
    assert _fresh(req).proofs.count() == 0, "verification data deleted once used"


def staff_check_then_delete(w: Walk) -> None:
    from privacy_center.erasure.models import SubjectErasure

    user = w.customer()
    req = _fresh(w.file(RequestType.ERASURE, user))
    assert not SubjectErasure.objects.filter(subject_key=f"user:{user.pk}").exists(), "nothing before the check"
    with translation.override(w.language):  # the timeline is written in the language of the filing
        waiting = translation.gettext("Waiting for our staff to review and approve this request.")
    assert req.events.filter(summary=waiting).exists(), list(req.events.values_list("summary", flat=True))
    core_staff().perform(req, "approve", actor=w.officer)
    assert SubjectErasure.objects.filter(subject_key=f"user:{user.pk}").exists()


def passwords_not_guessable(w: Walk) -> None:
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    user = w.make_user(birth_date=dt.date(1990, 5, 17))
    for guess in ("17051990abc", user.profile.phone.replace(" ", "")):
        try:
            validate_password(guess, user)
        except ValidationError:
            continue
        raise AssertionError(f"{guess!r} was accepted")


# -- recipients, cookies, newsletters ------------------------------------------------------------------------


def recipients_told(w: Walk) -> None:
    from privacy_center.models import RecipientNotification

    rectification(w)
    assert RecipientNotification.objects.filter(event="rectification").exists()


def cookie_groups(w: Walk) -> None:
    page = w.client.get("/privacy/cookies/").content.decode()
    for group in ("analytics", "marketing"):
        assert f'name="group_{group}"' in page, group
    w.client.post("/privacy/cookies/", {"source": "settings", "action": "decline_all"})
    consent = w.client.cookies["cookie_consent"].value
    assert "analytics=-1" in consent and "marketing=-1" in consent, consent


def browser_signals_honoured(w: Walk) -> None:
    from privacy_center.consent.models import PrivacySignal

    user = w.customer()
    w.client.force_login(user)
    w.client.get("/privacy/", HTTP_SEC_GPC="1")
    w.client.logout()
    assert PrivacySignal.objects.filter(user=user, kind="gpc").exists()
    assert not may_process(Subject.for_user(user), "sale")


def newsletter_unsubscribe(w: Walk) -> None:
    user = w.customer()
    w.client.force_login(user)
    assert w.client.get("/privacy/newsletter/").status_code == 200
    w.client.logout()


def collected_data_declared(w: Walk) -> None:
    names = {s.name for s in site}
    for name in ("shop_demo.order", "shop_demo.customerprofile", "shop_demo.payment", "shop_demo.review",
                 "shop_demo.supportmessage", "shop_demo.visitlog", "shop_demo.address"):
        assert name in names, name
    assert "national_id" in site.get("shop_demo.customerprofile").masked


def officer_and_policy_version(w: Walk) -> None:
    page = w.client.get("/privacy/notice/").content.decode()
    assert w.settings.PRIVACY_CENTER_CONTROLLER["officer"] in page


# -- issue 17 ----------------------------------------------------------------------------------------------


def correct_except_name(w: Walk) -> None:
    user_source = site.get("auth.user")
    assert not {"first_name", "last_name"} & set(user_source.editable)
    assert user_source.editable, "other fields stay correctable"


def minors_remove_posts(w: Walk) -> None:
    from privacy_center.services.posts import remove_posts
    from shop_demo.models import Review

    today = timezone.localdate()
    teen = w.make_user(birth_date=today.replace(year=today.year - 16))
    Review.objects.create(user=teen, product=w.product, display_name="T", rating=5, title="x", body="y",
                          created_at=timezone.now())
    w.client.force_login(teen)
    assert "You are under 18" in w.client.get("/privacy/data/").content.decode()
    w.client.logout()
    remove_posts(Subject.for_user(teen), actor=teen)
    assert not Review.objects.filter(user=teen).exists()


def shine_the_light(w: Walk) -> None:
    from shop_demo.models import NewsletterSignup

    user = w.customer()
    last_year = timezone.now().replace(year=timezone.now().year - 1)
    NewsletterSignup.objects.create(email=user.email, user=user, created_at=last_year)
    req = _fresh(w.file(RequestType.SHINE_THE_LIGHT, user))
    assert req.status == Status.COMPLETED and "for their own direct marketing" in req.outcome
    marketers = [r for r in site.declared_recipients() if r.direct_marketing]
    assert marketers and all(str(r.address) in req.outcome for r in marketers)
    again = _fresh(w.file(RequestType.SHINE_THE_LIGHT, user))
    assert again.status == Status.REJECTED and "once a year" in again.outcome


def not_used_until_corrected(w: Walk) -> None:
    """Issue 17 item 1: a pending correction restricts the data until staff decide."""
    from privacy_center.requests.services.automation import approve_rectification
    from shop_demo.models import CustomerProfile

    user = w.customer()
    subject = Subject.for_user(user)
    profile = CustomerProfile.objects.get(user=user)
    req = w.file(RequestType.RECTIFICATION, user, proposed_changes=[
        {"source": "shop_demo.customerprofile", "pk": profile.pk, "field": "phone", "value": "+86 138 0000 0000"}])
    assert not may_process(subject, "marketing"), "not used while the correction is checked"
    approve_rectification(_fresh(req), actor=w.officer)
    assert may_process(subject, "marketing"), "used again once corrected"
