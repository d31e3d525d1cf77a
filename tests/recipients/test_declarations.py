"""Recipients as declared objects: registration, the old free-text form, and the checks that fail at ``check``."""

from __future__ import annotations

import pytest
from django.core import checks

from privacy_center.checks import check_recipients
from privacy_center.recipients import Recipient, Role, Safeguard
from privacy_center.registry import site
from privacy_center.sources import ModelSource
from tests.webhook_receiver import SECRET


def _ids(messages):
    return sorted(m.id for m in messages)


def test_demo_recipients_are_declared_with_roles_countries_and_safeguards(settings):
    settings.SHOP_DEMO_RECIPIENT_WEBHOOK_URL = ""
    names = {r.name: r for r in site.declared_recipients()}
    assert {"klarna", "postnord", "stripe", "mailgun", "hetzner", "accountants"} <= set(names)
    stripe = names["stripe"].describe()
    assert stripe["role"] == Role.PROCESSOR and stripe["transfer"] and stripe["safeguard"] == Safeguard.SCC
    assert names["klarna"].describe()["role"] == Role.CONTROLLER and not names["klarna"].transfer()
    assert names["postnord"].channel() == "email" and names["accountants"].channel() == "manual"
    order = site.get("shop_demo.order")
    assert [r.name for r in site.recipients_of(order)] == ["stripe", "postnord", "accountants"]
    # What customers read is the recipient's label.
    assert "PostNord Sverige AB (delivery)" in order.describe().recipients


def test_with_the_demo_variables_every_recipient_is_a_webhook(settings):
    settings.SHOP_DEMO_RECIPIENT_WEBHOOK_URL = "https://hooks.example/privacy"
    settings.SHOP_DEMO_RECIPIENT_WEBHOOK_SECRET = SECRET
    assert site.get_recipient("postnord").channel() == "webhook"
    assert site.get_recipient("accountants").channel() == "manual"  # told by staff whatever is set
    assert check_recipients(None) == []


def _source(recipients):
    from shop_demo.models import Review

    return type("ReviewAgain", (ModelSource,), {"Meta": type("Meta", (), {
        "model": Review, "name": "test.review", "user_path": "user", "fields": {"title": None},
        "recipients": recipients})})


def test_a_recipient_named_but_not_declared_fails_the_check(settings):
    site.register(_source(["nobody_declared_this"]))
    messages = check_recipients(None)
    assert _ids(messages) == ["privacy_center.E040"] and "nobody_declared_this" in messages[0].msg
    assert isinstance(messages[0], checks.Error)


def test_the_old_free_text_form_still_works_warns_and_is_manual():
    from django.utils.translation import gettext_lazy as _

    site.register(_source([_("Some Partner AB (analytics)")]))
    messages = check_recipients(None)
    assert _ids(messages) == ["privacy_center.W040"]
    [legacy] = site.recipients_of(site.get("test.review"))
    assert legacy.channel() == "manual" and str(legacy.label) == "Some Partner AB (analytics)"
    with pytest.warns(DeprecationWarning, match="free text"):
        site.recipients_of(site.get("test.review"), warn=True)


def test_a_webhook_without_https_or_without_a_secret_fails_the_check(settings):
    settings.DEBUG = False
    settings.SHOP_DEMO_RECIPIENT_WEBHOOK_URL = "http://hooks.example/privacy"
    settings.SHOP_DEMO_RECIPIENT_WEBHOOK_SECRET = ""
    ids = _ids(check_recipients(None))
    assert "privacy_center.E041" in ids and "privacy_center.E042" in ids
    settings.SHOP_DEMO_RECIPIENT_WEBHOOK_URL = "https://hooks.example/privacy"
    settings.SHOP_DEMO_RECIPIENT_WEBHOOK_SECRET = "not-a-whsec-secret"
    messages = check_recipients(None)
    assert set(_ids(messages)) == {"privacy_center.E042"} and "whsec_" in messages[0].msg


def test_a_recipient_needs_a_key():
    class Nameless(Recipient):
        label = "Someone"

    with pytest.raises(ValueError, match="lower-case key"):
        site.register(Nameless)
