"""Due dates from the regimes: month ends, business days, day one, pauses, earliest wins, promises, extensions."""

from __future__ import annotations

import datetime as dt

import pytest

from privacy_center import regimes
from privacy_center.regimes import Calendar, Period, add_months, compute_deadline, extension_limit

D = dt.date


@pytest.fixture(autouse=True)
def _no_shop_promises(settings):
    """The demo shop promises shorter clocks; these tests are about the law's."""
    settings.PRIVACY_CENTER_REQUEST_PROMISES = {}


def test_demo_shop_promise_for_opt_out_is_shown(settings):
    settings.PRIVACY_CENTER_REQUEST_PROMISES = {"opt_out_sale": {"days": 15, "text": "Within 15 days."}}
    deadline = compute_deadline(["ccpa"], D(2026, 6, 1), "opt_out_sale")
    assert (deadline.due, deadline.promise) == (D(2026, 6, 16), "Within 15 days.")


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2028, 1, 31), 1, D(2028, 2, 29)),  # leap year
        (D(2026, 3, 31), 1, D(2026, 4, 30)),
        (D(2026, 12, 15), 1, D(2027, 1, 15)),
        (D(2026, 11, 30), 3, D(2027, 2, 28)),
        (D(2026, 5, 31), -3, D(2026, 2, 28)),
    ],
)
def test_add_months_clamps_to_month_end(start, months, expected):
    assert add_months(start, months) == expected


def test_business_days_skip_weekends_and_holidays():
    cal = Calendar(extra=frozenset({"12-25", "2026-12-28"}))
    # Wed 23 Dec 2026: Thu 24 (1), Fri 25 holiday, Mon 28 holiday, Tue 29 (2), Wed 30 (3)
    assert cal.add_business_days(D(2026, 12, 23), 3) == D(2026, 12, 30)
    assert cal.add_business_days(D(2026, 12, 23), 3, start_counts=True) == D(2026, 12, 29)
    assert cal.next_business_day(D(2026, 12, 26)) == D(2026, 12, 29)


def test_gdpr_one_month_from_receipt_rolls_to_next_business_day():
    # 31 Jan 2026 + 1 month = Sat 28 Feb -> Monday 2 March
    deadline = compute_deadline(["gdpr"], D(2026, 1, 31), "access")
    assert deadline.by_regime["gdpr"] == D(2026, 3, 2)
    # 15 June 2026 -> Wed 15 July
    assert compute_deadline(["gdpr"], D(2026, 6, 15), "access").due == D(2026, 7, 15)


def test_uk_gdpr_starts_on_identity_arrival_and_gdpr_counts_from_receipt():
    received = D(2026, 6, 15)
    arrival = dt.datetime(2026, 6, 21, 9, tzinfo=dt.UTC)
    assert compute_deadline(["uk_gdpr"], received, "access", paused_days=6, identity_at=arrival).due == D(2026, 7, 21)
    assert compute_deadline(["gdpr"], received, "access", paused_days=6, identity_at=arrival).due == D(2026, 7, 15)


def test_receipt_is_day_one_for_day_counts(settings):
    settings.PRIVACY_CENTER_REGIMES = {
        "day_one": {"label": "Day one", "period": {"days": 10}, "receipt_is_day_one": True},
    }
    assert compute_deadline(["day_one"], D(2026, 6, 1), "access").due == D(2026, 6, 10)
    assert compute_deadline(["pipa"], D(2026, 6, 1), "access").due == D(2026, 6, 11)


def test_ccpa_45_days_acknowledge_in_10_business_days_and_opt_out_in_15_business_days():
    received = D(2026, 6, 1)  # a Monday
    deadline = compute_deadline(["ccpa"], received, "access")
    assert deadline.due == D(2026, 7, 16)
    assert deadline.acknowledge_by == D(2026, 6, 15)
    opt_out = compute_deadline(["ccpa"], received, "opt_out_sale")
    # 15 business days, 19 June (Juneteenth) is a US holiday in the "us" calendar
    assert opt_out.due == D(2026, 6, 23)
    assert opt_out.no_verification is True
    assert deadline.no_verification is False


def test_earliest_deadline_wins():
    deadline = compute_deadline(["gdpr", "ccpa", "lgpd", "pipa"], D(2026, 6, 1), "access")
    assert deadline.regime == "pipa"
    assert deadline.due == D(2026, 6, 11)
    assert deadline.by_regime["lgpd"] == D(2026, 6, 16)
    assert compute_deadline(["gdpr", "pipeda"], D(2026, 6, 1), "access").regime == "gdpr"


def test_shop_promise_sets_due_date_when_shorter(settings):
    settings.PRIVACY_CENTER_REQUEST_PROMISES = {"erasure": {"days": 20, "text": "Within 20 days."}}
    deadline = compute_deadline(["gdpr"], D(2026, 6, 1), "erasure")
    assert deadline.due == D(2026, 6, 21)
    assert deadline.promise == "Within 20 days."
    assert deadline.regime == "gdpr"
    # A promise longer than the law never extends the legal deadline, and is still shown beside it.
    settings.PRIVACY_CENTER_REQUEST_PROMISES = {"erasure": {"days": 60, "text": "Within 60 days."}}
    later = compute_deadline(["gdpr"], D(2026, 6, 1), "erasure")
    assert (later.due, later.legal_due, later.promise_due) == (D(2026, 7, 1), D(2026, 7, 1), D(2026, 7, 31))
    assert later.promise == "Within 60 days."


def test_extension_limits():
    received = D(2026, 1, 31)
    # GDPR: three months from receipt (30 April 2026), not two months after the moved first deadline
    # (2 March + 2 months = Saturday 2 May -> 4 May, which is later than the law).
    assert extension_limit(["gdpr"], received, "access") == D(2026, 4, 30)
    # CCPA: 90 days from receipt = Sunday 30 August -> Monday 31 August (Code Civ. Proc. § 12a)
    assert extension_limit(["ccpa"], D(2026, 6, 1), "access") == D(2026, 8, 31)
    # LGPD has no extension: the limit is its first deadline, and it caps the others
    assert extension_limit(["gdpr", "lgpd"], D(2026, 6, 1), "access") == D(2026, 6, 16)


def test_shop_added_regime_and_removed_default(settings):
    settings.PRIVACY_CENTER_REGIMES = {"fast": {"label": "Fast", "period": {"business_days": 2}}, "pipa": None}
    assert "pipa" not in regimes.all_regimes()
    assert compute_deadline(["fast", "gdpr"], D(2026, 6, 5), "access").due == D(2026, 6, 9)
    with pytest.raises(regimes.UnknownRegime):
        compute_deadline(["pipa"], D(2026, 6, 5), "access")


def test_regimes_for_country(settings):
    assert regimes.regimes_for_country(None) == ["gdpr"]
    assert regimes.regimes_for_country("us-ca") == ["gdpr", "ccpa"]
    assert regimes.regimes_for_country("GB") == ["gdpr", "uk_gdpr"]
    settings.PRIVACY_CENTER_DEFAULT_REGIMES = ["pipeda"]
    assert regimes.regimes_for_country("SE") == ["pipeda", "gdpr"]


def test_period_parse_rejects_bad_specs():
    with pytest.raises(ValueError):
        Period.parse({"weeks": 2})
    with pytest.raises(ValueError):
        Period.parse({"days": 2, "months": 1})
    assert str(Period.parse({"business_days": 10})) == "10 business days"
