"""``manage.py send_newsletter --subject S --body B [--dry-run]``: marketing that respects privacy choices."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from shop_demo.marketing import send_newsletter


class Command(BaseCommand):
    help = ("Send the newsletter to active subscribers, skipping anyone who restricted processing, objected to "
            "marketing, is being erased or is on the suppression list.")

    def add_arguments(self, parser):
        parser.add_argument("--subject", default="News from Filament & Form")
        parser.add_argument("--body", default="New filaments are in stock.")
        parser.add_argument("--dry-run", action="store_true", help="Count the recipients; send nothing.")

    def handle(self, *args, subject, body, dry_run=False, **options):
        count = send_newsletter(subject, body, dry_run=dry_run)
        verb = "Would send" if dry_run else "Queued"
        self.stdout.write(f"{verb} the newsletter to {count} recipients.")
