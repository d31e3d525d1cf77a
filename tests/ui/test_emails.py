"""Every e-mail the app sends has an HTML and a text part from one template, escaped right in each (no
``&amp;`` in a text part, no raw markup in HTML), and says only what happened."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core import mail

import privacy_center
from privacy_center.adapter import get_adapter
from privacy_center.mail import html_to_text, render_mail_parts, text_to_html
from privacy_center.subjects import Subject

pytestmark = pytest.mark.django_db

PACKAGE = Path(privacy_center.__file__).parent


def _app_mail_prefixes() -> list[str]:
    """Every ``<prefix>_subject.txt`` under a ``templates`` folder of the package: one e-mail each."""
    prefixes = []
    for subject in PACKAGE.rglob("templates/**/*_subject.txt"):
        parts = subject.parts
        relative = Path(*parts[len(parts) - 1 - parts[::-1].index("templates") + 1:])
        prefixes.append(str(relative)[: -len("_subject.txt")])
    return sorted(prefixes)


NASTY = "Filament & Form AB <b>"


def _context() -> dict:
    """Enough for any template to render; values carry characters HTML must escape and text must not."""
    return {
        "controller": {"name": NASTY, "email": "privacy@example.com", "supervisory_authority": "IMY & co"},
        "reference": "PR-2026-0001", "reason": "Tom's order & more", "outcome": "Done & dusted",
        "status_url": "https://shop.example/privacy/requests/x/?a=1&b=2", "verify_url": "https://shop.example/v/1/",
        "url": "https://shop.example/privacy/exports/1/", "cancel_url": "https://shop.example/c/1/",
        "confirm_url": "https://shop.example/n/1/", "unsubscribe_url": "https://shop.example/u/1/",
        "channel": "news & offers", "hours": 48, "max_age_hours": 24, "expiry_hours": 72, "max_downloads": 3,
        "message": {"body": "Hi & welcome <script>x</script>"},
        "receipt": {"completed_at": "2026-12-01T10:00:00", "totals": {"delete": 1, "anonymize": 0, "keep": 0},
                    "sources": [{"sentence": "Orders: 1 item deleted, checked after the erasure."}]},
        "rows": [], "holds": [], "count": 2,
    }


def test_every_app_mail_has_one_template_and_both_parts_escaped_right():
    prefixes = _app_mail_prefixes()
    assert len(prefixes) >= 15, prefixes
    for prefix in prefixes:
        folder = next(PACKAGE.rglob(prefix + "_subject.txt")).parent
        templates = {p.name for p in folder.glob(Path(prefix).name + "_message.*")}
        # One message template per mail. Mails to customers are HTML (text derived); the notices to other
        # companies (recipients/) are plain text, and get their HTML part made from it.
        expected = "txt" if "/recipients/" in prefix else "html"
        assert templates == {f"{Path(prefix).name}_message.{expected}"}, (prefix, templates)
        message = get_adapter().render_mail(prefix, "ada@example.com", _context())
        [(html, kind)] = message.alternatives
        text = message.body
        assert kind == "text/html" and text.strip(), prefix
        for entity in ("&amp;", "&lt;", "&gt;", "&#x27;", "&quot;", "<p>", "<a "):
            assert entity not in text, (prefix, entity, text)
        assert "<b>" not in html and "<script>" not in html, prefix
        if "controller" in html or NASTY in text:
            assert "Filament &amp; Form AB &lt;b&gt;" in html, prefix
        assert "{{" not in text and "{%" not in text, prefix


def test_links_keep_their_address_in_the_text_part():
    message = get_adapter().render_mail("privacy_center/requests/email/acknowledgement", "a@example.com",
                                        _context())
    assert "Follow your request: https://shop.example/privacy/requests/x/?a=1&b=2" in message.body
    assert 'href="https://shop.example/privacy/requests/x/?a=1&amp;b=2"' in message.alternatives[0][0]
    assert "Filament & Form AB <b>" in message.body


def test_html_to_text_and_back():
    text = html_to_text("<html><head><title>T</title><style>p{}</style></head><body><h1>Hello &amp; bye</h1>"
                        "<p>One\n   two <a href='https://x.example/?a=1&amp;b=2'>link</a></p>"
                        "<ul><li>first</li><li>second</li></ul><ol><li>a</li><li>b</li></ol></body></html>")
    assert text == ("Hello & bye\n\nOne two link: https://x.example/?a=1&b=2\n\n- first\n- second\n\n"
                    "1. a\n2. b")
    html = text_to_html("Tom & Jerry <b>\n\nSee https://x.example/")
    assert "<p>Tom &amp; Jerry &lt;b&gt;</p>" in html and '<a href="https://x.example/"' in html


def test_a_text_only_template_gets_an_html_part(settings, tmp_path):
    (tmp_path / "shop").mkdir()
    (tmp_path / "shop" / "note_subject.txt").write_text("Hi & hello")
    (tmp_path / "shop" / "note_message.txt").write_text("{{ name }} wrote:\n\nsee https://x.example/")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [str(tmp_path), *settings.TEMPLATES[0]["DIRS"]]}]
    parts = render_mail_parts("shop/note", {"name": "Tom & Jerry"})
    assert parts.subject == "Hi & hello"
    assert parts.text == "Tom & Jerry wrote:\n\nsee https://x.example/\n"
    assert "Tom &amp; Jerry wrote:" in parts.html and 'href="https://x.example/"' in parts.html


def test_allauth_mails_get_both_parts_without_entities_in_text(client, customer, settings):
    settings.ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Filament & Form] "
    mail.outbox.clear()
    response = client.post("/accounts/password/reset/", {"email": customer.email})
    assert response.status_code == 302
    [message] = [m for m in mail.outbox if customer.email in m.to]
    assert message.alternatives and message.alternatives[0][1] == "text/html"
    assert "&amp;" not in message.body and "&#x27;" not in message.body and message.subject.startswith("[Filament &")
    assert "/accounts/password/reset/key/" in message.alternatives[0][0]


def _erase(customer, make_order, *, notify: bool, django_capture_on_commit_callbacks):
    from privacy_center.erasure.services.core import run_due_erasures, schedule_erasure

    make_order(user=customer)  # paid: kept for bookkeeping
    with django_capture_on_commit_callbacks(execute=True):
        schedule_erasure(Subject.for_user(customer), method="test", cooling_off_days=0, notify_on_release=notify)
    with django_capture_on_commit_callbacks(execute=True):
        run_due_erasures()
    receipts = [m for m in mail.outbox if "receipt" in m.subject.lower()]
    assert len(receipts) == 1, [m.subject for m in mail.outbox]
    return receipts[0]


@pytest.mark.parametrize("notify", [False, True], ids=["no-notice", "tell-me-when-kept-data-goes"])
def test_erasure_receipt_says_what_was_done(customer, make_order, notify, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    receipt = _erase(customer, make_order, notify=notify,
                     django_capture_on_commit_callbacks=django_capture_on_commit_callbacks)
    html = receipt.alternatives[0][0]
    for part in (receipt.body, html):
        assert "will be deleted" not in part and "will be anonymized" not in part  # a receipt is in the past tense
        assert "deleted" in part or "anonymized" in part
        assert "except the records a law makes us keep" in part  # paid orders are kept for bookkeeping
    assert "&amp;" not in receipt.body
    last = "This is the last e-mail we send to this address"
    if notify:
        assert last not in receipt.body and "we keep your e-mail address for that message alone" in receipt.body
    else:
        assert last in receipt.body
