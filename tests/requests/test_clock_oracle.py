"""The app's legal clocks against an independent oracle, 100,000 receipt times per regime.

The oracle below is written from the laws' texts, not from ``privacy_center``: its own month arithmetic,
its own day loop, its own table of each regime's rule, and public holidays read straight from the
``holidays`` package. Receipt times are biased to where clocks go wrong: month ends and leap days, the
zone's DST changes, public holidays and their eves, and the hour either side of local midnight.

The app is asked with every receipt time: its conversion to a receipt day runs for each of the 100,000,
and its full clock (``regime_clock``) runs once per distinct (receipt day, request type), because the
result depends on nothing else (for the 72-hour regime, once per receipt time). Run with ``-s`` to see
the mismatch count per regime.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
import zoneinfo

import holidays
import pytest

from privacy_center import clocks, regimes

D = dt.date
N = 100_000
ZONE = "Europe/Stockholm"  # the demo shop's TIME_ZONE, where receipt days are counted
TZ = zoneinfo.ZoneInfo(ZONE)
FIRST, LAST = D(2024, 1, 1), D(2034, 12, 31)
WORK_WEEK = {5, 6}

# code: country, subdiv, categories, weekend, first period, legal maximum from the start, roll rule,
#       request types with other periods, acknowledgement, receipt days the regime is in force
US = dict(cats=("public",), weekend=WORK_WEEK, first=("days", 45), total=("days", 90), types={}, ack=None)
ORACLE = {
    "gdpr": dict(country="SE", subdiv=None, cats=("public",), weekend=WORK_WEEK, first=("months", 1),
                 total=("months", 3), roll="any", types={}, ack=None),
    "uk_gdpr": dict(country="GB", subdiv="ENG", cats=("public",), weekend=WORK_WEEK, first=("months", 1),
                    total=("months", 3), roll="any", types={}, ack=None),
    "ccpa": dict(country="US", subdiv="CA", cats=("public",), weekend=WORK_WEEK, first=("days", 45),
                 total=("days", 90), roll="any", types={"opt_out_sale": ("business_days", 15)},
                 ack=("business_days", 10)),
    "lgpd": dict(country="BR", subdiv=None, cats=("public",), weekend=WORK_WEEK, first=("days", 15), total=None,
                 roll="holidays", types={}, ack=None),
    "pipa": dict(country="KR", subdiv=None, cats=("public",), weekend=WORK_WEEK, first=("days", 10), total=None,
                 roll="any", types={}, ack=None),
    "pipeda": dict(country="CA", subdiv=None, cats=("public", "government"), weekend={6}, first=("days", 30),
                   total=("days", 60), roll="any", types={}, ack=None),
    "vn_pdpl": dict(country="VN", subdiv=None, cats=("public",), weekend=WORK_WEEK, first=("days", 10),
                    total=("days", 25), roll="any", ack=("business_days", 2), since=D(2026, 1, 1),
                    types={"withdraw_consent": ("days", 15), "restriction": ("days", 15),
                           "objection": ("days", 15)}),
    "vn_decree13": dict(country="VN", subdiv=None, cats=("public",), weekend=WORK_WEEK, first=("hours", 72),
                        total=None, roll="none", types={}, ack=None, since=D(2023, 7, 1), until=D(2025, 12, 31)),
    "pipl": dict(country="CN", subdiv=None, cats=("public",), weekend=WORK_WEEK, first=("business_days", 15),
                 total=None, roll="any", types={}, ack=None),
    "tdpsa": dict(country="US", subdiv="TX", roll="any", **US),
    "vcdpa": dict(country="US", subdiv="VA", roll="any", **US),
    "cpa_co": dict(country="US", subdiv="CO", roll="any", **US),
    "ctdpa": dict(country="US", subdiv="CT", roll="none", **US),
    "ocpa": dict(country="US", subdiv="OR", roll="any", **US),
    # Mont. Code Ann. §§ 1-1-306, 1-1-307; its holidays are § 1-1-216's list, which has no Juneteenth.
    "mcdpa": dict(country="US", subdiv="MT", roll="any", not_holidays={"Juneteenth National Independence Day"},
                  **US),
    "dpdpa": dict(country="US", subdiv="DE", roll="none", **US),
}
TOTALS_WITH_TYPES = {("vn_pdpl", "withdraw_consent"), ("vn_pdpl", "restriction"), ("vn_pdpl", "objection")}


class Oracle:
    """Obviously-correct counting for one regime."""

    def __init__(self, spec):
        self.spec = spec
        found = holidays.country_holidays(spec["country"], subdiv=spec["subdiv"], years=range(2023, 2037),
                                          categories=spec["cats"])
        skip = spec.get("not_holidays", set())
        self.holidays = {day for day in found if set(found.get_list(day)) - skip}
        self.workdays = set(found.weekend_workdays)
        self.memo = {}

    def working(self, day):
        if day.weekday() in self.spec["weekend"]:
            return day in self.workdays
        return day not in self.holidays

    def plus(self, day, unit, n):
        if unit == "months":
            month = day.month + n
            year = day.year + (month - 1) // 12
            month = (month - 1) % 12 + 1
            return D(year, month, min(day.day, calendar.monthrange(year, month)[1]))
        if unit == "days":
            return day + dt.timedelta(days=n)
        while n:  # business days: the n-th working day after the day of receipt
            day += dt.timedelta(days=1)
            if self.working(day):
                n -= 1
        return day

    def end(self, day, unit, n):
        last = self.plus(day, unit, n)
        moves = self.spec["roll"] == "any" or (
            self.spec["roll"] == "holidays" and last in self.holidays and last.weekday() not in self.spec["weekend"])
        while moves and not self.working(last):
            last += dt.timedelta(days=1)
        return last

    def clock(self, received: dt.datetime, request_type: str):
        unit, n = self.spec["types"].get(request_type, self.spec["first"])
        if unit == "hours":
            # 72 hours of elapsed time: counted in UTC, then read as a local day.
            moment = (received.astimezone(dt.UTC) + dt.timedelta(hours=n)).astimezone(TZ)
            return moment.date(), moment.date(), None
        key = (received.astimezone(TZ).date(), request_type)
        if key not in self.memo:
            self.memo[key] = self.day_clock(*key)
        return self.memo[key]

    def day_clock(self, day: dt.date, request_type: str):
        unit, n = self.spec["types"].get(request_type, self.spec["first"])
        due = self.end(day, unit, n)
        total = self.spec["total"]
        if total and request_type in self.spec["types"]:
            extra = total[1] - self.spec["first"][1]
            total = (unit, n + extra) if (self.spec.get("code"), request_type) in TOTALS_WITH_TYPES else None
        limit = self.end(day, *total) if total else due
        ack = self.plus(day, *self.spec["ack"]) if self.spec["ack"] else None
        return due, limit, ack


def receipt_times(code: str, spec, oracle: Oracle) -> list[tuple[dt.datetime, str]]:
    rnd = random.Random(code)
    tz = TZ
    first, last = max(FIRST, spec.get("since", FIRST)), min(LAST, spec.get("until", LAST))
    span = (last - first).days
    days_in = [first + dt.timedelta(days=i) for i in range(span + 1)]
    month_ends = [d for d in days_in if (d + dt.timedelta(days=1)).day == 1 or d.day == 1
                  or (d.month == 2 and d.day >= 27)]
    dst = [d for d in days_in
           if dt.datetime.combine(d, dt.time(0), tz).utcoffset() != dt.datetime.combine(d, dt.time(23), tz).utcoffset()]
    near_holidays = [d + dt.timedelta(days=k) for d in sorted(oracle.holidays) if first <= d <= last for k in (-1, 0)]
    near_holidays = [d for d in near_holidays if first <= d <= last] or days_in
    types = ["access", *spec["types"]]
    midnights = {d: dt.datetime.combine(d, dt.time(0), tz) for d in days_in}
    pools = [(0.3, days_in), (0.5, month_ends or days_in), (0.65, dst or days_in), (1.0, near_holidays)]
    random_ = rnd.random
    out = []
    for _ in range(N):
        pick = random_()
        pool = next(p for limit, p in pools if pick < limit)
        day = pool[int(random_() * len(pool))]
        if random_() < 0.4:  # the hour either side of local midnight
            seconds = int(random_() * 3600) + (23 * 3600 if random_() < 0.5 else 0)
        else:
            seconds = int(random_() * 86400)
        # Wall-clock time of that day (both sides of the autumn's repeated hour).
        local = (midnights[day] + dt.timedelta(seconds=seconds)).replace(fold=int(random_() * 2))
        out.append((local.astimezone(dt.UTC), types[int(random_() * len(types))]))
    return out


@pytest.fixture(scope="module")
def mismatches():
    counts: dict[str, int] = {}
    yield counts
    print("\nclock oracle: mismatches per regime over", N, "receipt times each:")
    for code, count in counts.items():
        print(f"  {code:12} {count}")


@pytest.mark.parametrize("code", list(ORACLE))
def test_app_agrees_with_the_oracle(code, settings, mismatches):
    settings.PRIVACY_CENTER_REQUEST_PROMISES = {}
    assert settings.TIME_ZONE == ZONE and settings.PRIVACY_CENTER_SHOP_COUNTRY == "SE"
    spec = {**ORACLE[code], "code": code}
    regime = regimes.get_regime(code)
    oracle = Oracle(spec)
    tz = clocks.zone(regime.time_zone)
    hours = spec["first"][0] == "hours"
    memo: dict[tuple, tuple] = {}
    bad = []
    for received, request_type in receipt_times(code, spec, oracle):
        key = (received,) if hours else (clocks.receipt_day(received, tz), request_type)
        got = memo.get(key)
        if got is None:
            clock = regimes.regime_clock(regime, received, request_type, explain=False)
            got = memo[key] = (clock.due, clock.limit, clock.acknowledge_by)
        expected = oracle.clock(received, request_type)
        if got != expected:
            bad.append((received.isoformat(), request_type, got, expected))
    mismatches[code] = len(bad)
    assert not bad, f"{len(bad)} mismatches, e.g. {bad[:3]}"


@pytest.mark.parametrize(("received", "due", "why"), [
    (D(2026, 5, 5), D(2026, 6, 19), "Juneteenth is no Montana legal holiday (§ 1-1-216): not moved"),
    (D(2026, 5, 6), D(2026, 6, 22), "a Saturday: the next business day (§ 1-1-307)"),
    (D(2026, 5, 7), D(2026, 6, 22), "a Sunday is a legal holiday (§ 1-1-216(1)(a))"),
])
def test_montana_moves_a_deadline_only_as_its_code_says(received, due, why):
    clock = regimes.regime_clock(regimes.get_regime("mcdpa"), received, "access")
    assert clock.due == due, why
    assert any("1-1-307" in rule for rule in clock.rules)


def test_connecticut_and_delaware_keep_the_earlier_date_and_say_why():
    for code in ("ctdpa", "dpdpa"):
        clock = regimes.regime_clock(regimes.get_regime(code), D(2026, 5, 6), "access")
        assert clock.due == D(2026, 6, 20)  # a Saturday, not moved: no counting rule was found
        assert regimes.get_regime(code).counting.startswith("calendar days; no general counting rule")
