"""Periodic scans of the database: staff reminders before deadlines, and the retention purge.

Reminders come from scanning due dates each run (Celery beat), never from long task
delays in the broker, so they survive restarts and follow extensions and pauses.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ...app_settings import app_settings
from ...regimes import add_months
from ..models import PrivacyRequest, ProofAttachment, RequestEvent, RequestMessage
from .emails import send_reminder
from .events import add_event


def due_for_reminder(today: dt.date | None = None):
    """Open requests due within ``REQUEST_REMINDER_DAYS`` not yet reminded, or overdue and not reminded since."""
    today = today or timezone.localdate()
    soon = today + dt.timedelta(days=app_settings.REQUEST_REMINDER_DAYS)
    return (
        PrivacyRequest.objects.open()
        .filter(due_at__lte=soon)
        .filter(Q(last_reminder_on__isnull=True) | Q(due_at__lt=today, last_reminder_on__lte=F("due_at")))
        .select_related("assignee")
        .order_by("due_at", "pk")
    )


def send_reminders(today: dt.date | None = None) -> int:
    """E-mail each assignee (or the staff addresses) one list of their requests; returns requests reminded."""
    today = today or timezone.localdate()
    by_address: dict[str, list[PrivacyRequest]] = defaultdict(list)
    for req in due_for_reminder(today):
        if req.assignee_id and req.assignee.email:
            addresses = [req.assignee.email]
        else:
            addresses = app_settings.REQUEST_STAFF_EMAILS
        for address in addresses:
            by_address[address].append(req)
    reminded: dict[int, PrivacyRequest] = {}
    for address, reqs in by_address.items():
        send_reminder(address, reqs)
        for req in reqs:
            reminded[req.pk] = req
    for req in reminded.values():
        PrivacyRequest.objects.filter(pk=req.pk).update(last_reminder_on=today)
        text = _("Staff reminded: overdue") if req.due_at < today else _("Staff reminded: due %(date)s") % {
            "date": req.due_at.isoformat()}
        add_event(req, RequestEvent.Kind.REMINDER, text, role="system", public=False)
    return len(reminded)


def purge_cutoff(now: dt.datetime | None = None) -> dt.datetime:
    now = now or timezone.now()
    day = add_months(timezone.localdate(now), -app_settings.REQUEST_RETENTION_MONTHS)
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def purge_closed(now: dt.datetime | None = None, *, batch: int = 500) -> int:
    """Delete requests closed before the retention cutoff (at least 24 months), with their events."""
    cutoff = purge_cutoff(now)
    qs = PrivacyRequest.objects.closed().filter(closed_at__lt=cutoff).order_by("pk")
    purged = 0
    while True:
        ids = list(qs.values_list("pk", flat=True)[:batch])
        if not ids:
            return purged
        purged += purge_ids(ids)


def purge_ids(ids: list[int]) -> int:
    """Delete these requests with their events, messages and proof files, in one transaction."""
    if not ids:
        return 0
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # The append-only trigger lets only this retention purge delete events.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL privacy_center.purging = 'on'")
        for proof in ProofAttachment.objects.filter(request_id__in=ids):
            proof.file.delete(save=False)
        ProofAttachment.objects.filter(request_id__in=ids).delete()
        RequestMessage.objects.filter(request_id__in=ids).delete()
        placeholders = ", ".join(["%s"] * len(ids))
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {RequestEvent._meta.db_table} WHERE request_id IN ({placeholders})", ids)
            cursor.execute(f"DELETE FROM {PrivacyRequest._meta.db_table} WHERE id IN ({placeholders})", ids)
    return len(ids)
