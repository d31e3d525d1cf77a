"""Every event reaches the recipients that received the data: corrections with the changed fields, restriction
and its lifting, objection, opt-out of sale/sharing, consent withdrawal."""

from __future__ import annotations

import pytest

from privacy_center.models import RecipientNotification
from privacy_center.registry import site
from privacy_center.services.correction import apply_correction, correction_form
from privacy_center.services.restriction import set_flags
from privacy_center.subjects import Subject

pytestmark = pytest.mark.django_db


def test_a_corrected_address_reaches_the_carrier_with_the_changed_fields(receiver, customer):
    from shop_demo.models import Address

    address = Address.objects.create(user=customer, full_name="Ada Lovelace", line1="Storgatan 1", city="Uppsala",
                                     postcode="753 20", country="SE")
    source = site.get("shop_demo.address")
    data = {"full_name": "Ada Lovelace", "line1": "Drottninggatan 5", "line2": "", "postcode": "111 51",
            "city": "Stockholm", "country": "SE", "phone": ""}
    form = correction_form(source, instance=address, data=data, initial={
        "full_name": "Ada Lovelace", "line1": "Storgatan 1", "line2": "", "postcode": "753 20", "city": "Uppsala",
        "country": "SE", "phone": ""})
    assert form.is_valid(), form.errors
    apply_correction(Subject.for_user(customer), source, form)

    [hook] = receiver.delivered
    assert hook["valid"]
    body = hook["body"]
    assert body["type"] == "privacy.rectification"
    assert body["data"]["changes"] == {"line1": "Drottninggatan 5", "postcode": "111 51", "city": "Stockholm"}
    assert body["data"]["sources"] == ["shop_demo.address"]
    n = RecipientNotification.objects.get()
    assert n.recipient == "postnord" and n.fields == ["city", "line1", "postcode"]
    assert n.status == RecipientNotification.Status.ACKNOWLEDGED


def test_restriction_and_its_lifting_reach_the_recipients_of_held_data(receiver, customer, make_order):
    make_order(user=customer)
    subject = Subject.for_user(customer)
    set_flags(subject, method="web", processing_restricted=True)
    set_flags(subject, method="web", processing_restricted=False)
    told = {(n.recipient, n.event) for n in RecipientNotification.objects.all()}
    # The order went to Stripe and PostNord, the profile to Klarna (the accountants are not told of restrictions).
    assert told == {(r, e) for r in ("stripe", "postnord", "klarna") for e in ("restriction", "restriction_lifted")}
    assert [h["body"]["type"] for h in receiver.delivered].count("privacy.restriction_lifted") == 3


def test_objection_and_opt_out_reach_the_ad_platforms(receiver, customer):
    subject = Subject.for_user(customer)
    set_flags(subject, method="web", opted_out_of_sale=True, objected_to_marketing=True)
    told = {(n.recipient, n.event) for n in RecipientNotification.objects.all()}
    assert told == {("google_ads", "opt_out_sale"), ("meta", "opt_out_sale"), ("google_ads", "objection"),
                    ("meta", "objection")}
    assert all(h["valid"] for h in receiver.delivered) and len(receiver.delivered) == 4


def test_consent_withdrawal_not_a_first_no_reaches_the_tag_recipients(receiver, customer):
    from privacy_center.consent.services.cookies import _record

    key = f"user:{customer.pk}"
    _record(key, customer, "marketing", False, method="settings")  # a first "no": nobody got anything
    assert not RecipientNotification.objects.exists()
    _record(key, customer, "marketing", True, method="settings")
    _record(key, customer, "marketing", False, method="settings")
    told = sorted(RecipientNotification.objects.values_list("recipient", "event"))
    assert told == [("google_ads", "consent_withdrawn"), ("meta", "consent_withdrawn")]
    assert {h["body"]["data"]["consent_group"] for h in receiver.delivered} == {"marketing"}


def test_without_the_webhook_variables_recipients_get_a_templated_email(customer, make_order, mailoutbox):
    make_order(user=customer)
    set_flags(Subject.for_user(customer), method="web", processing_restricted=True)
    to = sorted(m.to[0] for m in mailoutbox)
    assert to == ["dataskydd@postnord.example", "privacy-requests@klarna.example", "privacy@stripe.example"]
    mail = next(m for m in mailoutbox if m.to == ["privacy@stripe.example"])
    assert "Restriction of processing passed on to you" in mail.subject
    assert "restrict the processing" in mail.body and customer.email in mail.body
    n = RecipientNotification.objects.get(recipient="stripe")
    assert n.status == RecipientNotification.Status.SENT and n.channel == "email"
    assert mail.extra_headers["Message-ID"].startswith(f"<{n.uuid}@")
