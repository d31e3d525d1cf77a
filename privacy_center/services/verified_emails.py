"""Existing customers' account e-mails as verified allauth addresses, where the shop vouches for them.

Guest rows (orders placed before registering) are reached only through a **verified** address
(``Subject.for_user``), so a shop that adopts privacy_center with users who have no allauth
``EmailAddress`` row would show them none of their guest orders. ``vouch_for_existing_emails`` adds
that row for each user the shop vouches for (``adapter.vouches_for_email``, or ``all_confirmed``),
and never:

- for an address allauth holds as unverified (a sign-up whose confirmation link was never used);
- for an address another account already holds (in any case);
- for inactive accounts or users without an address.

Each added address is recorded on the subject's timeline.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction

from ..adapter import get_adapter
from ..hashing import normalize_email
from ..models import PrivacyEvent
from .timeline import record_event


@dataclass
class VouchReport:
    added: list[int] = field(default_factory=list)  # user ids
    already_verified: int = 0
    not_vouched: int = 0
    unverified_signup: int = 0
    taken: int = 0
    no_address: int = 0


def vouch_for_existing_emails(*, all_confirmed: bool = False, dry_run: bool = False) -> VouchReport:
    User = get_user_model()
    email_field = User.get_email_field_name()
    adapter = get_adapter()
    report = VouchReport()
    known: dict[str, list[tuple[int, bool]]] = {}
    for user_id, email, verified in EmailAddress.objects.values_list("user_id", "email", "verified"):
        known.setdefault(normalize_email(email), []).append((user_id, verified))
    owners: dict[str, set[int]] = {}
    for user_id, email in User._base_manager.values_list("pk", email_field):
        if email:
            owners.setdefault(normalize_email(email), set()).add(user_id)
    users = User._base_manager.all()
    if any(f.name == "is_active" for f in User._meta.concrete_fields):
        users = users.filter(is_active=True)
    for user in users.order_by("pk").iterator(chunk_size=2000):
        email = normalize_email(getattr(user, email_field, "") or "")
        if not email:
            report.no_address += 1
            continue
        rows = known.get(email, [])
        if any(uid == user.pk and verified for uid, verified in rows):
            report.already_verified += 1
            continue
        if any(uid == user.pk for uid, _ in rows):
            report.unverified_signup += 1  # allauth sent a confirmation that was never used
            continue
        if any(uid != user.pk for uid, _ in rows) or len(owners.get(email, ())) > 1:
            report.taken += 1
            continue
        if not (all_confirmed or adapter.vouches_for_email(user)):
            report.not_vouched += 1
            continue
        report.added.append(user.pk)
        if dry_run:
            continue
        with transaction.atomic():
            primary = not EmailAddress.objects.filter(user=user, primary=True).exists()
            EmailAddress.objects.create(user=user, email=getattr(user, email_field), verified=True, primary=primary)
            # No event kind of its own (that would need a migration of the event table): a correction of
            # the account's address records, said plainly.
            record_event(f"user:{user.pk}", PrivacyEvent.Kind.DATA_CORRECTED,
                         "Account e-mail recorded as verified (the shop vouched for it)", method="command",
                         data={"source": "account.emailaddress", "verified": True}, user=user)
    return report
