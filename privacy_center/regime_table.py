"""The built-in legal clocks: ``app_settings.REGIMES``' and ``app_settings.CALENDARS``' defaults.

Each regime names the provision that sets its periods (``citation``, shown in the admin and by
``manage.py privacy_deadlines``) and the rule its country counts periods by (``counting``). Where a
text could not be checked here the table says so in a comment and keeps the earlier, safe date: it
never moves a deadline off a weekend without a counting rule that says so.
"""

from __future__ import annotations

from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

StrOrPromise = str | Promise  # a label translated when read

# Labels and the prose of citations are translated (the admin and the request pages show them in the reader's
# language); a bare citation ("Va. Code § 59.1-577(B)(1)") and the counting rules (staff's
# ``privacy_deadlines`` output) are the same in every language.

# Business-day calendars: public holidays from the ``holidays`` package (never a hand-kept list), the
# weekend, and ``holidays``: days the shop adds ("MM-DD" yearly or ISO dates). ``"country": "shop"`` is
# PRIVACY_CENTER_SHOP_COUNTRY (GDPR counts the holidays of the Member State where the controller acts).
CALENDARS: dict[str, dict[str, Any]] = {
    "default": {"weekend": [5, 6], "holidays": []},
    "shop": {"country": "shop"},
    "eu": {"country": "shop"},
    "uk": {"country": "GB", "subdiv": "ENG"},  # England and Wales share their bank holidays
    "us": {"country": "US"},
    "us-ca": {"country": "US", "subdiv": "CA"},
    "us-tx": {"country": "US", "subdiv": "TX"},
    "us-va": {"country": "US", "subdiv": "VA"},
    "us-co": {"country": "US", "subdiv": "CO"},
    "us-ct": {"country": "US", "subdiv": "CT"},
    "us-or": {"country": "US", "subdiv": "OR"},
    # Mont. Code Ann. § 1-1-216 lists the state's legal holidays (each Sunday among them); the package's
    # federal Juneteenth is not one of them.
    "us-mt": {"country": "US", "subdiv": "MT", "not_holidays": ["Juneteenth National Independence Day"]},
    "us-de": {"country": "US", "subdiv": "DE"},
    "br": {"country": "BR"},
    "kr": {"country": "KR"},
    # Interpretation Act (R.S.C. 1985, c. I-21) s. 35: Sunday is a holiday, Saturday is not.
    "ca": {"country": "CA", "categories": ["public", "government"], "weekend": [6]},
    "vn": {"country": "VN"},  # with the weekend days the government turns into working days
    "cn": {"country": "CN"},  # with the adjusted working weekends (调休)
}

_GDPR_COUNTING = "Regulation (EEC, Euratom) No 1182/71, Art. 3: the day of receipt is not counted; a period " \
                 "ending on a Saturday, Sunday or public holiday ends on the next working day"

# The US state laws that share Texas' clock: respond within 45 days of receipt, extendable once by
# 45 days when the consumer is told within the first 45 (so at most 90 days from receipt).
_US_45 = [
    # code, label, citation, calendar, counting rule (None: not checked here, days are not moved)
    ("tdpsa", _("TDPSA (Texas)"), "Tex. Bus. & Com. Code § 541.052(b)", "us-tx",
     "Tex. Gov't Code § 311.014(b): a period ending on a Saturday, Sunday or legal holiday runs to the next day "
     "that is none of these"),
    ("vcdpa", _("VCDPA (Virginia)"), "Va. Code § 59.1-577(B)(1)", "us-va",
     "Va. Code § 1-210(B): an act due on a Saturday, Sunday or legal holiday may be done on the next day that is "
     "none of these"),
    ("cpa_co", _("CPA (Colorado)"), "C.R.S. § 6-1-1306(2)(a)-(b)", "us-co",
     "C.R.S. § 2-4-108(2): a period ending on a Saturday, Sunday or legal holiday is extended to the next day "
     "that is none of these"),
    # Connecticut and Delaware: no general statute on counting a period for a private party's act was
    # found; their counting rules (Conn. agency regulations such as § 16-1-5, Del. Code tit. 25 § 5112,
    # the courts' Rule 6) govern only their own proceedings, so the deadline stays the earlier date.
    ("ctdpa", _("CTDPA (Connecticut)"), "Conn. Gen. Stat. § 42-518(c)(1)", "us-ct", None),
    ("ocpa", _("OCPA (Oregon)"), "Or. Laws 2023, ch. 369 (SB 619) § 4(5)(a)", "us-or",
     "ORS 174.120(1): the last day is excluded when it is a Saturday or legal holiday"),
    ("mcdpa", _("MCDPA (Montana)"), "Mont. Code Ann. § 30-14-2808(4)(a)", "us-mt",
     "Mont. Code Ann. § 1-1-306: the first day is excluded and the last included unless it is a holiday "
     "(Sundays are, § 1-1-216); § 1-1-307: an act due on a holiday or Saturday may be done on the next "
     "business day"),
    ("dpdpa", _("DPDPA (Delaware)"), "Del. Code tit. 6, § 12D-104(c)(1)", "us-de", None),
]


def _us_state(code: str, label: StrOrPromise, citation: str, calendar: str,
              counting: str | None) -> dict[str, Any]:
    return {
        "label": label, "citation": citation, "country": "US-" + calendar[-2:].upper(),
        "period": {"days": 45}, "extension": {"days": 45},
        "roll_forward": counting is not None, "calendar": calendar,
        "counting": counting or "calendar days; no general counting rule was checked for this state, so a "
                                "deadline on a weekend or holiday is not moved (the earlier date)",
    }


REGIMES: dict[str, dict[str, Any]] = {
    "gdpr": {
        "label": _("GDPR (EU/EEA)"), "country": "EU",
        "citation": _("GDPR Art. 12(3): one month of receipt, extendable by two further months"),
        "period": {"months": 1}, "extension": {"months": 2}, "roll_forward": True, "calendar": "eu",
        "counting": _GDPR_COUNTING,
    },
    "uk_gdpr": {
        "label": "UK GDPR", "country": "GB",
        "citation": _("UK GDPR Art. 12(3) and Art. 12A; DPA 2018 s. 54(3): one month from the relevant time "
                    "(receipt, or the later arrival of the identity information asked for), extendable by two "
                    "further months"),
        "period": {"months": 1}, "extension": {"months": 2},
        "receipt_is_day_one": True, "starts": "identity", "roll_forward": True, "calendar": "uk",
        "counting": "ICO guidance on the right of access: counted from the day the period starts to the "
                    "corresponding calendar date; a deadline on a weekend or bank holiday moves to the next "
                    "working day",
    },
    "ccpa": {
        "label": _("CCPA/CPRA (California)"), "country": "US-CA",
        "citation": _("Cal. Civ. Code § 1798.130(a)(2); Cal. Code Regs. tit. 11, §§ 7021 (45 + 45 days, "
                    "acknowledged within 10 business days) and 7026(f) (opt-out within 15 business days)"),
        "period": {"days": 45}, "extension": {"days": 45},
        "acknowledge": {"business_days": 10},
        # Cal. Civ. Code § 1798.83(b)(1)(A): a Shine the Light request is answered within 30 days.
        "types": {"opt_out_sale": {"business_days": 15}, "shine_the_light": {"days": 30}},
        "no_extension": ["opt_out_sale", "shine_the_light"], "no_verification": ["opt_out_sale"],
        "roll_forward": True, "calendar": "us-ca",
        "counting": "Cal. Code Civ. Proc. § 12a and Civ. Code § 11: a period ending on a holiday (Saturdays "
                    "included) runs to the next day that is not one",
    },
    "lgpd": {
        "label": _("LGPD (Brazil)"), "country": "BR",
        "citation": _("Lei 13.709/2018 (LGPD) Art. 19, II: complete declaration within 15 days of the request"),
        "period": {"days": 15}, "roll_forward": "holidays", "calendar": "br",
        "counting": "Código Civil Art. 132: the first day is excluded; a period ending on a holiday (feriado) is "
                    "extended to the next business day",
    },
    "pipa": {
        "label": _("PIPA (South Korea)"), "country": "KR",
        "citation": _("PIPA Art. 35(3); Enforcement Decree Art. 41(4): within 10 days of the request"),
        "period": {"days": 10}, "roll_forward": True, "calendar": "kr",
        "counting": "Civil Act Art. 157 (first day excluded) and Art. 161: a period ending on a Saturday or a "
                    "public holiday (Sundays included) ends on the next day",
    },
    "pipeda": {
        "label": _("PIPEDA (Canada)"), "country": "CA",
        "citation": _("PIPEDA s. 8(3): within 30 days of receipt; s. 8(4)(a): extendable by up to 30 days"),
        "period": {"days": 30}, "extension": {"days": 30}, "roll_forward": True, "calendar": "ca",
        "counting": "Interpretation Act s. 26: a time limit ending on a holiday (Sundays included, s. 35) runs "
                    "to the next day that is not a holiday",
    },
    # Vietnam since 1 January 2026. Decree 356/2025/ND-CP (which replaced Decree 13/2023/ND-CP) sets the
    # periods: an answer within 2 working days of receipt; withdrawal of consent, restriction and objection
    # done within 15 days, extendable once by 15 days. For access, rectification, provision and erasure the
    # summaries checked agree on "10 to 20 days" by type but the decree's table could not be read here:
    # the shortest, 10 days, is used until a shop checks its text (override "types").
    "vn_pdpl": {
        "label": _("PDPL (Vietnam)"), "country": "VN",
        "citation": _("Law No. 91/2025/QH15 on Personal Data Protection Art. 4; Decree 356/2025/ND-CP (answer in "
                    "2 working days; withdrawal, restriction, objection in 15 days, extendable once by 15)"),
        "in_force": ["2026-01-01", None],
        "period": {"days": 10}, "extension": {"days": 15}, "acknowledge": {"business_days": 2},
        "types": {"withdraw_consent": {"days": 15}, "restriction": {"days": 15}, "objection": {"days": 15}},
        "roll_forward": True, "calendar": "vn",
        "counting": "Civil Code 2015 Art. 147 (first day excluded) and Art. 148(5): a period ending on a "
                    "weekend or public holiday ends at the end of the next working day",
    },
    # Vietnam before 2026: Decree 13/2023/ND-CP (in force 1 July 2023) set 72 hours from receipt.
    "vn_decree13": {
        "label": _("Decree 13/2023/ND-CP (Vietnam, until 2025)"), "country": "VN",
        "citation": _("Decree 13/2023/ND-CP Arts. 9, 14, 16: within 72 hours of receipt of the request"),
        "in_force": ["2023-07-01", "2025-12-31"],
        "period": {"hours": 72}, "calendar": "vn",
        "counting": "Civil Code 2015 Art. 147(1): a period in hours starts at the moment of receipt",
    },
    # China: PIPL Art. 50 requires a mechanism to accept and handle requests and reasons for a refusal,
    # but sets no period. The 2019 Method for Identifying Illegal Collection and Use of Personal Information
    # by Apps (CAC and others) treats more than 15 working days as too long: that is the practice used
    # when the shop promises nothing shorter.
    "pipl": {
        "label": _("PIPL (China)"), "country": "CN",
        "citation": _("PIPL Art. 50: no fixed period; practice: 15 working days (App identification method, 2019)"),
        "period": None, "practice": {"business_days": 15}, "roll_forward": True, "calendar": "cn",
        "counting": "Civil Code Arts. 201-203: the first day is excluded; a period ending on a statutory "
                    "holiday ends on the day after it",
    },
    **{code: _us_state(code, label, citation, cal, counting) for code, label, citation, cal, counting in _US_45},
}

COUNTRY_REGIMES: dict[str, list[str]] = {
    **{code: ["gdpr"] for code in [
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU",
        "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO"]},
    "GB": ["uk_gdpr"], "US-CA": ["ccpa"], "BR": ["lgpd"], "KR": ["pipa"], "CA": ["pipeda"],
    "VN": ["vn_pdpl", "vn_decree13"], "CN": ["pipl"],
    **{"US-" + cal[-2:].upper(): [code] for code, _label, _cit, cal, _c in _US_45},
}
