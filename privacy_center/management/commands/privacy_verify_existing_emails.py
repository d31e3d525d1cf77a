"""``manage.py privacy_verify_existing_emails [--all-confirmed] [--dry-run]``: verified addresses for existing users.

Run once when adopting privacy_center in a shop whose users have no allauth ``EmailAddress`` rows:
each user the shop vouches for (``PrivacyAdapter.vouches_for_email``; or every user with
``--all-confirmed``, only if every sign-up path you ever had confirmed the address by a link) gets
their account e-mail as a verified address, so "My data", exports and erasure reach the orders they
placed as a guest before registering. Addresses allauth holds as unverified, or that another account
holds, are never verified.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from ...services.verified_emails import vouch_for_existing_emails


class Command(BaseCommand):
    help = "Record existing users' account e-mails as verified allauth addresses where the shop vouches for them."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--all-confirmed", action="store_true",
                            help="Every sign-up path of this shop confirmed the address by a link: vouch for all.")
        parser.add_argument("--dry-run", action="store_true", help="Count only; change nothing.")

    def handle(self, *args, all_confirmed=False, dry_run=False, **options) -> None:
        report = vouch_for_existing_emails(all_confirmed=all_confirmed, dry_run=dry_run)
        verb = "would be recorded" if dry_run else "recorded"
        self.stdout.write(
            f"{len(report.added)} address(es) {verb} as verified; {report.already_verified} already verified; "
            f"skipped: {report.not_vouched} not vouched for, {report.unverified_signup} unconfirmed at sign-up, "
            f"{report.taken} held by another account, {report.no_address} without an address."
        )
        if report.not_vouched and not all_confirmed:
            self.stdout.write("Users not vouched for keep their guest orders unreached: override "
                              "PrivacyAdapter.vouches_for_email, or pass --all-confirmed if every sign-up confirmed "
                              "the address.")
