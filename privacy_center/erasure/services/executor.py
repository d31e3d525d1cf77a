"""Applies an erasure plan for one subject, in one database transaction: every source or none.

Set-based throughout: rows are deleted with ``DELETE`` statements (Django's collector, which also batches
cascades) or anonymized with ``UPDATE`` statements whose values are SQL expressions (see
``privacy_center.anonymizers``), by primary key; never a ``save()`` per row. The order is fixed here:

1. the plan (with the ids of rows under a legal hold) and every model source's rows, by primary key,
   are read before anything changes (``targets.resolve_targets``): deleting a profile must not make the
   orders reached through it unreachable, and anonymizing an address must not hide the guest rows;
2. every session of the user is ended; sources that are not models erase themselves;
3. the resolved rows are anonymized, then deleted (rows pointing at other deleted rows first), and the
   user row last (deleted or anonymized, ``PRIVACY_CENTER_ERASURE_USER_ACTION``);
4. every planned row is read again: anything that still holds the subject's value where the plan said
   delete or anonymize raises ``ErasureNotVerified`` and rolls the whole erasure back;
5. the addresses join the suppression list, a tombstone of keyed hashes, the legal holds and the receipt
   (what the re-read found) are written, and the timeline records it.

Every recipient of a source that held the subject's data is told (Art. 19 GDPR): one notification each,
written in this transaction before anything is erased (the payload needs the address), sent through the
outbox after the commit. The receipt lists each with the state its delivery is really in.

Signals and e-mails wait for the commit (``transaction.on_commit``).
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import models, transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ...anonymizers import placeholder_email_value
from ...app_settings import app_settings
from ...coverage import PERSONAL_NAME
from ...declarations import Preview
from ...hashing import email_hash, keyed_hash, normalize_email
from ...models import PrivacyEvent
from ...recipients import Event
from ...registry import site
from ...services import notifications
from ...services.language import language_of
from ...services.sessions import end_user_sessions
from ...services.suppression import suppress
from ...services.timeline import record_event
from ...signals import subject_erased
from ...sources import ModelSource
from ...subjects import Subject
from ..models import ErasureTombstone, LegalHoldRecord, SubjectErasure
from .planner import (
    ANONYMIZE,
    DELETE,
    KEEP,
    ErasurePlan,
    SourcePlan,
    hold_sentence,
    is_user_source,
    plan_erasure,
)
from .targets import ErasureNotVerified, apply_targets, blocked, resolve_targets, verify_targets

# -- the account -----------------------------------------------------------------------------------


def user_anonymized_values(user) -> dict[str, Any]:
    """What anonymizing the account writes: a pseudonymous login, no password, and every declared personal
    field of the user model emptied (text) or removed (nullable), whatever the custom user model holds."""
    User = type(user)
    opts = User._meta
    username = User.USERNAME_FIELD
    email_field = User.get_email_field_name()
    values: dict[str, Any] = {"password": make_password(None), "last_login": None}
    pseudonym = f"deleted-{keyed_hash(f'user:{user.pk}')[:20]}"
    if isinstance(opts.get_field(username), models.EmailField):
        values[username] = f"{pseudonym}@invalid"
    else:
        values[username] = pseudonym
    concrete = {f.name: f for f in opts.concrete_fields}
    if email_field != username and email_field in concrete:
        values[email_field] = placeholder_email_value(getattr(user, email_field, "") or f"user:{user.pk}")
    if "is_active" in concrete:
        values["is_active"] = False
    source = site.get("auth.user") if site.is_registered("auth.user") else None
    declared = source.field_labels if isinstance(source, ModelSource) and source.model is User else {}
    for name in declared:
        model_field = concrete.get(name)
        if model_field is None or name in values or model_field.primary_key or model_field.is_relation:
            continue
        if isinstance(model_field, models.CharField | models.TextField) and not model_field.unique:
            values[name] = "" if not model_field.null else None
        elif model_field.null and PERSONAL_NAME.search(name.lower()):
            values[name] = None
    return {k: v for k, v in values.items() if k in concrete}


def erase_user_row(user, action: str) -> str:
    """Delete the user row (cascades run set-based) or strip it to a pseudonymous, unusable shell."""
    rows = type(user)._base_manager.filter(pk=user.pk)
    if action == "delete":
        try:
            rows.delete()
        except (ProtectedError, RestrictedError) as exc:
            raise blocked("auth.user", exc) from exc
        return "delete"
    rows.update(**user_anonymized_values(user))
    return "anonymize"


def verify_user_row(user, action: str, before: dict[str, Any]) -> None:
    """The account row is gone, or holds none of its former login, address or declared personal values."""
    row = type(user)._base_manager.filter(pk=user.pk).values(*before).first()
    if row is None:
        return
    if action == "delete":
        raise ErasureNotVerified("Source 'auth.user': the account row planned for deletion is still there.")
    for name, old in before.items():
        if old not in (None, "") and row[name] == old and name not in ("is_active", "password"):
            raise ErasureNotVerified(f"Source 'auth.user', field {name!r}: still holds the subject's value.")


# -- the whole subject ---------------------------------------------------------------------------


def subject_emails(subject: Subject) -> set[str]:
    emails = {normalize_email(e) for e in subject.emails}
    if subject.account_email:
        emails.add(normalize_email(subject.account_email))
    return emails


def erase_subject(subject: Subject, erasure: SubjectErasure, *, plan: ErasurePlan | None = None) -> dict[str, Any]:
    """Erase everything of ``subject`` in one transaction, check it; mark ``erasure`` completed; the receipt.

    Raises ``ErasureNotVerified`` (and changes nothing) if a source's planned rows could not be erased.
    """
    emails = subject_emails(subject)
    now = timezone.now()
    # The customer's language, read before the erasure removes it: a later "kept data erased" e-mail uses it.
    language = language_of(subject) or ""
    with transaction.atomic():
        sources = [s for s in site if not is_user_source(s)]
        # Every row is found by the relations as they are now, before anything changes them.
        targets = resolve_targets([s for s in sources if isinstance(s, ModelSource)], subject)
        counts = {t.source.name: len(t.pks) + len(t.held) for t in targets}
        plan = plan or plan_erasure(subject, with_ids=True, counts=counts,
                                    holds={t.source.name: t.holds for t in targets if t.holds is not None})
        user_before = {}
        user_action = app_settings.ERASURE_USER_ACTION if subject.user is not None else ""
        if subject.user is not None:
            user_before = {k: getattr(subject.user, k) for k in user_anonymized_values(subject.user)
                           if k not in ("password", "last_login")}
        told = notifications.notify(subject, Event.ERASURE, about=f"erasure:{erasure.pk}",
                                    sources=[site.get(p.name) for p in plan.with_data() if site.is_registered(p.name)])
        sessions = end_user_sessions(subject.user) if subject.user is not None else 0
        others: dict[str, Preview] = {}
        for source in sources:
            if not isinstance(source, ModelSource):
                others[source.name] = source.erase(subject)
        apply_targets(targets)
        if subject.user is not None:
            erase_user_row(subject.user, user_action)
        verify_targets(targets)
        for source in sources:
            if not isinstance(source, ModelSource) and str(others[source.name].action) == DELETE:
                left = source.count(subject)
                if left:
                    raise ErasureNotVerified(f"Source {source.name!r}: {left} item(s) still there after its erase().")
        if subject.user is not None:
            verify_user_row(subject.user, user_action, user_before)
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
                last_ref=h.last_ref[:100], notify_email=notify, conditional=h.conditional,
                language=language if notify else "",
            )
            for p in plan.sources for h in p.holds if (h.until is not None or h.conditional) and h.count
        ]
        LegalHoldRecord.objects.bulk_create(holds)
        done = {t.source.name: t.outcome for t in targets}
        for name, preview in others.items():
            done[name] = {DELETE: 0, ANONYMIZE: 0, KEEP: 0, str(preview.action): preview.count}
        receipt = build_receipt(plan, done, user_action=user_action, sessions=sessions,
                                suppressed=len(emails), at=now, recipients=notifications.receipt_rows(told))
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


def build_receipt(plan: ErasurePlan, done: dict[str, dict[str, int]], *, user_action: str, sessions: int,
                  suppressed: int, at, recipients: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """What the re-read after the erasure found, source by source (``done``: action -> rows), in the past tense."""
    rows = []
    totals = {DELETE: 0, ANONYMIZE: 0, KEEP: 0}
    for p in plan.sources:
        if p.name in done:
            outcome = done[p.name]
        else:  # the user row, checked by verify_user_row
            outcome = {DELETE: 0, ANONYMIZE: 0, KEEP: 0}
            outcome[ANONYMIZE if user_action == "anonymize" else DELETE] = p.count
        count = sum(outcome.values())
        if not count and not p.count:
            continue
        for action, n in outcome.items():
            totals[action] += n
        row = p.to_dict()
        row.update(count=count, action=p.action, outcome=outcome, sentence=done_sentence(p, outcome))
        rows.append(row)
    return {
        "subject": plan.subject_key,
        "completed_at": at.isoformat(),
        "verified": True,
        "user_action": user_action,
        "sessions_ended": sessions,
        "suppressed_addresses": suppressed,
        "sources": rows,
        "totals": totals,
        # Art. 19 GDPR: each recipient's notification with the state of its delivery when the erasure committed;
        # ``notifications.receipt_rows`` gives the live state (the admin, the request, the completion e-mail).
        "recipients": recipients or [],
    }


def done_sentence(p: SourcePlan, outcome: dict[str, int]) -> str:
    """What was done to one source, as checked afterwards, in one sentence."""
    parts = []

    def items(n: int) -> str:
        return ngettext("%(n)d item", "%(n)d items", n) % {"n": n}

    if outcome[DELETE]:
        parts.append(_("%(rows)s deleted") % {"rows": items(outcome[DELETE])})
    if outcome[ANONYMIZE]:
        parts.append(_("%(rows)s anonymized (%(fields)s removed)") % {
            "rows": items(outcome[ANONYMIZE]), "fields": ", ".join(p.fields) or _("personal details")})
    if outcome[KEEP]:
        parts.append(_("%(rows)s kept") % {"rows": items(outcome[KEEP])})
    if not parts:
        return _("%(label)s: nothing was stored.") % {"label": p.label}
    text = _("%(label)s: %(done)s, checked after the erasure.") % {"label": p.label, "done": "; ".join(parts)}
    for hold in p.holds:
        text += " " + hold_sentence(p.label, hold)
    return text


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
