"""The customer's language: chosen with the switcher (a plain POST form to Django's set_language), remembered on
their account and on a guest's request, and used for every e-mail written later by a task or the outbox, and for
the export they download, whatever language the worker runs in."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
from django.test import TestCase
from django.utils import translation

pytestmark = pytest.mark.django_db


def _t(lang: str, msgid: str) -> str:
    with translation.override(lang):
        text = translation.gettext(msgid)
    assert text != msgid, f"{msgid!r} has no {lang} translation"
    return text


def _switcher(html: str) -> str:
    forms = re.findall(r'<form class="pc-language".*?</form>', html, re.S)
    assert len(forms) == 1, f"expected one language switcher, found {len(forms)}"
    return forms[0]


def _language_of_user(user) -> str | None:
    from privacy_center.services.language import language_of
    from privacy_center.subjects import Subject

    return language_of(Subject(user=user))


@pytest.mark.parametrize("path", ["/", "/shop/cart/", "/privacy/notice/", "/privacy/cookies/",
                                  "/privacy/requests/guest/"])
def test_switcher_is_a_labelled_post_form_with_each_language_in_its_own_name(client, path):
    form = _switcher(client.get(path, HTTP_ACCEPT_LANGUAGE="vi").content.decode())
    assert 'method="post"' in form and 'action="/privacy/language/"' in form
    assert 'name="csrfmiddlewaretoken"' in form
    assert f'name="next" value="{path}"' in form
    assert re.search(r'<label for="pc-language-select">[^<]+</label>', form)
    assert 'id="pc-language-select" name="language"' in form
    options = re.findall(r'<option value="([^"]+)" lang="\1"( selected)?>([^<]+)</option>', form)
    assert [(code, name) for code, _sel, name in options] == [
        ("en", "English"), ("sv", "Svenska"), ("vi", "Tiếng Việt"), ("zh-hans", "简体中文")]
    assert [code for code, sel, _name in options if sel] == ["vi"]
    assert f">{_t('vi', 'Change language')}</button>" in form


def test_privacy_pages_of_a_shop_whose_layout_has_no_switcher_show_their_own(client, settings):
    settings.PRIVACY_CENTER_BASE_TEMPLATE = "privacy_center/layout.html"
    html = client.get("/privacy/cookies/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert 'action="/privacy/language/"' in _switcher(html)


def test_switching_without_javascript_keeps_the_page_and_its_query(client):
    response = client.post("/privacy/language/", {"language": "zh-hans", "next": "/shop/products/?page=2"})
    assert response.status_code == 302 and response["Location"] == "/shop/products/?page=2"
    page = client.get("/shop/products/?page=2").content.decode()
    assert '<html lang="zh-hans">' in page
    # Somewhere else is not a place to go back to.
    response = client.post("/privacy/language/", {"language": "sv", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_a_logged_in_customer_who_switches_has_the_language_on_their_account(client, customer):
    client.force_login(customer)
    client.post("/privacy/language/", {"language": "sv", "next": "/privacy/"})
    assert _language_of_user(customer) == "sv"
    client.post("/privacy/language/", {"language": "vi", "next": "/privacy/"})
    assert _language_of_user(customer) == "vi"


def test_a_visitor_who_switches_stores_nothing(client):
    from privacy_center.models import SubjectLanguage

    client.post("/privacy/language/", {"language": "sv", "next": "/"})
    assert not SubjectLanguage.objects.exists()


def test_logging_in_keeps_the_active_language_on_the_account(client, make_user):
    from tests.conftest import PASSWORD

    user = make_user(email="sara@example.se")
    response = client.post("/accounts/login/", {"login": "sara@example.se", "password": PASSWORD},
                           HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 302
    assert _language_of_user(user) == "sv"


def test_a_guest_request_keeps_the_language_it_was_filed_in(client, mailoutbox):
    from privacy_center.requests.models import PrivacyRequest

    response = client.post("/privacy/requests/guest/", {"email": "lan@example.vn", "type": "access"},
                           HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code in (200, 302)
    req = PrivacyRequest.objects.get(email="lan@example.vn")
    assert req.language == "vi"
    [verification] = mailoutbox
    assert verification.subject == _subject("vi", "privacy_center/requests/email/verification", req)
    # A later e-mail about it, written by a worker in English, is in Vietnamese too.
    from privacy_center.requests.services.emails import send_rejection

    with translation.override("en"):
        req.outcome = "x"
        send_rejection(req)
    assert mailoutbox[-1].subject == _subject("vi", "privacy_center/requests/email/rejected", req)


def _subject(lang: str, prefix: str, req=None, **context) -> str:
    """The subject line as the template writes it in ``lang`` (and differs from English)."""
    from django.template.loader import render_to_string

    ctx = {"req": req, "reference": getattr(req, "reference", ""), **context}
    with translation.override(lang):
        text = " ".join(render_to_string(f"{prefix}_subject.txt", ctx).split())
    with translation.override("en"):
        english = " ".join(render_to_string(f"{prefix}_subject.txt", ctx).split())
    assert text != english, f"{prefix} has no {lang} subject"
    return text


@pytest.fixture
def swedish_customer(make_user):
    from privacy_center.services.language import remember_user_language

    user = make_user(email="sven@example.se")
    remember_user_language(user, "sv")
    return user


def test_a_swedish_customers_request_emails_are_in_swedish_from_an_english_worker(swedish_customer, mailoutbox):
    from privacy_center.requests.services.core import submit_request
    from privacy_center.requests.services.emails import send_extension

    with translation.override("en"):
        req = submit_request("access", user=swedish_customer, verification="session").request
        req.extension_reason, req.extended_until = "x", dt.date(2027, 3, 1)
        send_extension(req)
    acknowledgement, extension = mailoutbox[-2:]
    assert acknowledgement.subject == _subject("sv", "privacy_center/requests/email/acknowledgement", req)
    assert extension.subject == _subject("sv", "privacy_center/requests/email/extended", req)
    html = acknowledgement.alternatives[0][0] if acknowledgement.alternatives else ""
    assert 'lang="en"' not in html


def test_a_swedish_customers_export_ready_email_and_archive_are_in_swedish(swedish_customer, make_order, export_for,
                                                                          open_export, mailoutbox):
    make_order(user=swedish_customer)
    with translation.override("en"):
        export = export_for(user=swedish_customer)
    assert export.status == "ready"
    [ready] = [m for m in mailoutbox if m.subject == _t("sv", "Your data is ready to download")]
    assert _t("sv", "Your data is ready to download") in ready.subject
    archive = open_export(export)

    index = archive.read("index.html").decode()
    assert '<html lang="sv">' in index or 'lang="sv"' in index
    assert _t("sv", "A copy of your data") in index and "A copy of your data" not in index

    order = archive.source("shop_demo.order")
    header = next(csv.reader(io.StringIO(archive.read("csv/shop_demo.order.csv").decode())))
    with translation.override("sv"):
        assert header[0] == translation.gettext("Id")  # "Id" in Swedish too
    labels = {f["name"]: f["label"] for f in order["fields"]}
    assert header[1:] == list(labels.values())
    with translation.override("en"):
        english = [str(f.label) for f in _source("shop_demo.order").describe().fields]
    assert header[1:] != english  # translated, not the English labels
    # data.json keeps the machine names as keys.
    assert "created_at" in order["rows"][0] and "id" in order["rows"][0]


def _source(name: str):
    from privacy_center.registry import site

    return next(s for s in site if s.name == name)


def test_a_swedish_customers_erasure_emails_are_in_swedish_from_an_english_worker(swedish_customer, mailoutbox):
    from django.utils import timezone

    from privacy_center.erasure.services.core import execute_erasure, schedule_erasure
    from privacy_center.subjects import Subject

    with translation.override("en"), TestCase.captureOnCommitCallbacks(execute=True):
        erasure = schedule_erasure(Subject.for_user(swedish_customer), method="web", cooling_off_days=14)
    scheduled = mailoutbox[-1]
    assert scheduled.subject == _subject("sv", "privacy_center/erasure/email/scheduled", erasure=erasure)
    with translation.override("en"), TestCase.captureOnCommitCallbacks(execute=True):
        execute_erasure(erasure.pk, now=timezone.now() + dt.timedelta(days=15))
    completed = mailoutbox[-1]
    assert completed.subject == _t("sv", "Your data has been erased: your receipt")
    assert completed.to == ["sven@example.se"]
    # The receipt's lines too (recorded by the English worker, written to him in Swedish).
    assert _t("sv", "What we did, per kind of data") in completed.body
    assert "checked after the erasure" not in completed.body and "nothing was stored" not in completed.body
    assert "kontrollerat efter raderingen" in completed.body or "inget fanns lagrat" in completed.body


def test_an_address_without_an_account_gets_the_language_remembered_for_it(mailoutbox):
    from privacy_center.adapter import get_adapter
    from privacy_center.services.language import remember_language
    from privacy_center.subjects import Subject

    remember_language(Subject.for_email("mai@example.cn"), "zh-CN")
    with translation.override("en"):
        get_adapter().send_mail("privacy_center/emails/export_ready", "mai@example.cn", {
            "export": None, "url": "https://shop.example/x", "expiry_hours": 1, "max_downloads": 1})
    assert mailoutbox[-1].subject == _t("zh-hans", "Your data is ready to download")


def test_texts_recorded_in_english_read_in_the_customers_language_with_their_values():
    from privacy_center.services.language import translate_stored

    with translation.override("sv"):
        filed = translate_stored("Request PR-2026-000007 filed: Access: a copy of my data")
        sent = translate_stored("Acknowledgement sent with reference PR-2026-000007")
        unknown = translate_stored("Something the shop wrote by hand")
    with translation.override("sv"):
        expected = translation.gettext("Request %(reference)s filed: %(type)s") % {
            "reference": "PR-2026-000007", "type": translation.gettext("Access: a copy of my data")}
    assert filed == expected and "Access" not in filed
    assert sent.endswith("PR-2026-000007") and not sent.startswith("Acknowledgement")
    assert unknown == "Something the shop wrote by hand"


def test_a_guest_who_confirms_the_newsletter_gets_later_newsletters_in_that_language(client, mailoutbox):
    from privacy_center.consent.models import Subscription
    from privacy_center.consent.services.preferences import confirm, send_marketing_email
    from privacy_center.services.language import language_for_address

    sub = Subscription.objects.create(email="an@example.vn", channel="newsletter", status="pending",
                                      source="test")

    from django.test import RequestFactory

    request = RequestFactory().get("/privacy/newsletter/confirm/x/")  # the confirmation page, in Vietnamese
    request.LANGUAGE_CODE = "vi"
    with translation.override("vi"):
        confirm(sub, request=request)
    assert language_for_address("an@example.vn") == "vi"
    sub.refresh_from_db()
    with translation.override("en"):  # a campaign sent by a worker
        assert send_marketing_email(sub, "privacy_center/consent/email/welcome", {})
    welcome_vi = mailoutbox[-2].subject
    assert mailoutbox[-1].subject == welcome_vi
    with translation.override("en"):
        from django.template.loader import render_to_string

        english = " ".join(render_to_string("privacy_center/consent/email/welcome_subject.txt", {}).split())
    assert welcome_vi != english
