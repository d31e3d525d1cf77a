"""Clocks where the law applies: receipt days in the shop's zone, real public holidays, each country's
counting rule, periods in hours, laws without a period, the promise beside the legal deadline, the
zone check, ``manage.py privacy_deadlines`` and times shown with their zone."""

from __future__ import annotations

import datetime as dt
import io
import json
import zoneinfo
from unittest import mock

import pytest
from django.core.management import call_command
from django.template import Context, Template
from django.utils import timezone

from privacy_center.regime_table import REGIMES
from privacy_center.regimes import compute_deadline, extension_limit
from privacy_center.requests.checks import check_clock_zones
from privacy_center.requests.models import PrivacyRequest
from privacy_center.requests.services import core

D = dt.date
CHICAGO = zoneinfo.ZoneInfo("America/Chicago")


@pytest.fixture(autouse=True)
def _no_shop_promises(settings):
    settings.PRIVACY_CENTER_REQUEST_PROMISES = {}


def test_a_request_late_in_the_evening_counts_from_the_shops_day(settings):
    filed = dt.datetime(2026, 6, 30, 23, 30, tzinfo=CHICAGO)  # 04:30 UTC on 1 July
    settings.TIME_ZONE = "America/Chicago"
    assert compute_deadline(["tdpsa"], filed, "access").due == D(2026, 8, 14)  # 30 June + 45 days
    settings.TIME_ZONE = "UTC"
    assert compute_deadline(["tdpsa"], filed, "access").due == D(2026, 8, 17)  # one day late, moved off Saturday
    settings.PRIVACY_CENTER_CLOCK_TIME_ZONE = "America/Chicago"  # the setting wins over TIME_ZONE
    assert compute_deadline(["tdpsa"], filed, "access").due == D(2026, 8, 14)


def test_per_regime_time_zone(settings):
    settings.TIME_ZONE = "UTC"
    settings.PRIVACY_CENTER_REGIMES = {"tdpsa": {**REGIMES["tdpsa"], "time_zone": "America/Chicago"}}
    filed = dt.datetime(2026, 6, 30, 23, 30, tzinfo=CHICAGO)
    assert compute_deadline(["tdpsa"], filed, "access").due == D(2026, 8, 14)


def test_public_holidays_of_each_country():
    # UK request filed 1 December 2026: 1 January 2027 is New Year's Day -> Monday 4 January.
    assert compute_deadline(["uk_gdpr"], D(2026, 12, 1), "access").due == D(2027, 1, 4)
    # The same in Sweden under GDPR (the shop's country, PRIVACY_CENTER_SHOP_COUNTRY = "SE").
    assert compute_deadline(["gdpr"], D(2026, 12, 1), "access").due == D(2027, 1, 4)
    # Sweden's National Day, Saturday 6 June 2026, is a weekend anyway: Monday 8 June.
    assert compute_deadline(["gdpr"], D(2026, 5, 6), "access").due == D(2026, 6, 8)
    # Ascension Day (Thursday 14 May 2026) moves a GDPR deadline to Friday 15 May.
    assert compute_deadline(["gdpr"], D(2026, 4, 14), "access").due == D(2026, 5, 15)
    # Texas: 45 days from 2 December 2026 = Saturday 16 January -> MLK day (18), Confederate Heroes (19) -> 20th.
    assert compute_deadline(["tdpsa"], D(2026, 12, 2), "access").due == D(2027, 1, 20)


def test_the_shop_extends_a_calendar(settings):
    settings.PRIVACY_CENTER_CALENDARS = {"eu": {"holidays": ["12-24", "12-31"]}}
    # 24 November + 1 month = Thursday 24 December: closed by the shop -> Christmas, Boxing Day, weekend -> 28th.
    assert compute_deadline(["gdpr"], D(2026, 11, 24), "access").due == D(2026, 12, 28)


def test_each_countrys_counting_rule():
    # LGPD: Código Civil Art. 132 moves a deadline only off a holiday, not off a weekend.
    assert compute_deadline(["lgpd"], D(2026, 6, 5), "access").due == D(2026, 6, 20)  # a Saturday, kept
    assert compute_deadline(["lgpd"], D(2026, 8, 23), "access").due == D(2026, 9, 8)  # 7 Sept, Independence Day
    # PIPEDA: Saturday is no holiday under the Interpretation Act; Sunday is.
    assert compute_deadline(["pipeda"], D(2026, 5, 1), "access").due == D(2026, 6, 1)  # Sunday 31 -> Mon 1 June
    assert compute_deadline(["pipeda"], D(2026, 4, 30), "access").due == D(2026, 5, 30)  # a Saturday, kept
    # Connecticut: no counting rule checked, so a Saturday deadline is not moved (the earlier date).
    assert compute_deadline(["ctdpa"], D(2026, 6, 1), "access").due == D(2026, 7, 16)
    assert compute_deadline(["ctdpa"], D(2026, 6, 6), "access").due == D(2026, 7, 21)


def test_extension_maximum_from_receipt_moved_once():
    # GDPR from 30 November 2026: three months = 28 February 2027, a Sunday -> Monday 1 March.
    assert extension_limit(["gdpr"], D(2026, 11, 30), "access") == D(2027, 3, 1)
    # Texas: 90 days from receipt, moved once at the end.
    assert extension_limit(["tdpsa"], D(2026, 6, 1), "access") == D(2026, 8, 31)  # 30 Aug is a Sunday
    # The CCPA's opt-out of sale cannot be extended.
    assert extension_limit(["ccpa"], D(2026, 6, 1), "opt_out_sale") == D(2026, 6, 23)


def test_vietnam_before_and_after_2026():
    before = compute_deadline(["vn_pdpl", "vn_decree13"], dt.datetime(2025, 12, 30, 15, tzinfo=dt.UTC), "erasure")
    assert before.regime == "vn_decree13" and before.due_moment == dt.datetime(2026, 1, 2, 15, tzinfo=dt.UTC)
    after = compute_deadline(["vn_pdpl", "vn_decree13"], dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC), "withdraw_consent")
    assert after.regime == "vn_pdpl" and after.due == D(2026, 3, 17) and after.due_moment is None
    assert after.acknowledge_by == D(2026, 3, 4)  # 2 working days
    # Lunar New Year 2026 (16-20 February) closes the offices: 10 days from 8 February = 18th -> Monday 23rd.
    assert compute_deadline(["vn_pdpl"], D(2026, 2, 8), "access").due == D(2026, 2, 23)


def test_china_has_no_fixed_period_and_uses_the_promise_or_the_practice(settings):
    practice = compute_deadline(["pipl"], D(2026, 9, 28), "access")
    # 15 working days over the National Day week (1-7 October off), Saturday 10 October a working day:
    # 29, 30 Sept, 8, 9, 10, 12-16, 19-23 October.
    assert practice.due == D(2026, 10, 23) and practice.legal_due is None
    assert any("no fixed period" in rule for rule in practice.rules)
    settings.PRIVACY_CENTER_REQUEST_PROMISES = {"access": {"days": 7, "text": "Within a week."}}
    promised = compute_deadline(["pipl"], D(2026, 9, 28), "access")
    assert (promised.due, promised.promise) == (D(2026, 10, 5), "Within a week.")


@pytest.mark.django_db
def test_the_promise_is_counted_from_receipt_and_never_stretched_or_dropped(settings):
    settings.PRIVACY_CENTER_REQUEST_PROMISES = {"erasure": {"days": 30, "text": "Within 30 days."}}
    settings.PRIVACY_CENTER_DEFAULT_REGIMES = ["gdpr"]
    req = core.submit_request("erasure", email="guest@example.com").request
    received = dt.datetime(2026, 3, 2, 10, tzinfo=dt.UTC)
    PrivacyRequest.objects.filter(pk=req.pk).update(received_at=received, paused_since=received)
    req.refresh_from_db()
    # Ten days waiting for the guest's link do not move the promise (nor the GDPR deadline).
    with mock.patch("django.utils.timezone.now", return_value=received + dt.timedelta(days=10)):
        core.transition(req, "verify")
    req.refresh_from_db()
    assert req.paused_days == 10
    assert req.promise == "Within 30 days." and req.promise_due_at == D(2026, 4, 1)
    assert req.legal_due_at == D(2026, 4, 2)
    assert req.due_at == D(2026, 4, 1)


def test_zone_check_warns_for_utc(settings):
    settings.TIME_ZONE = "UTC"
    assert [w.id for w in check_clock_zones()] == ["privacy_center.W101"]
    settings.PRIVACY_CENTER_CLOCK_TIME_ZONE = "Europe/Stockholm"
    assert check_clock_zones() == []
    settings.PRIVACY_CENTER_SHOP_COUNTRY = ""
    assert [w.id for w in check_clock_zones()] == ["privacy_center.W102"]


def test_privacy_deadlines_command_prints_the_dates_and_rules():
    out = io.StringIO()
    call_command("privacy_deadlines", "--regime", "uk_gdpr", "--received", "2026-12-01T10:00:00+00:00", stdout=out)
    result = json.loads(out.getvalue())
    assert result["due"] == "2027-01-04" and result["extension_maximum"] == "2027-03-01"
    assert result["by_regime"]["uk_gdpr"]["citation"].startswith("UK GDPR Art. 12(3)")
    assert any("New Year's Day" in rule for rule in result["rules"])
    out = io.StringIO()
    call_command("privacy_deadlines", "--country", "US-CA", "--type", "opt_out_sale",
                 "--received", "2026-06-01T09:00", stdout=out)
    result = json.loads(out.getvalue())
    assert result["regimes"] == ["gdpr", "ccpa"] and result["due"] == "2026-06-23"
    assert result["acknowledge_by"] == "2026-06-15"


def test_times_are_shown_in_the_zone_they_name(rf, settings):
    moment = dt.datetime(2026, 12, 1, 21, 40, tzinfo=dt.UTC)
    template = Template("{% load privacy_center_time %}{% privacy_time moment %}")
    with timezone.override(zoneinfo.ZoneInfo("Europe/Stockholm")):
        html = template.render(Context({"moment": moment, "request": None}))
    assert "10:40 p.m." in html and "(Europe/Stockholm)" in html and 'datetime="2026-12-01T21:40:00+00:00"' in html
