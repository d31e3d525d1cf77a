"""Legal clocks as data: regimes, business-day calendars and due-date arithmetic.

A regime (GDPR, UK GDPR, CCPA, ...) is a dict in ``PRIVACY_CENTER_REGIMES`` (merged over
``app_settings.REGIMES``' defaults, so a shop adds or overrides one without code)::

    "ccpa": {
        "label": "CCPA (California)",
        "period": {"days": 45},              # or {"months": 1} or {"business_days": 10}
        "extension": {"days": 45},           # the legal maximum added to the first period; None: none
        "acknowledge": {"business_days": 10},
        "types": {"opt_out_sale": {"business_days": 15}},   # shorter clocks for some request types
        "no_verification": ["opt_out_sale"], # types honoured without identity verification
        "receipt_is_day_one": False,         # count the day of receipt as day one (ICO practice)
        "pause_while_awaiting": False,       # the clock stops while waiting for identity/clarification
        "roll_forward": False,               # a due date on a weekend or holiday moves to the next business day
        "calendar": "us",                    # a key of PRIVACY_CENTER_CALENDARS
    }

Months are calendar months ending on the corresponding date, clamped to the month's last day
(31 January + 1 month = 28 or 29 February), as Regulation 1182/71 and the ICO count them.
Where several regimes apply, the earliest deadline wins; a shop's promise for a request type
(``PRIVACY_CENTER_REQUEST_PROMISES``) sets the due date when it is earlier still.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .app_settings import app_settings


class UnknownRegime(KeyError):
    pass


@dataclass(frozen=True)
class Period:
    """A legal period: calendar months, calendar days or business days."""

    months: int = 0
    days: int = 0
    business_days: int = 0

    @classmethod
    def parse(cls, spec: dict[str, int] | Period | None) -> Period | None:
        if spec is None or isinstance(spec, Period):
            return spec
        unknown = set(spec) - {"months", "days", "business_days"}
        if unknown or len(spec) != 1:
            raise ValueError(f"A period is one of months/days/business_days, got {spec!r}")
        return cls(**{k: int(v) for k, v in spec.items()})

    def __str__(self) -> str:
        from django.utils.translation import ngettext

        if self.months:
            return ngettext("%(n)d month", "%(n)d months", self.months) % {"n": self.months}
        if self.business_days:
            return ngettext("%(n)d business day", "%(n)d business days", self.business_days) % {
                "n": self.business_days
            }
        return ngettext("%(n)d day", "%(n)d days", self.days) % {"n": self.days}


@dataclass(frozen=True)
class Calendar:
    """Which days are not business days: weekdays (0=Monday) and holidays ("MM-DD" yearly or ISO dates)."""

    weekend: frozenset[int] = frozenset({5, 6})
    holidays: frozenset[str] = frozenset()

    def is_business_day(self, day: dt.date) -> bool:
        if day.weekday() in self.weekend:
            return False
        return day.isoformat() not in self.holidays and day.strftime("%m-%d") not in self.holidays

    def next_business_day(self, day: dt.date) -> dt.date:
        """``day`` itself when it is a business day, else the first one after it."""
        while not self.is_business_day(day):
            day += dt.timedelta(days=1)
        return day

    def add_business_days(self, start: dt.date, count: int, *, start_counts: bool = False) -> dt.date:
        """The ``count``-th business day after ``start`` (``start`` itself is day one if ``start_counts``)."""
        if count <= 0:
            return start
        day = start
        remaining = count
        if start_counts and self.is_business_day(start):
            remaining -= 1
        while remaining > 0:
            day += dt.timedelta(days=1)
            if self.is_business_day(day):
                remaining -= 1
        return day


@dataclass(frozen=True)
class Regime:
    code: str
    label: str
    period: Period
    extension: Period | None = None
    acknowledge: Period | None = None
    types: dict[str, Period] = field(default_factory=dict)
    no_verification: frozenset[str] = frozenset()
    receipt_is_day_one: bool = False
    pause_while_awaiting: bool = False
    roll_forward: bool = False
    calendar: Calendar = field(default_factory=Calendar)

    def period_for(self, request_type: str) -> Period:
        return self.types.get(request_type, self.period)


def add_months(day: dt.date, months: int) -> dt.date:
    """The corresponding date ``months`` later, clamped to that month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, _calendar.monthrange(year, month)[1]))


def add_period(start: dt.date, period: Period, cal: Calendar, *, day_one: bool = False) -> dt.date:
    """``start`` + ``period``. With ``day_one``, a count of days includes ``start`` itself."""
    if period.months:
        return add_months(start, period.months)
    if period.business_days:
        return cal.add_business_days(start, period.business_days, start_counts=day_one)
    return start + dt.timedelta(days=period.days - (1 if day_one and period.days else 0))


def get_calendar(name: str) -> Calendar:
    spec = app_settings.CALENDARS.get(name)
    if spec is None:
        raise UnknownRegime(f"Unknown business-day calendar {name!r} (PRIVACY_CENTER_CALENDARS)")
    return Calendar(
        weekend=frozenset(int(d) for d in spec.get("weekend", (5, 6))),
        holidays=frozenset(str(h) for h in spec.get("holidays", ())),
    )


def _build(code: str, spec: dict[str, Any]) -> Regime:
    return Regime(
        code=code,
        label=str(spec.get("label", code)),
        period=Period.parse(spec["period"]),
        extension=Period.parse(spec.get("extension")),
        acknowledge=Period.parse(spec.get("acknowledge")),
        types={t: Period.parse(p) for t, p in (spec.get("types") or {}).items()},
        no_verification=frozenset(spec.get("no_verification", ())),
        receipt_is_day_one=bool(spec.get("receipt_is_day_one", False)),
        pause_while_awaiting=bool(spec.get("pause_while_awaiting", False)),
        roll_forward=bool(spec.get("roll_forward", False)),
        calendar=get_calendar(spec.get("calendar", "default")),
    )


def all_regimes() -> dict[str, Regime]:
    """Every configured regime by code (defaults merged with the shop's; ``None`` removes one)."""
    return {code: _build(code, spec) for code, spec in app_settings.REGIMES.items()}


def get_regime(code: str) -> Regime:
    spec = app_settings.REGIMES.get(code)
    if spec is None:
        raise UnknownRegime(f"Unknown privacy regime {code!r} (PRIVACY_CENTER_REGIMES)")
    return _build(code, spec)


def regime_choices() -> list[tuple[str, str]]:
    return [(code, regime.label) for code, regime in all_regimes().items()]


def regimes_for_country(country: str | None) -> list[str]:
    """The shop's own regimes plus those of the customer's country (``"US-CA"`` falls back to ``"US"``)."""
    codes = list(app_settings.DEFAULT_REGIMES)
    mapping = app_settings.COUNTRY_REGIMES
    if country:
        country = country.upper()
        extra = mapping.get(country) or mapping.get(country.split("-")[0]) or []
        codes += [c for c in extra if c not in codes]
    return codes


@dataclass(frozen=True)
class Deadline:
    """The due date of one request and how it was reached."""

    due: dt.date
    regime: str  # the regime whose deadline won (or whose law the promise shortens)
    by_regime: dict[str, dt.date]
    acknowledge_by: dt.date | None = None
    promise: str = ""  # the shop's promise text when it set the due date
    no_verification: bool = False


def regime_due(regime: Regime, received: dt.date, request_type: str, paused_days: int = 0) -> dt.date:
    """One regime's due date for a request received on ``received``."""
    due = add_period(received, regime.period_for(request_type), regime.calendar, day_one=regime.receipt_is_day_one)
    if regime.pause_while_awaiting and paused_days:
        due += dt.timedelta(days=paused_days)
    if regime.roll_forward:
        due = regime.calendar.next_business_day(due)
    return due


def compute_deadline(codes: Iterable[str], received: dt.date, request_type: str, paused_days: int = 0) -> Deadline:
    """The earliest deadline of the applicable regimes, or the shop's shorter promise."""
    regimes = [get_regime(c) for c in dict.fromkeys(codes)]
    if not regimes:
        raise UnknownRegime("No privacy regime applies: set PRIVACY_CENTER_DEFAULT_REGIMES.")
    by_regime = {r.code: regime_due(r, received, request_type, paused_days) for r in regimes}
    winner = min(regimes, key=lambda r: (by_regime[r.code], r.code))
    due = by_regime[winner.code]
    acks = [add_period(received, r.acknowledge, r.calendar, day_one=r.receipt_is_day_one)
            for r in regimes if r.acknowledge]
    promise_text = ""
    promise = app_settings.REQUEST_PROMISES.get(request_type)
    if promise:
        period = Period.parse({k: v for k, v in promise.items() if k in ("days", "business_days", "months")})
        promised = add_period(received, period, winner.calendar) + dt.timedelta(days=paused_days)
        if promised <= due:
            due = promised
            promise_text = str(promise.get("text", ""))
    return Deadline(
        due=due,
        regime=winner.code,
        by_regime=by_regime,
        acknowledge_by=min(acks) if acks else None,
        promise=promise_text,
        no_verification=any(request_type in r.no_verification for r in regimes),
    )


def extension_limit(codes: Iterable[str], received: dt.date, request_type: str, paused_days: int = 0) -> dt.date:
    """The latest date an extension may reach: every applicable regime's own maximum, the earliest of them.

    A regime without an extension caps the request at its first deadline.
    """
    limits = []
    for code in dict.fromkeys(codes):
        regime = get_regime(code)
        first = regime_due(regime, received, request_type, paused_days)
        if regime.extension is None:
            limits.append(first)
            continue
        limit = add_period(first, regime.extension, regime.calendar)
        limits.append(regime.calendar.next_business_day(limit) if regime.roll_forward else limit)
    if not limits:
        raise UnknownRegime("No privacy regime applies.")
    return min(limits)
