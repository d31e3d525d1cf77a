"""Issue 10: no form that takes an e-mail address tells a visitor whether that address has an account.

Each form is posted twice by an anonymous visitor, once with a customer's address and once with an
address nobody registered. The two answers must be the same: status, redirect target, and the page
finally shown (with the typed address, CSRF tokens and CSP nonces taken out), and the same number of
e-mails leave for the typed address (what they say may differ: only its owner reads it).
"""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

pytestmark = pytest.mark.django_db

REGISTERED = "ada@example.com"  # the `customer` fixture
UNKNOWN = "nobody-here@example.org"

VOLATILE = [
    re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"'),
    re.compile(r'nonce="[^"]+"'),
    re.compile(r'"csrfToken": ?"[^"]+"'),
    re.compile(r"PR-\d{4}-\d{6}"),  # the request's reference number counts up
]


def _pdf():
    return SimpleUploadedFile("permission.pdf", b"%PDF-1.4 signed permission", content_type="application/pdf")


# name: (path, form data for an address, e-mails the typed address then receives)
FORMS = {
    "newsletter": ("/privacy/newsletter/", lambda email: {"email": email, "source": "newsletter_page"}, 1),
    "guest request": ("/privacy/requests/guest/", lambda email: {"email": email, "type": "access"}, 1),
    "agent request": ("/privacy/requests/agent/", lambda email: {
        "agent_name": "Alex Agent", "agent_email": "agent@agency.example", "relationship": "Power of attorney",
        "subject_name": "Someone", "subject_email": email, "type": "access", "proof": _pdf()}, 0),
    "password reset": ("/accounts/password/reset/", lambda email: {"email": email}, 1),
    "shop contact form": ("/shop/contact/", lambda email: {
        "name": "A visitor", "email": email, "subject": "Question", "body": "Do you ship to Norway?"}, 0),
}


def _answer(path: str, data: dict, email: str, ip: str, on_commit) -> tuple:
    client = Client(REMOTE_ADDR=ip)
    client.get(path)
    sent_before = len(mail.outbox)
    with on_commit(execute=True):  # the outbox sends after commit
        response = client.post(path, data)
    location = response.headers.get("Location", "")
    page = client.get(location) if response.status_code in (301, 302, 303) else response
    html = page.content.decode().replace(email, "EMAIL")
    for pattern in VOLATILE:
        html = pattern.sub("", html)
    mails = [m for m in mail.outbox[sent_before:] if email in m.to]
    return response.status_code, location.replace(email, "EMAIL"), page.status_code, html, len(mails)


@pytest.mark.parametrize("name", FORMS)
def test_the_answer_is_the_same_for_a_registered_and_an_unknown_address(
        name, customer, settings, django_capture_on_commit_callbacks):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    path, data, mails = FORMS[name]
    known = _answer(path, data(REGISTERED), REGISTERED, "198.51.100.1", django_capture_on_commit_callbacks)
    unknown = _answer(path, data(UNKNOWN), UNKNOWN, "198.51.100.2", django_capture_on_commit_callbacks)
    assert known[0] < 500 and known[2] == 200, f"{name}: {known[:3]}"
    assert known[:3] == unknown[:3], f"{name}: status or redirect differs"
    assert known[3] == unknown[3], f"{name}: the page shown differs"
    assert (known[4], unknown[4]) == (mails, mails), f"{name}: e-mails for a customer, for an unknown address"


def test_signup_with_a_taken_address_looks_like_a_new_signup_when_verification_is_mandatory(
        customer, settings, django_capture_on_commit_callbacks):
    """allauth prevents enumeration at sign-up only with mandatory verification (as the production settings
    have); the answer is then the same "check your inbox" page, and the owner gets an e-mail."""
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    password = {"password1": "a long Passphrase 42", "password2": "a long Passphrase 42", "first_name": "Sam",
                "last_name": "Lee"}
    on_commit = django_capture_on_commit_callbacks
    known = _answer("/accounts/signup/", {"email": REGISTERED, **password}, REGISTERED, "198.51.100.3", on_commit)
    unknown = _answer("/accounts/signup/", {"email": UNKNOWN, **password}, UNKNOWN, "198.51.100.4", on_commit)
    assert known[:3] == unknown[:3]
    assert known[3] == unknown[3]
    assert known[4] == unknown[4] == 1
