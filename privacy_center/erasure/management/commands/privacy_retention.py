"""``manage.py privacy_retention [--dry-run]``: apply every source's retention now and print the report."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand

from privacy_center.erasure.services.retention import run_retention


class Command(BaseCommand):
    help = ("Apply retention: delete or anonymize rows past each source's retention period, release legal holds "
            "that ended, warn and erase inactive accounts. --dry-run shows what would be done.")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count what would be done; change nothing.")
        parser.add_argument("--json", action="store_true", dest="as_json", help="Print the report as JSON.")

    def handle(self, *args, dry_run=False, as_json=False, **options):
        report = run_retention(dry_run=dry_run)
        if as_json:
            lines = [line.to_dict() for line in report.lines]
            self.stdout.write(json.dumps({"dry_run": report.dry_run, "lines": lines}))
        else:
            self.stdout.write(report.as_text())

