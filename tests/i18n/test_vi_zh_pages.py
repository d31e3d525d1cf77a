"""A Vietnamese and a Chinese customer read the texts that come from the database in their language too:
the seeded cookie groups and their cookies, and timeline entries recorded while another language was active."""

from __future__ import annotations

import pytest
from django.utils import translation

pytestmark = pytest.mark.django_db

LANGS = {"vi": "vi", "zh-hans": "zh_Hans"}


def _t(lang: str, msgid: str) -> str:
    with translation.override(lang):
        text = translation.gettext(msgid)
    assert text != msgid, f"{msgid!r} has no {lang} translation"
    return text


@pytest.mark.parametrize("lang", LANGS)
def test_cookie_groups_and_cookies_read_in_the_customers_language(client, lang):
    page = client.get("/privacy/cookies/", HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    listing = client.get("/cookies/", HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    for msgid in ("Necessary", "Analytics", "Marketing", "Your login session and basket.",
                  "Google Ads: measures which ads led to a purchase (3 months)."):
        assert _t(lang, msgid) in page, msgid
        assert _t(lang, msgid) in listing, msgid
    assert "Keep the shop working" not in page and "Keep the shop working" not in listing
    assert "Cookies in “Marketing”" not in page


@pytest.mark.parametrize("lang", LANGS)
def test_a_group_the_shop_renamed_is_shown_as_the_shop_wrote_it(client, lang):
    from cookie_consent.models import CookieGroup

    CookieGroup.objects.filter(varname="analytics").update(name="Statistik & mätning")
    page = client.get("/privacy/cookies/", HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    assert "Statistik &amp; mätning" in page
    assert _t(lang, "Necessary") in page


@pytest.mark.parametrize("lang", LANGS)
def test_timeline_entries_recorded_in_english_show_in_the_customers_language(client, customer, lang):
    from privacy_center.requests.services.core import submit_request

    with translation.override("en"):  # e.g. written by a worker whose language is the default
        req = submit_request("access", user=customer, email=customer.email, verification="session").request
    client.force_login(customer)
    detail = client.get(f"/privacy/requests/{req.uuid}/", HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    assert "This is your free copy of the year." not in detail
    assert _t(lang, "This is your free copy of the year.") in detail
    timeline = client.get("/privacy/timeline/", HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    assert "Copy of your data requested" not in timeline
    assert _t(lang, "Copy of your data requested") in timeline


@pytest.mark.parametrize("lang", LANGS)
def test_officer_reads_the_erasure_preview_in_their_language(client, customer, make_user, make_order, lang):
    from django.contrib.auth.models import Permission

    from privacy_center.requests.services.core import submit_request

    officer = make_user(email="officer@shop.example")
    officer.is_staff = True
    officer.save(update_fields=["is_staff"])
    officer.user_permissions.add(*Permission.objects.filter(content_type__app_label="privacy_requests"))
    make_order(user=customer)
    req = submit_request("erasure", user=customer, email=customer.email, verification="").request
    client.force_login(officer)
    page = client.get(f"/admin/privacy_requests/privacyrequest/{req.pk}/change/",
                      HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    for code in ("delete", "anonymize", "keep"):
        with translation.override(lang):
            word = translation.pgettext("erasure would", code)
        assert word != code
        assert f"<td>{word}" in page, code
    assert "<td>delete" not in page and "<td>keep" not in page
