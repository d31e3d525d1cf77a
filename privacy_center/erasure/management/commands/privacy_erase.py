"""``manage.py privacy_erase (--user ID | --email ADDRESS) [--dry-run]``: erase a subject now, no cooling-off."""

from __future__ import annotations

from collections import Counter

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from privacy_center.erasure.models import ErasureTombstone
from privacy_center.erasure.services.core import erase_now
from privacy_center.erasure.services.planner import plan_erasure
from privacy_center.hashing import email_hash, keyed_hash
from privacy_center.subjects import Subject


class Command(BaseCommand):
    help = "Erase one subject's personal data at once (skips the cooling-off); prints the plan or what was done."

    def add_arguments(self, parser):
        who = parser.add_mutually_exclusive_group(required=True)
        who.add_argument("--user", type=int, help="The user's id.")
        who.add_argument("--email", help="An address: a guest's data (orders, messages, sign-ups).")
        parser.add_argument("--dry-run", action="store_true", help="Print the plan; change nothing.")

    def handle(self, *args, user=None, email=None, dry_run=False, **options):
        subject = self.subject(user, email)
        if subject is None:
            return
        plan = plan_erasure(subject)
        self.stdout.write(f"Plan for {subject.key} ({plan.total_rows} rows):")
        for source in plan.with_data():
            self.stdout.write(f"  - {source.sentence}")
        if not plan.with_data():
            self.stdout.write("  (no personal data found)")
        if dry_run:
            self.stdout.write("Dry run: nothing changed.")
            return
        outcome = erase_now(subject, method="command")
        self.stdout.write(outcome.message)
        totals = outcome.receipt.get("totals", {})
        if totals:
            self.stdout.write(
                f"Deleted {totals.get('delete', 0)}, anonymized {totals.get('anonymize', 0)}, "
                f"kept under a legal hold {totals.get('keep', 0)} rows; "
                f"recipients: {recipient_states(outcome.receipt)}; "
                f"receipt in erasure #{outcome.erasure.pk}."
            )

    def subject(self, user_id: int | None, email: str | None) -> Subject | None:
        if user_id is not None:
            user = get_user_model()._base_manager.filter(pk=user_id).first()
            if user is None:
                if ErasureTombstone.objects.filter(subject_hash=keyed_hash(f"user:{user_id}")).exists():
                    self.stdout.write(f"User {user_id} was already erased: nothing changed.")
                    return None
                raise CommandError(f"No user with id {user_id}.")
            return Subject.for_user(user)
        if email is None or "@" not in email:
            raise CommandError("--email needs an e-mail address.")
        subject = Subject.for_email(email)
        hashed = email_hash(email)
        plan = plan_erasure(subject)
        if not (plan.deleted or plan.anonymized) and any(
                hashed in hashes for hashes in ErasureTombstone.objects.values_list("email_hashes", flat=True)):
            self.stdout.write("This address was already erased: nothing changed.")
            return None
        return subject


def recipient_states(receipt) -> str:
    """How many notifications are in which state, in words: "4 being sent, 1 waiting for staff to tell them"."""
    counts = Counter(r.get("state_label", r.get("state", "")) for r in receipt.get("recipients", []))
    return ", ".join(f"{n} {str(label).lower()}" for label, n in sorted(counts.items())) or "none to tell"
