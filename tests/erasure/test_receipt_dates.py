"""The erasure receipt (the completion e-mail and the sentences stored in it) writes dates as the customer's
language does ("Dec. 31, 2033", "31 december 2033"), never as ISO (2033-12-31)."""

from __future__ import annotations

import re

import pytest
from django.utils import formats, timezone, translation

from privacy_center.erasure.services.core import erase_now
from privacy_center.subjects import Subject

pytestmark = pytest.mark.django_db
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def _receipt_mail(mailoutbox):
    [mail] = [m for m in mailoutbox if m.to == ["ada@example.com"]]
    return mail.body, mail.alternatives[0][0] if mail.alternatives else ""


def test_the_receipt_writes_localized_dates(shop_customer, django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        outcome = erase_now(Subject.for_user(shop_customer), method="command")
    text, html = _receipt_mail(mailoutbox)
    today = formats.date_format(timezone.localdate(), "DATE_FORMAT")
    assert f"we erased your data on {today}" in text
    assert not ISO_DATE.search(text), ISO_DATE.search(text)
    assert not ISO_DATE.search(re.sub(r"<[^>]+>", " ", html))
    orders = next(row for row in outcome.erasure.receipt["sources"] if row["name"] == "shop_demo.order")
    assert re.search(r"until [A-Z][a-z]{2}\. \d{1,2}, \d{4}, then erased", orders["sentence"]), orders["sentence"]


def test_the_receipt_in_swedish_writes_swedish_dates(shop_customer, django_capture_on_commit_callbacks,
                                                     mailoutbox):
    from privacy_center.services.language import remember_user_language

    remember_user_language(shop_customer, "sv")
    with django_capture_on_commit_callbacks(execute=True):
        erase_now(Subject.for_user(shop_customer), method="command")
    text, _html = _receipt_mail(mailoutbox)
    with translation.override("sv"):
        today = formats.date_format(timezone.localdate(), "DATE_FORMAT")
    assert today in text and not ISO_DATE.search(text)
