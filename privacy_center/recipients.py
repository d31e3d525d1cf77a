"""Recipients of personal data (GDPR Art. 13(1)(e), 19, 30(1)(d)-(e); CCPA "third parties"), declared like sources.

Declared in an app's ``privacy.py`` beside its sources and registered with the same decorator::

    @privacy_center.register
    class Carrier(Recipient):
        name = "postnord"
        label = _("PostNord Sverige AB (delivery)")
        role = Role.PROCESSOR
        purposes = [_("Deliver your order")]
        data_categories = [_("Name and delivery address"), _("Phone number")]
        country = "SE"
        safeguard = Safeguard.EEA
        contract = _("Data processing agreement of 2024-03-01")
        contact = "privacy@postnord.example"
        webhook_url_setting = "POSTNORD_PRIVACY_WEBHOOK_URL"      # a Django setting or an environment variable
        webhook_secret_setting = "POSTNORD_PRIVACY_WEBHOOK_SECRET"  # "whsec_<base64>"
        email = "privacy@postnord.example"                          # used when no webhook URL is set
        direct_marketing = False    # True: it uses the data for its own direct marketing (Shine the Light)
        address = _("Terminalvägen 24, 171 73 Solna, Sweden")       # postal address, named in that answer

A source names the recipients it sends data to by name (``recipients = ["postnord"]``) or by class. The
old form, free text (``recipients = [_("PostNord (delivery)")]``), still works: it is shown as written,
warns (``privacy_center.W040``) and counts as a "manual" recipient whose notifications are staff tasks.

How a recipient is told (``channel()``): by a signed webhook when its URL is configured, else by e-mail
when it has an address, else by staff (a task in the admin). URL and secret are never in code: they are
read from the named setting, or the environment, when a notification is sent.
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

REFERENCE = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")


class Role(models.TextChoices):
    PROCESSOR = "processor", _("Processor (acts on our instructions)")
    CONTROLLER = "controller", _("Independent controller")
    THIRD_PARTY = "third_party", _("Third party")


class Safeguard(models.TextChoices):
    EEA = "eea", _("Inside the EU/EEA: no transfer")
    ADEQUACY = "adequacy", _("Adequacy decision (Art. 45 GDPR)")
    SCC = "scc", _("Standard contractual clauses (Art. 46(2)(c) GDPR)")
    BCR = "bcr", _("Binding corporate rules (Art. 47 GDPR)")
    DEROGATION = "derogation", _("Derogation for a specific situation (Art. 49 GDPR)")


class Channel(models.TextChoices):
    WEBHOOK = "webhook", _("Signed webhook")
    EMAIL = "email", _("E-mail")
    MANUAL = "manual", _("Staff tell them")


class Event(models.TextChoices):
    ERASURE = "erasure", _("Erasure")
    RECTIFICATION = "rectification", _("Correction")
    RESTRICTION = "restriction", _("Restriction of processing")
    RESTRICTION_LIFTED = "restriction_lifted", _("Restriction lifted")
    OBJECTION = "objection", _("Objection to marketing and profiling")
    OPT_OUT_SALE = "opt_out_sale", _("Opt-out of sale, sharing or targeted advertising")
    CONSENT_WITHDRAWN = "consent_withdrawn", _("Consent withdrawn")


EEA_COUNTRIES = frozenset(
    "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IS IT LI LT LU LV MT NL NO PL PT RO SE SI SK".split())


class Recipient:
    """One recipient of personal data. Subclass it and set the attributes; register it in ``privacy.py``."""

    name: str = ""  # stable key, lower case: sources name it, notifications and the record keep it
    label: Any = ""
    role: str = Role.PROCESSOR
    purposes: Sequence[Any] = ()
    data_categories: Sequence[Any] = ()
    country: str = ""  # ISO 3166-1 alpha-2 of where the data is processed
    safeguard: str = Safeguard.EEA
    safeguard_note: Any = ""  # e.g. "EU-US Data Privacy Framework, certified"
    contract: Any = ""  # the DPA or contract reference
    contact: str = ""
    webhook_url_setting: str = ""
    webhook_secret_setting: str = ""
    email: str = ""
    # The events it is told of; default: every event. Consent withdrawal reaches it only for the cookie
    # groups it receives data under (``consent_groups``).
    events: Sequence[str] = tuple(Event.values)
    consent_groups: Sequence[str] = ()
    legacy: bool = False  # declared only as free text by a source (the old form)
    # Cal. Civ. Code § 1798.83 ("Shine the Light"): it uses the personal information it receives for its own
    # direct marketing. Such recipients are named, with their postal address, to a customer who asks which
    # third parties received their data for that purpose in the preceding calendar year.
    direct_marketing: bool = False
    address: Any = ""  # postal address (the law asks for names and addresses)
    marketing_examples: Any = ""  # what it markets, when its name does not say (§ 1798.83(a)(2))

    def __init__(self) -> None:
        if not self.name or not REFERENCE.match(self.name):
            raise ValueError(f"{type(self).__name__}.name must be a lower-case key such as 'postnord'.")
        if not self.label:
            self.label = self.name

    def __repr__(self) -> str:
        return f"<Recipient {self.name}>"

    # -- configuration, read when used ----------------------------------------------------------------

    @staticmethod
    def _configured(name: str) -> str:
        if not name:
            return ""
        value = getattr(settings, name, None)
        if value is None:
            value = os.environ.get(name, "")
        return str(value or "")

    def webhook_url(self) -> str:
        return self._configured(self.webhook_url_setting)

    def webhook_secret(self) -> str:
        return self._configured(self.webhook_secret_setting)

    def channel(self) -> str:
        if self.legacy:
            return Channel.MANUAL
        if self.webhook_url():
            return Channel.WEBHOOK
        if self.email:
            return Channel.EMAIL
        return Channel.MANUAL

    def wants(self, event: str, *, consent_group: str = "") -> bool:
        if event not in self.events:
            return False
        if event == Event.CONSENT_WITHDRAWN:
            return consent_group in self.consent_groups
        return True

    def reference(self, subject) -> dict[str, Any]:
        """What the recipient needs to find the person, and no more: by default the e-mail address.

        Override to send the recipient's own customer reference (a Stripe customer id, say).
        """
        return {"email": subject.contact_email or ""}

    def transfer(self) -> bool:
        """Is this a transfer outside the EU/EEA (Chapter V GDPR)?"""
        return bool(self.country) and self.country.upper() not in EEA_COUNTRIES

    def describe(self) -> dict[str, Any]:
        return {
            "name": self.name, "label": str(self.label), "role": str(self.role),
            "role_label": str(Role(self.role).label) if self.role in Role.values else str(self.role),
            "purposes": [str(p) for p in self.purposes], "data_categories": [str(c) for c in self.data_categories],
            "country": self.country, "transfer": self.transfer(), "safeguard": str(self.safeguard),
            "safeguard_label": (str(Safeguard(self.safeguard).label) if self.safeguard in Safeguard.values
                                else str(self.safeguard)),
            "safeguard_note": str(self.safeguard_note), "contract": str(self.contract), "contact": self.contact,
            "channel": self.channel(), "events": [str(e) for e in self.events],
            "consent_groups": list(self.consent_groups), "legacy": self.legacy,
            "direct_marketing": self.direct_marketing, "address": str(self.address),
            "marketing_examples": str(self.marketing_examples),
        }


def legacy_key(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-")[:60] or "recipient"
    return f"legacy.{slug}"


def legacy_recipient(text: Any) -> Recipient:
    """A source's free-text recipient (the old form): shown as written, told by staff."""
    cls = type("LegacyRecipient", (Recipient,), {
        "name": legacy_key(str(text)), "label": text, "legacy": True, "role": Role.THIRD_PARTY, "safeguard": "",
    })
    return cls()


def is_reference(entry: Any) -> bool:
    """A source's recipient entry that names a declared recipient (a class, or a plain lower-case key)."""
    if isinstance(entry, type) and issubclass(entry, Recipient):
        return True
    return type(entry) is str and bool(REFERENCE.match(entry))


def reference_name(entry: Any) -> str:
    """The key a reference names: a Recipient class's ``name``, or the string itself."""
    if isinstance(entry, type) and issubclass(entry, Recipient):
        return entry.name
    return str(entry)


def warn_legacy(source_name: str, entry: Any) -> None:
    warnings.warn(
        f"Source {source_name!r} names its recipient {str(entry)!r} as free text; declare a Recipient in "
        "privacy.py and name it by its key (it is treated as told by staff meanwhile).",
        DeprecationWarning, stacklevel=3)
