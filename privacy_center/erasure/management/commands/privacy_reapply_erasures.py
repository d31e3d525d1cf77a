"""``manage.py privacy_reapply_erasures [--file LOG] [--dry-run]``: erase again what a restore brought back."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from privacy_center.app_settings import app_settings
from privacy_center.erasure.services.tombstones import reapply_erasures


class Command(BaseCommand):
    help = ("After restoring a database backup, re-apply every erasure recorded as a tombstone (in the database "
            "and in the tombstone log file).")

    def add_arguments(self, parser):
        parser.add_argument("--file", help="Tombstone log (default: PRIVACY_CENTER_ERASURE_TOMBSTONE_LOG).")
        parser.add_argument("--dry-run", action="store_true", help="Show whom it would erase; change nothing.")

    def handle(self, *args, file=None, dry_run=False, **options):
        path = file or app_settings.ERASURE_TOMBSTONE_LOG or None
        report = reapply_erasures(dry_run=dry_run, log_path=path)
        if report.tombstones_restored:
            self.stdout.write(f"Restored {report.tombstones_restored} tombstones from {path}.")
        verb = "Would erase" if dry_run else "Erased"
        self.stdout.write(f"{verb} {len(report.users)} accounts and {report.guest_addresses} guest addresses again.")
        if not report.users and not report.guest_addresses:
            self.stdout.write("Nothing to re-apply: no erased subject is back.")
