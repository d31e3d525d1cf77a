"""Removing what a customer posted (reviews, comments) without deleting the account.

California's Bus. & Prof. Code § 22581 lets a minor who is a registered user remove content they posted; the shop
offers it to every customer and says so explicitly to those the adapter knows are under 18
(``DefaultPrivacyAdapter.is_minor``). A source declares ``user_content = True`` and how its rows go
(``remove = "delete"`` or ``"anonymize"``: the declared anonymizers applied and the link to the customer cleared,
so nothing posted can be tied to them). Only the customer's own rows are reached (``get_queryset(subject)``);
the timeline records what was removed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..anonymizers import get_anonymizer
from ..models import PrivacyEvent
from ..registry import site
from ..subjects import Subject
from .timeline import record_event

REMOVE_ACTIONS = ("delete", "anonymize")


@dataclass
class PostsRemoved:
    """What a removal did: per source, its label, the rows reached and how they went."""

    rows: list[dict[str, Any]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(r["count"] for r in self.rows)

    def summary(self) -> str:
        if not self.total:
            return _("You had posted nothing here: nothing was removed.")
        parts = []
        for row in self.rows:
            if row["remove"] == "anonymize":
                text = ngettext("%(label)s: %(n)d anonymized (no longer tied to you)",
                                "%(label)s: %(n)d anonymized (no longer tied to you)", row["count"])
            else:
                text = ngettext("%(label)s: %(n)d deleted", "%(label)s: %(n)d deleted", row["count"])
            parts.append(text % {"label": row["label"], "n": row["count"]})
        return _("What you posted was removed: %(parts)s.") % {"parts": "; ".join(parts)}


def user_content_sources() -> list:
    """The registered sources declared as user content."""
    return [s for s in site if getattr(s, "user_content", False)]


def posts_of(subject: Subject) -> list[dict[str, Any]]:
    """The customer's posts, per user-content source that holds some: label, count, how they would go."""
    rows = []
    for source in user_content_sources():
        count = source.count(subject)
        if count:
            rows.append({"name": source.name, "label": str(source.label), "count": count,
                         "remove": source.remove})
    return rows


def link_field(source) -> models.Field | None:
    """The foreign key ``user_path`` names on the source's own model, when it can be cleared (nullable)."""
    path = getattr(source, "user_path", "")
    if not path or "__" in path:
        return None
    try:
        f = source.model._meta.get_field(path)
    except FieldDoesNotExist:
        return None
    return f if getattr(f, "null", False) and f.is_relation else None


def declaration_problems(source) -> list[str]:
    """What is wrong with a user-content declaration (``privacy_center.E060``), in words."""
    if not getattr(source, "user_content", False):
        return []
    if source.remove not in REMOVE_ACTIONS:
        return [f"remove must be one of {', '.join(REMOVE_ACTIONS)}, not {source.remove!r}"]
    if source.remove == "anonymize":
        problems = []
        if getattr(source, "email_path", ""):
            problems.append("anonymize reaches rows through email_path, which it cannot clear: use delete")
        if link_field(source) is None:
            problems.append("anonymize needs user_path to be a nullable foreign key on the model, to clear it")
        return problems
    return []


def _anonymize(source, queryset: models.QuerySet) -> int:
    link = link_field(source)
    if link is None:
        raise ImproperlyConfigured(f"{source.name}: {'; '.join(declaration_problems(source))}")
    pairs = []
    for name, spec in getattr(source, "anonymize", {}).items():
        model_field = source.model._meta.get_field(name)
        anonymizer = get_anonymizer(spec)
        anonymizer.validate(model_field)
        pairs.append((model_field, anonymizer))
    count = 0
    for row in queryset.order_by("pk"):  # one customer's posts: few rows, each with its own values
        for model_field, anonymizer in pairs:
            setattr(row, model_field.attname, anonymizer.python_value(model_field, getattr(row, model_field.attname)))
        setattr(row, link.attname, None)
        row.save(update_fields=[f.name for f, _a in pairs] + [link.name])
        count += 1
    return count


def remove_posts(subject: Subject, *, actor=None, method: str = "self_service") -> PostsRemoved:
    """Delete or anonymize every row of the subject's in the user-content sources, as each declares."""
    result = PostsRemoved()
    with transaction.atomic():
        for source in user_content_sources():
            queryset = source.get_queryset(subject)
            if not queryset.exists():
                continue
            if source.remove == "anonymize":
                count = _anonymize(source, queryset)
            else:
                count = source.delete_rows(queryset)
            result.rows.append({"name": source.name, "label": str(source.label), "count": count,
                                "remove": source.remove})
        record_event(subject, PrivacyEvent.Kind.POSTS_REMOVED, result.summary(), method=method, actor=actor,
                     data={"removed": [{"source": r["name"], "count": r["count"], "how": r["remove"]}
                                       for r in result.rows]})
    return result
