"""Counting legal periods: business-day calendars from the ``holidays`` package, zones and periods.

A calendar says which days are not working days where a law applies: its weekend, the public
holidays of a country (and subdivision) from the ``holidays`` package (never a hand-kept list), the
weekend days a country turns into working days (China's and Vietnam's swapped days), and any days
the shop adds (``PRIVACY_CENTER_CALENDARS``). Periods count in calendar months, calendar days,
business days or hours; a receipt time becomes a day in the zone where the law's days are counted
(``PRIVACY_CENTER_CLOCK_TIME_ZONE``, per regime ``time_zone``).
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
import functools
import os
import zoneinfo
from dataclasses import dataclass
from typing import Any

import holidays
from django.utils.translation import ngettext

from .app_settings import app_settings


@dataclass(frozen=True)
class Period:
    """A legal period: calendar months, calendar days, business days or hours (exactly one)."""

    months: int = 0
    days: int = 0
    business_days: int = 0
    hours: int = 0

    UNITS = ("months", "days", "business_days", "hours")

    @classmethod
    def parse(cls, spec: dict[str, int] | Period | None) -> Period | None:
        if spec is None or isinstance(spec, Period):
            return spec
        unknown = set(spec) - set(cls.UNITS)
        if unknown or len(spec) != 1:
            raise ValueError(f"A period is one of months/days/business_days/hours, got {spec!r}")
        return cls(**{k: int(v) for k, v in spec.items()})

    @property
    def unit(self) -> str:
        return next((u for u in self.UNITS if getattr(self, u)), "days")

    @property
    def count(self) -> int:
        return getattr(self, self.unit)

    def plus(self, other: Period) -> Period | None:
        """The two periods as one counted from the same start (``None`` when the units differ)."""
        if other.unit != self.unit:
            return None
        return Period(**{self.unit: self.count + other.count})

    def as_dict(self) -> dict[str, int]:
        return {self.unit: self.count}

    def __str__(self) -> str:
        n = self.count
        if self.months:
            return ngettext("%(n)d month", "%(n)d months", n) % {"n": n}
        if self.business_days:
            return ngettext("%(n)d business day", "%(n)d business days", n) % {"n": n}
        if self.hours:
            return ngettext("%(n)d hour", "%(n)d hours", n) % {"n": n}
        return ngettext("%(n)d day", "%(n)d days", n) % {"n": n}


@dataclass(frozen=True)
class _Year:
    holidays: dict[dt.date, str]
    workdays: frozenset[dt.date]  # weekend days the country made working days


@functools.lru_cache(maxsize=512)
def _package_year(country: str, subdiv: str | None, categories: tuple[str, ...], year: int,
                  excluded: frozenset[str] = frozenset()) -> _Year:
    """One year of a country's holidays (the package's data does not change while we run).

    ``excluded`` names package holidays the governing law does not list (a day several holidays share
    stays a holiday while any of them is not excluded).
    """
    found = holidays.country_holidays(country, subdiv=subdiv, years=year, categories=categories)
    kept = {day: names for day, names in ((day, [n for n in found.get_list(day) if n not in excluded])
                                          for day in found) if names}
    return _Year(holidays={day: "; ".join(names) for day, names in kept.items()},
                 workdays=frozenset(found.weekend_workdays))


@dataclass(frozen=True)
class Calendar:
    """Which days are not working days: a weekend, a country's public holidays and the shop's additions.

    ``extra`` holds ISO dates or yearly ``"MM-DD"`` days the shop adds; ``excluded`` names holidays of the
    package that the law counting the period does not list (Montana's § 1-1-216 has no Juneteenth).
    """

    weekend: frozenset[int] = frozenset({5, 6})
    country: str = ""
    subdiv: str | None = None
    categories: tuple[str, ...] = ("public",)
    extra: frozenset[str] = frozenset()
    excluded: frozenset[str] = frozenset()

    def _year(self, year: int) -> _Year | None:
        if not self.country:
            return None
        return _package_year(self.country, self.subdiv, self.categories, year, self.excluded)

    def _added(self, day: dt.date) -> bool:
        return bool(self.extra) and (day.isoformat() in self.extra or day.strftime("%m-%d") in self.extra)

    def holiday_name(self, day: dt.date) -> str:
        """The holiday's name (empty when ``day`` is no holiday, or a weekend day anyway)."""
        if self._added(day):
            return "holiday added by the shop"
        year = self._year(day.year)
        if year is not None and day.weekday() not in self.weekend:
            return year.holidays.get(day, "")
        return ""

    def is_business_day(self, day: dt.date) -> bool:
        if self._added(day):
            return False
        year = self._year(day.year)
        if day.weekday() in self.weekend:
            return year is not None and day in year.workdays
        return year is None or day not in year.holidays

    def next_business_day(self, day: dt.date) -> dt.date:
        """``day`` itself when it is a business day, else the first one after it."""
        while not self.is_business_day(day):
            day += dt.timedelta(days=1)
        return day

    def add_business_days(self, start: dt.date, count: int, *, start_counts: bool = False) -> dt.date:
        """The ``count``-th business day after ``start`` (``start`` itself is day one if ``start_counts``)."""
        if count <= 0:
            return start
        day, remaining = start, count
        if start_counts and self.is_business_day(start):
            remaining -= 1
            if remaining == 0:
                return start
        while remaining > 0:
            day += dt.timedelta(days=1)
            if self.is_business_day(day):
                remaining -= 1
        return day

    def describe(self) -> str:
        where = self.country + (f"-{self.subdiv}" if self.subdiv else "") if self.country else "no country"
        names = "Mon Tue Wed Thu Fri Sat Sun".split()
        weekend = ", ".join(names[d] for d in sorted(self.weekend)) or "none"
        extra = f", {len(self.extra)} day(s) added by the shop" if self.extra else ""
        if self.excluded:
            extra += ", not counted: " + ", ".join(sorted(self.excluded))
        return f"public holidays of {where} (holidays package), weekend: {weekend}{extra}"


class UnknownRegime(KeyError):
    """A regime or business-day calendar name the settings do not define (``regimes`` re-exports it)."""


def calendar_spec(name: str) -> dict[str, Any]:
    spec = app_settings.CALENDARS.get(name)
    if spec is None:
        raise UnknownRegime(f"Unknown business-day calendar {name!r} (PRIVACY_CENTER_CALENDARS)")
    return spec


def get_calendar(name: str) -> Calendar:
    """The calendar ``name`` of ``PRIVACY_CENTER_CALENDARS``; ``"country": "shop"`` is the shop's country."""
    spec = calendar_spec(name)
    country = str(spec.get("country") or "")
    if country == "shop":
        country = app_settings.SHOP_COUNTRY
    country = country.upper()
    if country:
        if country not in holidays.list_supported_countries():
            raise ValueError(f"Calendar {name!r}: the holidays package has no country {country!r}")
    return Calendar(
        weekend=frozenset(int(d) for d in spec.get("weekend", (5, 6))),
        country=country,
        subdiv=spec.get("subdiv") or None,
        categories=tuple(spec.get("categories") or ("public",)),
        extra=frozenset(str(h) for h in spec.get("holidays", ())),
        excluded=frozenset(str(n) for n in spec.get("not_holidays", ())),
    )


def zone(name: str | None = None) -> zoneinfo.ZoneInfo:
    """The zone receipt days are counted in: ``name``, else ``PRIVACY_CENTER_CLOCK_TIME_ZONE``."""
    return zoneinfo.ZoneInfo(name or app_settings.CLOCK_TIME_ZONE)


@functools.lru_cache(maxsize=1)
def _zone_table() -> dict[str, tuple[str, ...]]:
    """Zones by ISO country code from the IANA ``zone.tab`` of the system's time zone database."""
    zones: dict[str, list[str]] = {}
    for folder in zoneinfo.TZPATH:
        path = os.path.join(folder, "zone.tab")
        if os.path.exists(path):
            with open(path, encoding="utf-8") as table:
                for line in table:
                    if line.strip() and not line.startswith("#"):
                        code, _coords, name = line.split("\t")[:3]
                        zones.setdefault(code, []).append(name.strip())
            break
    return {code: tuple(names) for code, names in zones.items()}


def country_time_zone(country: str | None) -> str | None:
    """The zone of a country that has exactly one (``"SE"``: Europe/Stockholm), else ``None``."""
    if not country:
        return None
    names = _zone_table().get(country.upper().split("-")[0], ())
    return names[0] if len(names) == 1 else None


def receipt_day(received: dt.date | dt.datetime, tz: zoneinfo.ZoneInfo) -> dt.date:
    """The day a request was received, where the law counts it (a date is taken as already local)."""
    if isinstance(received, dt.datetime):
        if received.tzinfo is None:
            raise ValueError("Receipt times must be timezone-aware.")
        return received.astimezone(tz).date()
    return received


def add_months(day: dt.date, months: int) -> dt.date:
    """The corresponding date ``months`` later, clamped to that month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, _calendar.monthrange(year, month)[1]))


def add_period(start: dt.date, period: Period, cal: Calendar, *, day_one: bool = False) -> dt.date:
    """``start`` + ``period`` (a count of days). With ``day_one``, a count of days includes ``start`` itself."""
    if period.months:
        return add_months(start, period.months)
    if period.business_days:
        return cal.add_business_days(start, period.business_days, start_counts=day_one)
    if period.hours:
        raise ValueError("A period in hours is counted from the receipt time, not a day (use add_hours).")
    return start + dt.timedelta(days=period.days - (1 if day_one and period.days else 0))


def add_hours(received: dt.datetime, period: Period) -> dt.datetime:
    """``received`` + the period's hours, in absolute time (a DST change does not stretch it)."""
    utc = received.astimezone(dt.UTC)
    return (utc + dt.timedelta(hours=period.hours)).astimezone(received.tzinfo)
