"""``manage.py privacy_record [--store] [--format json|csv] [--diff A B]``: the record of processing (Art. 30).

Without options it prints the current record as JSON. ``--store`` keeps a new version when the declarations
changed since the latest one (``migrate`` does the same after every run, so a deploy needs nothing more);
``--diff A B`` lists what changed between two stored versions.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from privacy_center.models import ProcessingRecordVersion
from privacy_center.services import processing_record


class Command(BaseCommand):
    help = "Print the record of processing (Art. 30 GDPR), store a version if it changed, or diff two versions."

    def add_arguments(self, parser):
        parser.add_argument("--store", action="store_true", help="Store a new version if the record changed.")
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument("--diff", nargs=2, type=int, metavar=("OLD", "NEW"), help="Compare two versions.")

    def handle(self, *args, store=False, format="json", diff=None, **options):
        if diff:
            versions = {v.number: v for v in ProcessingRecordVersion.objects.filter(number__in=diff)}
            missing = [n for n in diff if n not in versions]
            if missing:
                raise CommandError(f"No stored version {', '.join(map(str, missing))}.")
            rows = processing_record.diff(versions[diff[0]].record, versions[diff[1]].record)
            for row in rows:
                self.stdout.write(f"{row['change']:8} {row['section']} {row['item']} {row['field']}: "
                                  f"{row['old']!r} -> {row['new']!r}")
            self.stdout.write(f"{len(rows)} change(s) between v{diff[0]} and v{diff[1]}.")
            return
        if store:
            version, stored = processing_record.store_version(reason="command")
            self.stdout.write(f"Stored version {version.number}." if stored
                              else f"No change since version {version.number}.")
            return
        record = processing_record.build_record()
        self.stdout.write(processing_record.to_json(record) if format == "json" else processing_record.to_csv(record))
