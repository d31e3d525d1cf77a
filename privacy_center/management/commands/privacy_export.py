"""``manage.py privacy_export (--user ID | --email ADDRESS) [--output PATH]``: a subject's export, for staff.

With ``--output`` the ZIP is written to that path (nothing is kept in the
private storage); without it, an export is built now, stored and listed on
the customer's page like one they asked for (and they are e-mailed).
Either way the subject's timeline records it.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from ...models import PrivacyEvent
from ...services import export as export_service
from ...services.timeline import record_event
from ...subjects import Subject


class Command(BaseCommand):
    help = "Export one subject's personal data (a user, or a guest by e-mail address) as a ZIP."

    def add_arguments(self, parser) -> None:
        who = parser.add_mutually_exclusive_group(required=True)
        who.add_argument("--user", type=int, help="Id of the user.")
        who.add_argument("--email", help="A guest's e-mail address (rows reached through that address).")
        parser.add_argument("--output", help="Write the ZIP to this path instead of the private storage.")

    def handle(self, *args, user=None, email=None, output=None, **options) -> None:
        subject = self._subject(user, email)
        if output:
            try:
                with open(output, "wb") as target:
                    manifest = export_service.write_archive(subject, target)
            except OSError as exc:
                raise CommandError(f"Cannot write {output}: {exc}") from exc
            except export_service.ExportError as exc:
                raise CommandError(f"Export failed in source {exc.source!r}: {exc}") from exc
            record_event(subject, PrivacyEvent.Kind.EXPORT_READY, "Copy of data made by staff (command line)",
                         method="command", data={"rows": {s["name"]: s["rows"] for s in manifest["sources"]}})
            for source in manifest["sources"]:
                self.stdout.write(f"{source['name']}: {source['rows']}")
            self.stdout.write(self.style.SUCCESS(f"Wrote {output}"))
            return
        with transaction.atomic():
            export, created = export_service.request_export(subject, method="command", enqueue=False)
        if not created:
            self.stdout.write(f"An export is already in progress for this subject: {export.pk} ({export.status})")
            return
        try:
            export_service.build_export(export.pk)
        except export_service.ExportError as exc:
            export_service.fail_export(export.pk, exc)
            raise CommandError(f"Export {export.pk} failed in source {exc.source!r}") from exc
        export.refresh_from_db()
        self.stdout.write(self.style.SUCCESS(
            f"Export {export.pk}: {export.status}, {export.size} bytes, sha256 {export.sha256}"
        ))

    def _subject(self, user_id, email) -> Subject:
        if user_id is not None:
            try:
                return Subject.for_user(get_user_model().objects.get(pk=user_id))
            except get_user_model().DoesNotExist:
                raise CommandError(f"No user with id {user_id}.") from None
        if not email or "@" not in email:
            raise CommandError("Give a valid e-mail address.")
        return Subject.for_email(email)
