"""System checks for the requests feature's configuration: regimes, calendars, promises (E101-E104)."""

from __future__ import annotations

from django.core.checks import Error, register

from ..app_settings import app_settings
from .models import RequestType


@register()
def check_regimes(app_configs=None, **kwargs) -> list[Error]:
    from .. import regimes

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
    return errors
