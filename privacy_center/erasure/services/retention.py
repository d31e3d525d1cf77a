"""Retention sweeps: each source's retention, legal holds that ended (dated, or conditional: ``holds``), and
inactive accounts.

Run by the beat task ``privacy_center.run_retention`` and ``manage.py
privacy_retention [--dry-run]``. Rows are deleted or anonymized in batches of
primary-key ranges (``PRIVACY_CENTER_RETENTION_BATCH_SIZE``): a few large
set-based statements, each short enough not to hold locks for long. A dry run
counts what would be done and changes nothing.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import asdict, dataclass, field
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import DatabaseError, models, transaction
from django.db.models import Max, Min, ProtectedError, RestrictedError
from django.db.models.functions import Coalesce
from django.utils import timezone

from ...adapter import get_adapter
from ...app_settings import app_settings
from ...erasing import anonymize_queryset, resolve_anonymizers
from ...registry import site
from ...sources import ModelSource
from ...subjects import Subject
from ..models import InactivityWarning, LegalHoldRecord
from .core import erase_now
from .holds import exclude_held, release_conditional_holds

logger = logging.getLogger("privacy_center.retention")

EMAIL_PREFIX = "privacy_center/erasure/email/"


@dataclass
class SweepLine:
    step: str  # retention, legal_hold, inactive_warning, inactive_erasure
    target: str
    action: str
    count: int
    detail: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class SweepReport:
    dry_run: bool
    started_at: dt.datetime
    lines: list[SweepLine] = field(default_factory=list)

    def add(self, *args, **kwargs) -> None:
        self.lines.append(SweepLine(*args, **kwargs))

    @property
    def total(self) -> int:
        return sum(line.count for line in self.lines)

    def as_text(self) -> str:
        verb = "would be" if self.dry_run else "were"
        out = [f"Retention sweep at {self.started_at:%Y-%m-%d %H:%M} ({'dry run' if self.dry_run else 'applied'})"]
        for line in self.lines:
            out.append(f"- {line.target}: {line.count} {line.action} {verb} done"
                       + (f" ({line.detail})" if line.detail else ""))
        if not self.lines:
            out.append("- nothing to do")
        return "\n".join(out)


# -- batches -------------------------------------------------------------------------------------------


def pk_batches(queryset: models.QuerySet, batch_size: int):
    """Querysets over consecutive primary-key ranges covering ``queryset``; each is one statement."""
    if not isinstance(queryset.model._meta.pk, models.AutoField | models.BigAutoField | models.IntegerField):
        yield queryset  # non-integer keys (UUIDs): one statement
        return
    bounds = queryset.aggregate(low=Min("pk"), high=Max("pk"))
    low, high = bounds["low"], bounds["high"]
    if low is None:
        return
    start = low
    while start <= high:
        yield queryset.filter(pk__gte=start, pk__lt=start + batch_size)
        start += batch_size


def delete_in_batches(source: ModelSource, queryset: models.QuerySet, batch_size: int) -> int:
    total = 0
    for batch in pk_batches(queryset, batch_size):
        with transaction.atomic(using=queryset.db):
            total += source.delete_rows(batch)
    return total


def _delete_rows(model: type[models.Model], queryset: models.QuerySet) -> int:
    """Through the model's source when one is declared (it may purge its own way), else a plain delete."""
    source = next((s for s in site if isinstance(s, ModelSource) and s.model is model), None)
    if source is not None:
        return source.delete_rows(queryset)
    return queryset.delete()[1].get(model._meta.label, 0)


def anonymize_in_batches(queryset: models.QuerySet, pairs, batch_size: int) -> int:
    total = 0
    for batch in pk_batches(queryset, batch_size):
        with transaction.atomic(using=queryset.db):
            total += anonymize_queryset(batch, pairs)
    return total


# -- the steps -----------------------------------------------------------------------------------------


def expired_queryset(source: ModelSource, now: dt.datetime) -> tuple[models.QuerySet, list]:
    """Rows of ``source`` past their retention, and the anonymizers to apply (empty for deletion)."""
    retention = source.retention
    if retention is None:
        raise ValueError(f"Source {source.name!r} declares no retention.")
    cutoff = now - dt.timedelta(days=retention.days)
    queryset = source.model._base_manager.filter(**{f"{retention.date_field}__lt": cutoff})
    if retention.action != "anonymize":
        return queryset, []
    pairs = resolve_anonymizers(source)
    # Skip rows already anonymized, so a nightly sweep does not rewrite years of rows again.
    for model_field, anonymizer in pairs:
        done = anonymizer.done_q(model_field)
        if done is not None:
            queryset = queryset.exclude(done)
            break
    return queryset, pairs


def sweep_sources(report: SweepReport, now: dt.datetime, batch_size: int) -> None:
    for source in site:
        retention = getattr(source, "retention", None)
        if not retention or not retention.date_field:
            continue
        if not isinstance(source, ModelSource):
            apply = getattr(source, "apply_retention", None)  # custom sources may implement it
            if apply is not None:
                count = apply(now=now, dry_run=report.dry_run)
                if count:
                    report.add("retention", str(source.label), retention.action, count, str(retention.reason))
            continue
        queryset, pairs = expired_queryset(source, now)
        queryset = exclude_held(source, queryset)  # kept while a condition holds (an unpaid invoice)
        if report.dry_run:
            count = queryset.count()
        elif retention.action == "anonymize":
            count = anonymize_in_batches(queryset, pairs, batch_size)
        else:
            count = delete_in_batches(source, queryset, batch_size)
        if count:
            report.add("retention", str(source.label), "anonymize" if pairs else "delete", count,
                       f"older than {retention}: {retention.reason}")


def release_holds(report: SweepReport, now: dt.datetime, batch_size: int) -> None:
    """Final erasure of rows whose legal hold ended; tell the customer (once) if they asked to be told."""
    today = timezone.localdate(now)
    told: dict[str, list[LegalHoldRecord]] = {}
    dated = LegalHoldRecord.objects.filter(released_at__isnull=True, conditional=False, until__lt=today)
    for hold in dated.order_by("until", "pk"):
        try:
            model = apps.get_model(hold.model)
        except (LookupError, ValueError):
            logger.warning("legal hold %s names an unknown model %s", hold.pk, hold.model)
            continue
        ids = hold.object_ids
        count = len(ids)
        if not report.dry_run:
            count = 0
            try:
                with transaction.atomic():
                    for start in range(0, len(ids), 900):  # within every database's parameter limit
                        count += _delete_rows(model, model._base_manager.filter(pk__in=ids[start:start + 900]))
                    LegalHoldRecord.objects.filter(pk=hold.pk).update(released_at=now, notify_email="",
                                                                      object_ids=[])
            except (ProtectedError, RestrictedError, DatabaseError) as exc:
                # Another app still needs the rows (or guards them): keep the hold, retry on the next sweep.
                logger.warning("legal hold %s not released: %s", hold.pk, exc)
                report.add("legal_hold", hold.label, "failed", len(ids), f"{type(exc).__name__}: {exc}"[:300])
                continue
            if hold.notify_email:
                told.setdefault(hold.notify_email, []).append(hold)
        report.add("legal_hold", hold.label, "delete", count, f"legal hold ended {hold.until}: {hold.reason}")
    for email, holds in told.items():
        last = not LegalHoldRecord.objects.filter(notify_email=email, released_at__isnull=True).exists()
        get_adapter().send_mail(EMAIL_PREFIX + "hold_released", email, {"holds": holds, "last": last},
                                language=holds[0].language or None)


def _inactive_users(before: dt.datetime) -> models.QuerySet:
    User = get_user_model()
    return (User._base_manager.filter(is_active=True, is_staff=False, is_superuser=False)
            .annotate(_last_seen=Coalesce("last_login", "date_joined"))
            .filter(_last_seen__lt=before))


def sweep_inactive_accounts(report: SweepReport, now: dt.datetime) -> None:
    days = app_settings.INACTIVE_ACCOUNT_DAYS
    if days is None:
        return
    warn_days = min(app_settings.INACTIVE_WARNING_DAYS, days)
    open_warnings = InactivityWarning.objects.filter(cancelled_at__isnull=True)
    # 1. Erase accounts whose warning ran out without a login since.
    due = list(open_warnings.filter(due_at__lte=now).select_related("user"))
    erased = 0
    for warning in due:
        user = warning.user
        last_seen = user.last_login or user.date_joined
        if last_seen >= warning.warned_at or not user.is_active:
            if not report.dry_run:
                InactivityWarning.objects.filter(pk=warning.pk).update(cancelled_at=now)
            continue
        erased += 1
        if not report.dry_run:
            erase_now(Subject.for_user(user), method="retention")
    if erased:
        report.add("inactive_erasure", "Inactive accounts", "erase", erased,
                   f"no login for {days} days after a warning")
    # 2. Warn owners of accounts that become due in ``warn_days``.
    warned_ids = InactivityWarning.objects.filter(cancelled_at__isnull=True).values("user_id")
    to_warn = _inactive_users(now - dt.timedelta(days=days - warn_days)).exclude(pk__in=warned_ids)
    if report.dry_run:
        count = to_warn.count()
    else:
        count = 0
        due_at = now + dt.timedelta(days=warn_days)
        for user in to_warn.iterator(chunk_size=500):
            email = getattr(user, user.get_email_field_name(), "")
            with transaction.atomic():  # the warning and its e-mail (outbox) together
                InactivityWarning.objects.create(user=user, warned_at=now, due_at=due_at)
                if email:
                    get_adapter().send_mail(EMAIL_PREFIX + "inactive_warning", email,
                                            {"user": user, "due_at": due_at, "days": days})
            count += 1
    if count:
        report.add("inactive_warning", "Inactive accounts", "warn", count,
                   f"erased in {warn_days} days unless they log in")


def cancel_inactivity_warnings(user, now: dt.datetime | None = None) -> int:
    """Logging in keeps the account: any open warning is cancelled (``user_logged_in`` receiver)."""
    return InactivityWarning.objects.filter(user=user.pk, cancelled_at__isnull=True).update(
        cancelled_at=now or timezone.now())


def run_retention(*, dry_run: bool = False, now: dt.datetime | None = None,
                  batch_size: int | None = None) -> SweepReport:
    """Apply (or, dry, count) every retention rule; returns the report."""
    now = now or timezone.now()
    batch_size = batch_size or app_settings.RETENTION_BATCH_SIZE
    report = SweepReport(dry_run=dry_run, started_at=now)
    sweep_inactive_accounts(report, now)
    sweep_sources(report, now, batch_size)
    release_holds(report, now, batch_size)
    release_conditional_holds(report, now)
    logger.info("%s", report.as_text())
    return report

