"""The library's cookie-group migration: neutral groups only, a shop's own rows never touched."""

from __future__ import annotations

import importlib

import pytest
from cookie_consent.models import Cookie, CookieGroup
from django.apps import apps

pytestmark = pytest.mark.django_db

library = importlib.import_module("privacy_center.consent.migrations.0002_cookie_groups")
DEMO_COOKIES = {"ff_analytics", "_gcl_au", "_fbp"}


def test_a_new_shop_gets_neutral_groups_and_no_third_party_cookies():
    CookieGroup.objects.all().delete()
    library.create_missing_groups(apps, None)
    groups = {g.varname: g for g in CookieGroup.objects.all()}
    assert set(groups) == {"necessary", "analytics", "marketing"}
    assert groups["necessary"].is_required and not groups["marketing"].is_required
    # Only cookies Django and the privacy center set themselves; the shop declares its own trackers.
    assert set(groups["necessary"].cookie_set.values_list("name", flat=True)) == {
        "sessionid", "csrftoken", "django_language", "cookie_consent", "privacy_visitor"}
    assert not groups["analytics"].cookie_set.exists() and not groups["marketing"].cookie_set.exists()
    assert not Cookie.objects.filter(name__in=DEMO_COOKIES).exists()
    assert "third parties" not in groups["analytics"].description  # no claim the library cannot know


def test_a_shops_existing_groups_are_left_as_the_shop_made_them():
    CookieGroup.objects.all().delete()
    mine = CookieGroup.objects.create(varname="analytics", name="Statistik", description="Matomo, self-hosted",
                                      is_required=False, is_deletable=True, ordering=3)
    Cookie.objects.create(cookiegroup=mine, name="_pk_id", description="Matomo visitor id", path="/", domain="")
    library.create_missing_groups(apps, None)
    mine.refresh_from_db()
    assert (mine.name, mine.description, mine.ordering) == ("Statistik", "Matomo, self-hosted", 3)
    assert list(mine.cookie_set.values_list("name", flat=True)) == ["_pk_id"]
    assert set(CookieGroup.objects.values_list("varname", flat=True)) == {"necessary", "analytics", "marketing"}


def test_reversing_the_migration_deletes_nothing():
    before = sorted(CookieGroup.objects.values_list("varname", flat=True))
    assert before
    operation = library.Migration.operations[0]
    operation.reverse_code(apps, None)
    assert sorted(CookieGroup.objects.values_list("varname", flat=True)) == before
    assert Cookie.objects.filter(name="_fbp").exists()  # the demo's cookie, from the demo's own migration


def test_the_demo_declares_its_own_cookies_in_its_own_migration():
    marketing = CookieGroup.objects.get(varname="marketing")
    assert {"_gcl_au", "_fbp"} <= set(marketing.cookie_set.values_list("name", flat=True))
    assert CookieGroup.objects.get(varname="analytics").cookie_set.filter(name="ff_analytics").exists()
