"""Applies an erasure plan for one subject, in one database transaction: every source or none.

Set-based throughout: a source's rows are deleted with one ``DELETE`` (Django's
collector, which also batches cascades) or anonymized with one ``UPDATE`` whose
values are SQL expressions (see ``privacy_center.anonymizers``); never a
``save()`` per row. The order matters and is fixed here:

1. the plan, with the ids of rows under a legal hold, is read before anything
   changes (anonymizing an address makes guest rows unreachable);
2. every session of the user is ended;
3. each source is erased (``source.erase(subject)``; for a ``ModelSource`` that is
   ``erase_model_source`` below), the user row last (deleted or anonymized,
   ``PRIVACY_CENTER_ERASURE_USER_ACTION``);
4. the addresses join the suppression list, a tombstone of keyed hashes, the
   legal holds and the receipt are written, and the timeline records it.

Signals and e-mails wait for the commit (``transaction.on_commit``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from importlib import import_module
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connections, models, transaction
from django.db.models import Case, F, Value, When
from django.utils import timezone

from ...anonymizers import Anonymizer, get_anonymizer, placeholder_email_value
from ...app_settings import app_settings
from ...declarations import Preview
from ...hashing import email_hash, keyed_hash, normalize_email
from ...models import PrivacyEvent
from ...registry import site
from ...services.suppression import suppress
from ...services.timeline import record_event
from ...signals import subject_erased
from ...sources import ModelSource
from ...subjects import Subject
from ..models import ErasureTombstone, LegalHoldRecord, SubjectErasure
from .planner import ANONYMIZE, DELETE, KEEP, ErasurePlan, effective_action, is_user_source, plan_erasure

# Databases on which every anonymizer is one SQL expression.
SQL_VENDORS = {"sqlite", "postgresql"}


# -- one source ---------------------------------------------------------------------------------


def resolve_anonymizers(source: ModelSource) -> list[tuple[models.Field, Anonymizer]]:
    """The declared anonymizers with their (concrete, local) fields, validated before anything changes."""
    pairs = []
    for name, spec in source.anonymize.items():
        field = source.model._meta.get_field(name)
        anonymizer = get_anonymizer(spec)
        anonymizer.validate(field)
        pairs.append((field, anonymizer))
    return pairs


def anonymize_queryset(queryset: models.QuerySet, pairs: Iterable[tuple[models.Field, Anonymizer]], *,
                       few_values: bool = False) -> int:
    """One ``UPDATE`` setting every anonymized field; returns the rows changed.

    Where an anonymizer has no SQL form on this database, its distinct values are
    mapped in Python and written with a ``CASE`` inside the same statement. One
    subject's rows hold few distinct values (one address on 10k orders), so the
    executor asks for the mapping (``few_values``) instead of hashing row by row.
    """
    vendor = connections[queryset.db].vendor
    values: dict[str, Any] = {}
    for field, anonymizer in pairs:
        expression = None
        if not anonymizer.vendor_sql or (vendor in SQL_VENDORS and not few_values):
            try:
                expression = anonymizer.expression(field)
            except NotImplementedError:
                expression = None
        if expression is None:
            distinct = {v for v in queryset.values_list(field.name, flat=True).distinct() if v is not None}
            if not distinct:
                continue
            expression = Case(
                *[When(**{field.name: v}, then=Value(anonymizer.python_value(field, v), output_field=field))
                  for v in sorted(distinct, key=str)],
                default=F(field.name), output_field=field,
            )
        values[field.name] = expression
    if not values:
        return queryset.count()
    return queryset.update(**values)


def writable_queryset(source: ModelSource, subject: Subject) -> models.QuerySet:
    """The subject's rows on the base manager: a model's default manager may forbid updates (append-only)."""
    if type(source).get_queryset is ModelSource.get_queryset:
        return source.model._base_manager.filter(source.subject_filter(subject))
    return source.get_queryset(subject)


def erase_model_source(source: ModelSource, subject: Subject) -> Preview:
    """Apply a model source's erasure strategy inside the caller's transaction; what was done."""
    action = effective_action(source)
    queryset = writable_queryset(source, subject)
    label = source.model._meta.label
    if action == DELETE:
        _, per_model = queryset.delete()
        return Preview(source.name, str(source.label), per_model.get(label, 0), DELETE)
    if action == ANONYMIZE:
        pairs = resolve_anonymizers(source)
        count = anonymize_queryset(queryset, pairs, few_values=True)
        return Preview(source.name, str(source.label), count, ANONYMIZE,
                       anonymized_fields=[f.name for f, _ in pairs],
                       kept_reason=str(source.legal_hold.reason) if source.legal_hold else "")
    return Preview(source.name, str(source.label), queryset.count(), KEEP,
                   kept_reason=str(source.legal_hold.reason) if source.legal_hold else "")


# -- the account -----------------------------------------------------------------------------------


def end_user_sessions(user, *, forget_devices: bool = False) -> int:
    """End every session of ``user``: allauth's list of them, plus a scan of database sessions (sessions
    started by ``django.contrib.auth.login`` outside allauth, e.g. the admin, are not in allauth's list)."""
    keys: set[str] = set()
    if apps.is_installed("allauth.usersessions"):
        from allauth.usersessions.models import UserSession

        tracked = UserSession.objects.filter(user=user.pk)
        keys.update(tracked.values_list("session_key", flat=True))
        if forget_devices:
            tracked.delete()
    engine = import_module(settings.SESSION_ENGINE)
    if settings.SESSION_ENGINE.endswith(("db", "cached_db")):
        from django.contrib.sessions.models import Session

        user_id = str(user.pk)
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator(chunk_size=2000):
            if str(session.get_decoded().get("_auth_user_id")) == user_id:
                keys.add(session.session_key)
    for key in keys:
        engine.SessionStore(session_key=key).delete()
    return len(keys)


def erase_user_row(user, action: str) -> str:
    """Delete the user row (cascades run set-based) or strip it to a pseudonymous, unusable shell."""
    User = get_user_model()
    rows = User._base_manager.filter(pk=user.pk)
    if action == "delete":
        rows.delete()
        return "delete"
    values: dict[str, Any] = {
        User.USERNAME_FIELD: f"deleted-{keyed_hash(f'user:{user.pk}')[:20]}",
        "password": make_password(None),
        "is_active": False,
        "last_login": None,
    }
    email_field = User.get_email_field_name()
    if email_field != User.USERNAME_FIELD:
        values[email_field] = placeholder_email_value(getattr(user, email_field, "") or f"user:{user.pk}")
    for name in ("first_name", "last_name"):
        if any(f.name == name for f in User._meta.concrete_fields):
            values[name] = ""
    rows.update(**values)
    return "anonymize"


# -- the whole subject ---------------------------------------------------------------------------


def subject_emails(subject: Subject) -> set[str]:
    emails = {normalize_email(e) for e in subject.emails}
    if subject.user is not None and getattr(subject.user, "email", ""):
        emails.add(normalize_email(subject.user.email))
    return emails


def erase_subject(subject: Subject, erasure: SubjectErasure, *, plan: ErasurePlan | None = None) -> dict[str, Any]:
    """Erase everything of ``subject`` in one transaction; mark ``erasure`` completed; return the receipt."""
    plan = plan or plan_erasure(subject, with_ids=True)
    planned = {p.name: p for p in plan.sources}
    emails = subject_emails(subject)
    now = timezone.now()
    with transaction.atomic():
        sessions = end_user_sessions(subject.user) if subject.user is not None else 0
        done: dict[str, Preview] = {}
        for source in site:
            if is_user_source(source):
                continue
            if isinstance(source, ModelSource) and effective_action(source) == KEEP:
                p = planned[source.name]  # kept as is: the plan already counted it
                done[source.name] = Preview(source.name, p.label, p.count, KEEP, kept_reason=p.reason)
                continue
            done[source.name] = source.erase(subject)
        user_action = ""
        if subject.user is not None:
            user_action = erase_user_row(subject.user, app_settings.ERASURE_USER_ACTION)
        for email in sorted(emails):
            suppress(email, "erased")
        tombstone = ErasureTombstone.objects.create(
            subject_hash=keyed_hash(subject.key), email_hashes=sorted(email_hash(e) for e in emails),
            user_action=user_action, erased_at=now,
        )
        notify = (erasure.email or getattr(subject.user, "email", "")) if erasure.notify_on_release else ""
        holds = [
            LegalHoldRecord(
                erasure=erasure, source=p.name, model=_model_label(p.name), label=p.label, reason=h.reason,
                until=h.until, object_ids=h.object_ids, count=h.count, first_ref=h.first_ref[:100],
                last_ref=h.last_ref[:100], notify_email=notify,
            )
            for p in plan.sources for h in p.holds if h.until is not None and h.count
        ]
        LegalHoldRecord.objects.bulk_create(holds)
        receipt = build_receipt(plan, planned, done, user_action=user_action, sessions=sessions,
                                suppressed=len(emails), at=now)
        erasure.status = SubjectErasure.Status.COMPLETED
        erasure.completed_at = now
        erasure.receipt = receipt
        erasure.email = ""
        erasure.last_error = ""
        fields = ["status", "completed_at", "receipt", "email", "last_error"]
        if user_action == "delete":  # the database already set the foreign keys to NULL; keep it so
            erasure.user = None
            fields.append("user")
        erasure.save(update_fields=fields)
        record_event(subject.key, PrivacyEvent.Kind.ERASURE_COMPLETED, _summary(receipt), method=erasure.method,
                     data={"erasure": erasure.pk, "rows": receipt["totals"]})
        transaction.on_commit(lambda: _after_commit(subject, receipt, tombstone))
    return receipt


def _model_label(source_name: str) -> str:
    source = site.get(source_name)
    return source.model._meta.label if isinstance(source, ModelSource) else ""


def build_receipt(plan: ErasurePlan, planned, done: dict[str, Preview], *, user_action: str, sessions: int,
                  suppressed: int, at) -> dict[str, Any]:
    rows = []
    totals = {DELETE: 0, ANONYMIZE: 0, KEEP: 0}
    for p in plan.sources:
        if p.name in done:
            result = done[p.name]
            count, action = result.count, str(result.action)
        else:  # the user row
            count, action = p.count, ANONYMIZE if user_action == "anonymize" else DELETE
        if not count and not p.count:
            continue
        totals[action] = totals.get(action, 0) + count
        row = p.to_dict()
        row.update(count=count, action=action)
        rows.append(row)
    told_at = at.isoformat()
    return {
        "subject": plan.subject_key,
        "completed_at": told_at,
        "user_action": user_action,
        "sessions_ended": sessions,
        "suppressed_addresses": suppressed,
        "sources": rows,
        "totals": totals,
        # Art. 19 GDPR: recipients of the data are told through the ``subject_erased`` signal (webhooks).
        "recipients": [{"name": r, "told_at": told_at, "how": "subject_erased"} for r in plan.recipients()],
    }


def _summary(receipt: dict[str, Any]) -> str:
    t = receipt["totals"]
    return f"Erased: {t[DELETE]} deleted, {t[ANONYMIZE]} anonymized, {t[KEEP]} kept under a legal hold"


def _after_commit(subject: Subject, receipt: dict[str, Any], tombstone: ErasureTombstone) -> None:
    path = app_settings.ERASURE_TOMBSTONE_LOG
    if path:
        with open(path, "a", encoding="utf-8") as log:
            log.write(json.dumps({"subject_hash": tombstone.subject_hash, "email_hashes": tombstone.email_hashes,
                                  "user_action": tombstone.user_action,
                                  "erased_at": tombstone.erased_at.isoformat()}) + "\n")
    subject_erased.send(sender=SubjectErasure, subject=subject, receipt=receipt)
