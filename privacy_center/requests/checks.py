"""System checks for the requests feature's configuration: regimes, calendars, promises, request types, clock zones
(E101-E104, W101-W102)."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.core.checks import Error, Warning, register

from .. import regimes
from ..app_settings import app_settings
from .models import RequestType


@register()
def check_regimes(app_configs=None, **kwargs) -> list[Error]:
    errors: list[Error] = []
    known = set(app_settings.REGIMES)
    for code, spec in app_settings.REGIMES.items():
        try:
            regimes._build(code, spec)
        except (KeyError, ValueError, TypeError, regimes.UnknownRegime) as exc:
            errors.append(Error(f"Privacy regime {code!r} is misconfigured: {exc}",
                                hint="See privacy_center/regimes.py for the keys a regime takes.",
                                id="privacy_center.E101"))
    wanted = set(app_settings.DEFAULT_REGIMES)
    for codes in app_settings.COUNTRY_REGIMES.values():
        wanted.update(codes)
    for code in sorted(wanted - known):
        errors.append(Error(f"PRIVACY_CENTER_DEFAULT_REGIMES or _COUNTRY_REGIMES name an unknown regime {code!r}.",
                            hint="Add it to PRIVACY_CENTER_REGIMES or remove it.", id="privacy_center.E102"))
    for request_type, promise in app_settings.REQUEST_PROMISES.items():
        periods = [k for k in ("days", "business_days", "months") if k in promise]
        if request_type not in RequestType.values or len(periods) != 1:
            errors.append(Error(f"PRIVACY_CENTER_REQUEST_PROMISES[{request_type!r}] is not valid.",
                                hint="Key: a request type; value: one of days/business_days/months and a text.",
                                id="privacy_center.E103"))
    unknown_types = (set(app_settings.REQUEST_REAUTH_TYPES) | set(app_settings.REQUEST_MANUAL_TYPES)) - set(
        RequestType.values)
    if unknown_types:
        errors.append(Error(f"Unknown request types in PRIVACY_CENTER_REQUEST_REAUTH_TYPES/_MANUAL_TYPES: "
                            f"{', '.join(sorted(unknown_types))}.", id="privacy_center.E104"))
    known_options = {"staff_approval"}
    for request_type, options in app_settings.REQUEST_TYPES.items():
        unknown_options = set(options) - known_options
        if request_type not in RequestType.values or unknown_options:
            errors.append(Error(
                f"PRIVACY_CENTER_REQUEST_TYPES[{request_type!r}] is not valid"
                + (f": unknown options {', '.join(sorted(unknown_options))}." if unknown_options else "."),
                hint=f"Keys: request types ({', '.join(RequestType.values)}); options: "
                     f"{', '.join(sorted(known_options))}.", id="privacy_center.E104"))
    return errors


def enabled_regimes() -> list[str]:
    """The regimes some request may get: the shop's defaults and every country's."""
    codes = dict.fromkeys(app_settings.DEFAULT_REGIMES)
    for extra in app_settings.COUNTRY_REGIMES.values():
        codes.update(dict.fromkeys(extra))
    return [c for c in codes if c in app_settings.REGIMES]


@register()
def check_clock_zones(app_configs=None, **kwargs) -> list[Warning]:
    """Legal days are counted where the law applies: UTC is nobody's local day but a few countries'."""


    warnings: list[Warning] = []
    try:
        tz = zoneinfo.ZoneInfo(app_settings.CLOCK_TIME_ZONE)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return [Warning(f"PRIVACY_CENTER_CLOCK_TIME_ZONE {app_settings.CLOCK_TIME_ZONE!r} is not a known zone.",
                        id="privacy_center.W101")]
    utc_default = all(dt.datetime(2026, month, 15, tzinfo=tz).utcoffset() == dt.timedelta(0) for month in (1, 7))
    if utc_default:
        local = []
        for code in enabled_regimes():
            spec = app_settings.REGIMES[code]
            if spec.get("country") and not spec.get("time_zone"):
                local.append(code)
        if local:
            warnings.append(Warning(
                f"Receipt days are counted in UTC while regimes of countries not on UTC are enabled "
                f"({', '.join(local)}): a request filed late in the evening west of UTC (or early in the "
                f"morning east of it) is counted from the wrong day.",
                hint="Set TIME_ZONE (or PRIVACY_CENTER_CLOCK_TIME_ZONE, or a regime's time_zone) to the zone "
                     "where the shop receives requests, e.g. 'Europe/Stockholm'.",
                id="privacy_center.W101"))
    try:
        gdpr_like = [c for c in enabled_regimes()
                     if regimes.get_regime(c).calendar.country == "" and app_settings.REGIMES[c].get("calendar")]
    except (KeyError, ValueError, TypeError, regimes.UnknownRegime):
        return warnings  # check_regimes reports it
    if gdpr_like and not app_settings.SHOP_COUNTRY:
        warnings.append(Warning(
            f"PRIVACY_CENTER_SHOP_COUNTRY is not set: the regimes {', '.join(gdpr_like)} count the public "
            f"holidays of the shop's country and now see weekends only.",
            hint="Set PRIVACY_CENTER_SHOP_COUNTRY to the ISO code of the country where the shop is established.",
            id="privacy_center.W102"))
    return warnings
