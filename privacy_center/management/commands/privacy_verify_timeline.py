"""``manage.py privacy_verify_timeline [--subject KEY ...]``: recompute the timeline's hash chains.

Stores the result per subject (``TimelineCheckpoint``): the timeline page shows a problem found
here and from then on verifies only events added after the checked tip.
Exits with status 1 and lists each problem when an event was changed, removed or reordered.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from ...models import PrivacyEvent
from ...services.timeline import verify_chain


class Command(BaseCommand):
    help = "Verify the hash chain of the privacy timeline; exit non-zero on tampering."

    def add_arguments(self, parser):
        parser.add_argument("--subject", action="append", dest="subjects", metavar="KEY",
                            help="Only this subject key (user:<id> or email:<hash>); repeatable.")

    def handle(self, *args, subjects=None, **options):
        problems = verify_chain(subjects, checkpoint=True)
        checked = PrivacyEvent.objects.filter(**({"subject_key__in": subjects} if subjects else {})).count()
        for problem in problems:
            self.stderr.write(f"{problem.subject_key} event {problem.event_id}: {problem.reason}")
        if problems:
            raise CommandError(f"Timeline tampering detected: {len(problems)} problem(s) in {checked} events.")
        self.stdout.write(self.style.SUCCESS(f"Timeline verified: {checked} events, every chain intact."))
