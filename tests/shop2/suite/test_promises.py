"""The second shop (its own user model, full_name only) keeps the settings promises too: a retention ceiling
checked over its sources and the app's, and "you may correct your data, except your name"."""

from __future__ import annotations

import pytest
from django.core import checks
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def _ids(code):
    return {m.obj for m in checks.run_checks() if m.id == code}


def test_ceiling_lists_the_shops_and_the_apps_sources(settings):
    settings.PRIVACY_CENTER_MAX_RETENTION_DAYS = 730
    warned = _ids("privacy_center.W050")
    assert "store.invoice" in warned  # bookkeeping 7 years, no law cited in this shop's declaration
    assert "privacy_center.privacyevent" in warned
    settings.PRIVACY_CENTER_RETENTION_DAYS = {"privacy_center.privacyevent": 730}
    assert "privacy_center.privacyevent" not in _ids("privacy_center.W050")


def test_no_name_corrections(settings, ada):
    settings.PRIVACY_CENTER_EDITABLE_FIELDS = {"auth.user": []}
    client = APIClient()
    client.force_login(ada)
    assert client.get(f"/privacy/data/auth.user/{ada.pk}/").status_code == 404
    response = client.patch(f"/api/privacy/data/auth.user/{ada.pk}/", {"full_name": "Ada King"}, format="json")
    assert response.status_code in (400, 404)
    ada.refresh_from_db()
    assert ada.full_name == "Ada Lovelace"
    # The customer's own phone stays correctable: the setting names only the account.
    from tests.shop2.store.models import Customer

    profile = Customer.objects.get(user=ada)
    assert client.get(f"/privacy/data/store.customer/{profile.pk}/").status_code == 200
