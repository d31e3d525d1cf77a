"""Conditional legal holds: rows kept while a condition holds (an unpaid invoice, an open dispute).

An erasure keeps such rows as they are and records them (``LegalHoldRecord`` with ``conditional``); the
retention sweep skips rows its source's condition still matches (``exclude_held``). Every day the sweep
asks again (``release_conditional_holds``): rows the condition no longer matches are erased as the source
says (deleted, or anonymized when the source anonymizes), the record keeps only the rows still held, the
customer's timeline says what was erased, and a customer who asked to be told gets an e-mail in the
language they used when they erased their account.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING, Any

from django.db import DatabaseError, models, transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import ngettext

from ...adapter import get_adapter
from ...erasing import anonymize_queryset, resolve_anonymizers
from ...models import PrivacyEvent
from ...registry import site
from ...services.timeline import record_event
from ...sources import ModelSource
from ..models import LegalHoldRecord
from .planner import ANONYMIZE, effective_action, held_rows, ref_path, still_held

if TYPE_CHECKING:
    from .retention import SweepReport

logger = logging.getLogger("privacy_center.retention")

EMAIL_PREFIX = "privacy_center/erasure/email/"


def exclude_held(source: ModelSource, queryset: models.QuerySet) -> models.QuerySet:
    """``queryset`` without the rows the source's conditional hold keeps now (retention waits for them)."""
    hold = source.legal_hold
    if hold is None or not hold.conditional:
        return queryset
    condition = hold.condition
    if isinstance(condition, dict):
        condition = models.Q(**condition)
    if isinstance(condition, models.Q):
        return queryset.exclude(condition)
    held = [row["pk"] for row in held_rows(source, queryset)]
    return queryset.exclude(pk__in=held) if held else queryset


def _erase(source: ModelSource, rows: models.QuerySet) -> tuple[str, int]:
    """Erase released rows as the source erases (anonymize when it anonymizes, else delete)."""
    if effective_action(source) == ANONYMIZE and source.anonymize:
        return ANONYMIZE, anonymize_queryset(rows, resolve_anonymizers(source))
    return "delete", source.delete_rows(rows)


def _refs(source: ModelSource, pks: list[Any]) -> list[str]:
    path = ref_path(source)
    if not path:
        return []
    return sorted(str(v) for v in source.model._base_manager.filter(pk__in=pks).values_list(path, flat=True)
                  if v is not None)


def release_conditional_holds(report: SweepReport, now: dt.datetime) -> None:
    """Erase kept rows whose condition stopped holding; tell the customer (if they asked) what was erased."""
    told: dict[str, list[dict[str, Any]]] = {}
    languages: dict[str, str] = {}
    open_holds = LegalHoldRecord.objects.filter(conditional=True, released_at__isnull=True).select_related("erasure")
    for hold in open_holds.order_by("pk"):
        source = site.get(hold.source) if site.is_registered(hold.source) else None
        if not isinstance(source, ModelSource):
            logger.warning("conditional legal hold %s names an unknown source %s", hold.pk, hold.source)
            continue
        ids = list(hold.object_ids)
        existing = set(source.model._base_manager.filter(pk__in=ids).values_list("pk", flat=True))
        keep = still_held(source, [pk for pk in ids if pk in existing])
        released = [pk for pk in ids if pk in existing and pk not in keep]
        gone = [pk for pk in ids if pk not in existing]  # removed by the shop meanwhile
        if not released and not gone:
            continue
        if report.dry_run:
            report.add("legal_hold", hold.label, "release", len(released), f"no longer held: {hold.reason}")
            continue
        refs = _refs(source, released)
        try:
            with transaction.atomic():
                action, count = _erase(source, source.model._base_manager.filter(pk__in=released)) if released \
                    else ("delete", 0)
                remaining = [pk for pk in ids if pk in keep]
                LegalHoldRecord.objects.filter(pk=hold.pk).update(
                    object_ids=remaining, count=len(remaining),
                    **({"released_at": now, "notify_email": ""} if not remaining else {}))
                if count:
                    record_event(hold.erasure.subject_key, PrivacyEvent.Kind.HOLD_RELEASED,
                                 _released_summary(hold, action, count, refs),
                                 method="retention", data={"hold": hold.pk, "rows": count, "action": action})
        except (ProtectedError, RestrictedError, DatabaseError) as exc:
            logger.warning("conditional legal hold %s not released: %s", hold.pk, exc)
            report.add("legal_hold", hold.label, "failed", len(released), f"{type(exc).__name__}: {exc}"[:300])
            continue
        report.add("legal_hold", hold.label, action, count, f"no longer held: {hold.reason}")
        if count and hold.notify_email:
            told.setdefault(hold.notify_email, []).append(
                {"label": hold.label, "refs": ", ".join(refs), "reason": hold.reason, "count": count,
                 "anonymized": action == ANONYMIZE})
            languages[hold.notify_email] = hold.language
    for email, released_rows in told.items():
        last = not LegalHoldRecord.objects.filter(notify_email=email, released_at__isnull=True).exists()
        get_adapter().send_mail(EMAIL_PREFIX + "hold_ended", email, {"released": released_rows, "last": last},
                                language=languages.get(email) or None)


def _released_summary(hold: LegalHoldRecord, action: str, count: int, refs: list[str]) -> str:
    what = f"{hold.label} {', '.join(refs)}".strip() if refs else hold.label
    if action == ANONYMIZE:
        text = ngettext("%(what)s: %(n)d kept item anonymized, as the reason to keep it no longer applies "
                        "(%(reason)s).", "%(what)s: %(n)d kept items anonymized, as the reason to keep them no "
                        "longer applies (%(reason)s).", count)
    else:
        text = ngettext("%(what)s: %(n)d kept item deleted, as the reason to keep it no longer applies "
                        "(%(reason)s).", "%(what)s: %(n)d kept items deleted, as the reason to keep them no "
                        "longer applies (%(reason)s).", count)
    return (text % {"what": what, "n": count, "reason": hold.reason.rstrip(".")})[:300]
