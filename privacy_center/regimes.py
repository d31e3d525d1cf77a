"""Legal clocks as data: regimes and due-date arithmetic.

A regime (GDPR, UK GDPR, CCPA, ...) is a dict in ``PRIVACY_CENTER_REGIMES`` (merged over the
built-in table in ``privacy_center.regime_table``, so a shop adds or overrides one without code)::

    "tdpsa": {
        "label": "TDPSA (Texas)",
        "citation": "Tex. Bus. & Com. Code § 541.052(b)",  # shown in the admin and by privacy_deadlines
        "period": {"days": 45},              # months / days / business_days / hours; None: the law sets none
        "practice": None,                    # with "period": None, the clock used when the shop promises none
        "extension": {"days": 45},           # the legal maximum, counted with the period from its start
        "acknowledge": {"business_days": 10},
        "types": {"opt_out_sale": {"business_days": 15}},   # other clocks for some request types
        "no_extension": ["opt_out_sale"],    # types whose clock the law does not let the shop extend
        "no_verification": ["opt_out_sale"], # types honoured without identity verification
        "receipt_is_day_one": False,         # count the day of receipt as day one (ICO practice)
        "starts": "receipt",                 # or "identity": when the identity information asked for arrives
        "pause_while_awaiting": False,       # the clock stops while waiting for the requester
        "roll_forward": True,                # a last day on a weekend/holiday moves on; "holidays": holidays only
        "calendar": "us-tx",                 # a key of PRIVACY_CENTER_CALENDARS
        "time_zone": None,                   # the zone receipt days are counted in (default CLOCK_TIME_ZONE)
        "in_force": ["2024-07-01", None],    # receipt days the regime applies to
        "counting": "Tex. Gov't Code § 311.014(b) ...",     # the counting rule, for the record
    }

Months are calendar months ending on the corresponding date, clamped to the month's last day.
A deadline is moved once, at the end: an extension's maximum is counted from the start like the
first period (GDPR: three months from receipt), never added to an already-moved first deadline.
Where several regimes apply, the earliest deadline wins; a shop's promise for a request type
(``PRIVACY_CENTER_REQUEST_PROMISES``) is counted from receipt, never stretched by waits, shown
beside the legal deadline, and sets the working due date when it is earlier.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext

from .app_settings import app_settings
from .clocks import Calendar, Period, UnknownRegime, add_hours, add_months, add_period, get_calendar, receipt_day, zone

__all__ = ["Calendar", "Deadline", "Period", "Regime", "UnknownRegime", "add_months", "all_regimes",
           "compute_deadline", "extension_limit", "get_regime", "laws", "regime_choices", "regimes_for_country"]


@dataclass(frozen=True)
class Regime:
    code: str
    label: str
    period: Period | None
    citation: str = ""
    country: str = ""
    practice: Period | None = None
    extension: Period | None = None
    acknowledge: Period | None = None
    types: dict[str, Period | None] = field(default_factory=dict)
    no_extension: frozenset[str] = frozenset()
    no_verification: frozenset[str] = frozenset()
    receipt_is_day_one: bool = False
    starts: str = "receipt"
    pause_while_awaiting: bool = False
    roll_forward: bool | str = False
    calendar: Calendar = field(default_factory=Calendar)
    time_zone: str | None = None
    in_force: tuple[dt.date | None, dt.date | None] = (None, None)
    counting: str = ""

    def period_for(self, request_type: str) -> Period | None:
        return self.types.get(request_type, self.period)

    def in_force_on(self, day: dt.date) -> bool:
        start, end = self.in_force
        return (start is None or day >= start) and (end is None or day <= end)


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(str(value)) if value else None


def _build(code: str, spec: dict[str, Any]) -> Regime:
    roll = spec.get("roll_forward", False)
    if roll not in (True, False, "holidays"):
        raise ValueError(f"roll_forward is True, False or 'holidays', got {roll!r}")
    starts = spec.get("starts", "receipt")
    if starts not in ("receipt", "identity"):
        raise ValueError(f"starts is 'receipt' or 'identity', got {starts!r}")
    period = Period.parse(spec["period"])
    practice = Period.parse(spec.get("practice"))
    if period is None and practice is None:
        raise ValueError("A regime without a legal period needs a 'practice' period.")
    if spec.get("time_zone"):
        zone(spec["time_zone"])  # raises for an unknown zone
    in_force = spec.get("in_force") or (None, None)
    return Regime(
        code=code,
        label=str(spec.get("label", code)),
        citation=str(spec.get("citation", "")),
        country=str(spec.get("country", "")),
        period=period,
        practice=practice,
        extension=Period.parse(spec.get("extension")),
        acknowledge=Period.parse(spec.get("acknowledge")),
        types={t: Period.parse(p) for t, p in (spec.get("types") or {}).items()},
        no_extension=frozenset(spec.get("no_extension", ())),
        no_verification=frozenset(spec.get("no_verification", ())),
        receipt_is_day_one=bool(spec.get("receipt_is_day_one", False)),
        starts=starts,
        pause_while_awaiting=bool(spec.get("pause_while_awaiting", False)),
        roll_forward=roll,
        calendar=get_calendar(spec.get("calendar", "default")),
        time_zone=spec.get("time_zone") or None,
        in_force=(_date(in_force[0]), _date(in_force[1])),
        counting=str(spec.get("counting", "")),
    )


def all_regimes() -> dict[str, Regime]:
    """Every configured regime by code (defaults merged with the shop's; ``None`` removes one)."""
    return {code: _build(code, spec) for code, spec in app_settings.REGIMES.items()}


def get_regime(code: str) -> Regime:
    spec = app_settings.REGIMES.get(code)
    if spec is None:
        raise UnknownRegime(f"Unknown privacy regime {code!r} (PRIVACY_CENTER_REGIMES)")
    return _build(code, spec)


def laws(codes: Iterable[str]) -> list[tuple[str, str]]:
    """(label, citation) of each regime code, in the active language; a code no longer configured says so."""
    rows = []
    for code in codes:
        try:
            regime = get_regime(code)
        except UnknownRegime:
            rows.append((code, gettext("no longer configured")))
            continue
        rows.append((regime.label, regime.citation))
    return rows


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
class Clock:
    """One regime's clock for one request."""

    regime: Regime
    due: dt.date
    limit: dt.date  # the latest an extension may reach (``due`` when the law allows none)
    legal: bool  # False: the law sets no period and ``due`` is the practice the table names
    due_moment: dt.datetime | None = None  # for periods in hours
    acknowledge_by: dt.date | None = None
    rules: tuple[str, ...] = ()


def _roll(regime: Regime, day: dt.date, rules: list[str] | None, what: str) -> dt.date:
    cal = regime.calendar
    if regime.roll_forward is True and not cal.is_business_day(day):
        moved = cal.next_business_day(day)
    elif regime.roll_forward == "holidays" and cal.holiday_name(day):
        moved = cal.next_business_day(day)
    else:
        return day
    if rules is None:
        return moved
    why = cal.holiday_name(day) or day.strftime("%A")
    rules.append(f"{what} {day.isoformat()} falls on {why}: moved to {moved.isoformat()}")
    return moved


def _end(regime: Regime, start: dt.datetime, start_day: dt.date, period: Period, paused_days: int,
         rules: list[str] | None, what: str) -> tuple[dt.date, dt.datetime | None]:
    if period.hours:
        moment = add_hours(start, period)
        if rules is not None:
            rules.append(f"{what}: {period.hours} hours from {start.isoformat()} = {moment.isoformat()}")
        return moment.date(), moment
    day = add_period(start_day, period, regime.calendar, day_one=regime.receipt_is_day_one)
    if rules is not None:
        rules.append(f"{what}: {period.as_dict()} from {start_day.isoformat()}"
                     f"{' (counted as day one)' if regime.receipt_is_day_one else ''} = {day.isoformat()}")
    if regime.pause_while_awaiting and paused_days:
        day += dt.timedelta(days=paused_days)
        if rules is not None:
            rules.append(f"{what}: + {paused_days} day(s) waiting for the requester = {day.isoformat()}")
    return _roll(regime, day, rules, what), None


def _aware(received: dt.date | dt.datetime, tz) -> dt.datetime:
    if isinstance(received, dt.datetime):
        return received.astimezone(tz)
    return dt.datetime.combine(received, dt.time(0), tz)


def _period(regime: Regime, request_type: str) -> tuple[Period, bool]:
    """The law's period for the type (legal), or the regime's practice period where the law sets none."""
    period = regime.period_for(request_type)
    if period is not None:
        return period, True
    if regime.practice is None:
        raise ValueError(f"Regime {regime.code!r} has no period for {request_type!r} and no practice period.")
    return regime.practice, False


def regime_clock(regime: Regime, received: dt.date | dt.datetime, request_type: str, *, paused_days: int = 0,
                 identity_at: dt.datetime | None = None, explain: bool = True) -> Clock:
    """One regime's due date, extension maximum and acknowledgement date, with the rules applied
    (``explain=False``: the dates only, for bulk checks)."""
    tz = zone(regime.time_zone)
    received_day = receipt_day(received, tz)
    start = _aware(received, tz)
    rules = [f"{regime.code}: {regime.citation}" if regime.citation else regime.code,
             f"received {start.isoformat()} ({tz.key}): day {received_day.isoformat()}"] if explain else None
    if regime.starts == "identity" and identity_at is not None and identity_at > start:
        start = identity_at.astimezone(tz)
        if rules is not None:
            rules.append(f"the period starts when the identity information arrived: {start.isoformat()}")
        paused_days = 0  # the period starts then: no waiting days are added on top
    start_day = start.date()
    period, legal = _period(regime, request_type)
    if not legal:
        if rules is not None:
            rules.append(f"the law sets no fixed period: practice {period.as_dict()}")
    due, moment = _end(regime, start, start_day, period, paused_days, rules, "due")
    limit = due
    if regime.extension is not None and legal and request_type not in regime.no_extension:
        total = period.plus(regime.extension)
        if total is not None:
            limit, _m = _end(regime, start, start_day, total, paused_days, rules, "extension maximum")
        else:
            base = add_period(start_day, period, regime.calendar, day_one=regime.receipt_is_day_one)
            limit = _roll(regime, add_period(base, regime.extension, regime.calendar), rules, "extension maximum")
    ack = None
    if regime.acknowledge is not None:
        ack = add_period(received_day, regime.acknowledge, regime.calendar, day_one=regime.receipt_is_day_one)
        if rules is not None:
            rules.append(f"acknowledge: {regime.acknowledge.as_dict()} from receipt = {ack.isoformat()}")
    if rules is not None and regime.counting:
        rules.append(f"counting: {regime.counting}")
    return Clock(regime=regime, due=due, limit=limit, legal=legal, due_moment=moment, acknowledge_by=ack,
                 rules=tuple(rules or ()))


@dataclass(frozen=True)
class Deadline:
    """The working due date of one request and how it was reached."""

    due: dt.date  # the earlier of the legal deadline and the shop's promise
    regime: str  # the regime whose deadline is the earliest
    by_regime: dict[str, dt.date]
    legal_due: dt.date | None = None
    due_moment: dt.datetime | None = None  # when the winning law counts in hours
    acknowledge_by: dt.date | None = None
    promise: str = ""  # the shop's promise for this type, whenever it has one
    promise_due: dt.date | None = None
    no_verification: bool = False
    rules: tuple[str, ...] = ()
    clocks: tuple[Clock, ...] = ()


def _clocks(codes: Iterable[str], received, request_type: str, paused_days: int, identity_at) -> list[Clock]:
    regimes = [get_regime(c) for c in dict.fromkeys(codes)]
    if not regimes:
        raise UnknownRegime("No privacy regime applies: set PRIVACY_CENTER_DEFAULT_REGIMES.")
    applicable = [r for r in regimes if r.in_force_on(receipt_day(received, zone(r.time_zone)))]
    if not applicable:
        raise UnknownRegime(f"None of the regimes {', '.join(r.code for r in regimes)} was in force on receipt.")
    return [regime_clock(r, received, request_type, paused_days=paused_days, identity_at=identity_at)
            for r in applicable]


def promise_for(request_type: str, received: dt.date | dt.datetime) -> tuple[str, dt.date | None]:
    """The shop's promise for this type and its date, counted from receipt in the shop's zone and calendar."""
    promise = app_settings.REQUEST_PROMISES.get(request_type)
    if not promise:
        return "", None
    period = Period.parse({k: v for k, v in promise.items() if k in ("days", "business_days", "months")})
    assert period is not None  # a dict parses to a Period or raises
    day = add_period(receipt_day(received, zone()), period, get_calendar("shop"))
    return str(promise.get("text", "")), day


def compute_deadline(codes: Iterable[str], received: dt.date | dt.datetime, request_type: str,
                     paused_days: int = 0, identity_at: dt.datetime | None = None) -> Deadline:
    """The earliest deadline of the applicable regimes, beside the shop's promise; the earlier is due."""
    clocks = _clocks(codes, received, request_type, paused_days, identity_at)
    legal = [c for c in clocks if c.legal] or clocks
    winner = min(legal, key=lambda c: (c.due, c.regime.code))
    text, promised = promise_for(request_type, received)
    due = winner.due if promised is None else min(winner.due, promised)
    rules = [rule for c in clocks for rule in c.rules]
    if promised is not None:
        rules.append(f"the shop's promise: {promised.isoformat()} from receipt (never moved by waits)")
    rules.append(f"due: {due.isoformat()} ({'the promise' if due != winner.due else winner.regime.code})")
    acks = [c.acknowledge_by for c in clocks if c.acknowledge_by]
    return Deadline(
        due=due,
        regime=winner.regime.code,
        by_regime={c.regime.code: c.due for c in clocks},
        legal_due=winner.due if winner.legal else None,
        due_moment=winner.due_moment if due == winner.due else None,
        acknowledge_by=min(acks) if acks else None,
        promise=text,
        promise_due=promised,
        no_verification=any(request_type in c.regime.no_verification for c in clocks),
        rules=tuple(rules),
        clocks=tuple(clocks),
    )


def extension_limit(codes: Iterable[str], received: dt.date | dt.datetime, request_type: str,
                    paused_days: int = 0, identity_at: dt.datetime | None = None) -> dt.date:
    """The latest date an extension may reach: every applicable regime's own maximum, the earliest of them.

    A regime without an extension caps the request at its first deadline.
    """
    return min(c.limit for c in _clocks(codes, received, request_type, paused_days, identity_at))


def explain(codes: Iterable[str], received: dt.datetime, request_type: str,
            identity_at: dt.datetime | None = None) -> dict[str, Any]:
    """Everything ``manage.py privacy_deadlines`` prints: dates, each regime's clock and the rules applied."""
    deadline = compute_deadline(codes, received, request_type, identity_at=identity_at)
    iso = lambda d: d.isoformat() if d else None  # noqa: E731
    return {
        "received": received.isoformat(),
        "type": request_type,
        "regimes": [c.regime.code for c in deadline.clocks],
        "acknowledge_by": iso(deadline.acknowledge_by),
        "due": iso(deadline.due),
        "due_moment": iso(deadline.due_moment),
        "legal_due": iso(deadline.legal_due),
        "winning_regime": deadline.regime,
        "promise": {"text": deadline.promise, "due": iso(deadline.promise_due)} if deadline.promise_due else None,
        "extension_maximum": iso(min(c.limit for c in deadline.clocks)),
        "by_regime": {
            c.regime.code: {
                "label": c.regime.label,
                "citation": c.regime.citation,
                "legal_period": c.legal,
                "due": iso(c.due),
                "due_moment": iso(c.due_moment),
                "extension_maximum": iso(c.limit),
                "acknowledge_by": iso(c.acknowledge_by),
                "time_zone": zone(c.regime.time_zone).key,
                "calendar": c.regime.calendar.describe(),
            }
            for c in deadline.clocks
        },
        "rules": list(deadline.rules),
    }
