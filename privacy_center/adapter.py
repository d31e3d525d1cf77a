"""What a shop may change about how privacy_center does things.

Subclass ``DefaultPrivacyAdapter`` and name it in ``PRIVACY_CENTER_ADAPTER``;
fetch the current one with ``get_adapter()`` (fresh on every call, as allauth does).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.apps import apps
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone
from django.utils.module_loading import import_string

from .app_settings import app_settings
from .client_ip import client_ip
from .clocks import country_time_zone
from .links import remember_origin, site_url
from .mail import render_mail_parts
from .services.language import language_for_address, written_in
from .services.outbox import enqueue_email


class DefaultPrivacyAdapter:
    """Defaults for e-mail sending and client facts; override any method."""

    def render_mail(
        self,
        template_prefix: str,
        to: str,
        context: dict[str, Any],
        headers: dict[str, str] | None = None,
    ) -> EmailMultiAlternatives:
        """A text and an HTML part from one template, ``<prefix>_message.html`` (see ``privacy_center.mail``).

        The subject is ``<prefix>_subject.txt``; a mail with only ``_message.txt`` gets its HTML part made
        from the text. Neither part is escaped for the other (no ``&amp;`` in the text part).
        """
        parts = render_mail_parts(template_prefix, context)
        message = EmailMultiAlternatives(parts.subject, parts.text, to=[to], headers=headers or {})
        message.attach_alternative(parts.html, "text/html")
        return message

    def send_mail(
        self,
        template_prefix: str,
        to: str,
        context: dict[str, Any],
        headers: dict[str, str] | None = None,
        *,
        meta: dict[str, Any] | None = None,
        language: str | None = None,
    ) -> None:
        """Render the e-mail now, in the reader's language, and put it in the outbox.

        The language is ``language`` when the caller knows it (a request's, a subject's), else the one
        remembered for ``to`` (``services.language``), else the active one: a task or a worker running in
        another language still writes to a Swedish customer in Swedish. The message is written in the
        caller's transaction and delivered after the commit, with retries: a mail server that is down
        never fails or rolls back the caller.
        """
        with written_in(language or language_for_address(to)):
            message = self.render_mail(template_prefix, to, context, headers)
        enqueue_email(message, template=template_prefix, meta=meta)

    def get_client_ip(self, request) -> str | None:
        """The client's address (``privacy_center.client_ip``: set PRIVACY_CENTER_TRUSTED_PROXY_COUNT behind
        proxies rather than overriding this)."""
        return client_ip(request)

    def verify_order_proof(self, email: str, order_number: str, postcode: str) -> bool:
        """Does an order with this number and billing postcode belong to this e-mail address?

        Guests prove it before a copy of their data is released. The default reads
        ``PRIVACY_CENTER_ORDER_PROOF`` (model and field names); without it no proof is accepted.
        Postcodes are compared without spaces and case.
        """
        config = app_settings.ORDER_PROOF
        if not config or not order_number or not postcode:
            return False

        model = apps.get_model(config["model"])
        row = (
            model._default_manager.filter(**{
                f"{config.get('email', 'email')}__iexact": email.strip(),
                config.get("number", "number"): order_number.strip(),
            })
            .values_list(config.get("postcode", "billing_postcode"), flat=True)
            .first()
        )

        def norm(value) -> str:
            return "".join(str(value or "").split()).casefold()

        return row is not None and norm(row) == norm(postcode)

    def vouches_for_email(self, user) -> bool:
        """Did the shop itself prove that ``user`` holds their account e-mail (a confirmation link at sign-up)?

        ``manage.py privacy_verify_existing_emails`` gives such users a verified allauth address, so their
        earlier guest orders are reached. The default vouches for no one: override it (for example, true for
        accounts your old sign-up confirmed by e-mail), or run the command with ``--all-confirmed`` if every
        sign-up path ever used confirmed the address.
        """
        return False

    def get_subject_country(self, user) -> str | None:
        """The customer's country (ISO 3166, or ``"US-CA"``): it selects the privacy regimes of a request."""
        return None

    def is_minor(self, user) -> bool | None:
        """Whether the customer is under 18 (Cal. Bus. & Prof. Code § 22581: minors are told they may remove
        what they posted), or ``None`` when the shop does not know.

        By default read from the field ``PRIVACY_CENTER_BIRTH_DATE_FIELD`` names (a dotted path from the user:
        ``"profile.birth_date"``); override it where the shop stores an age or an "under 18" answer instead.
        """
        path = app_settings.BIRTH_DATE_FIELD
        if not path or user is None or not getattr(user, "is_authenticated", False):
            return None
        value = user
        for part in path.split("."):
            value = getattr(value, part, None)
            if value is None:
                return None
        if isinstance(value, dt.datetime):
            value = value.date()
        if not isinstance(value, dt.date):
            return None
        today = timezone.localdate()
        age = today.year - value.year - ((today.month, today.day) < (value.month, value.day))
        return age < 18

    def correction_choices(self, source, field_name: str) -> list[tuple[str, str]] | None:
        """The values a customer may choose for ``field_name`` of ``source`` when correcting it (e.g. the shop's
        country list), or ``None``: a free field (the model field's own ``choices`` always apply)."""
        return None

    def clean_correction(self, source, field_name: str, value):
        """Check a corrected value with the shop's own rules (postcode, phone, ...), after the model field's
        validators and ``max_length``: return the value to save, or raise ``ValidationError`` with a message
        the customer reads. By default the value is kept as it is."""
        return value

    def get_subject_timezone(self, user) -> str | None:
        """The customer's time zone (IANA name) for the times on their pages, or ``None`` (the shop's).

        By default, the zone of the customer's country when the country has only one (from the
        system's IANA ``zone.tab``); override it where the shop stores a customer's own zone.
        """
        return country_time_zone(self.get_subject_country(user))

    def build_absolute_uri(self, request, path: str) -> str:
        """An absolute link: from the request when there is one, else ``privacy_center.links.site_url()``."""
        if request is not None:
            remember_origin(request)
            return request.build_absolute_uri(path)
        return site_url() + path


def get_adapter() -> DefaultPrivacyAdapter:
    return import_string(app_settings.ADAPTER)()
