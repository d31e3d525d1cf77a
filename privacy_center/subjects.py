"""The data subject: the person whose data a page, export or erasure is about.

A subject is a user, an e-mail address (guest data: orders, messages and
sign-ups made without an account), or both. Rows are reached through the user
path, or through the e-mail path for **verified** addresses only, so that
someone who signs up with another person's address never sees their guest data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from .hashing import email_hash, normalize_email


@dataclass(frozen=True)
class Subject:
    user: Any = None
    email: str | None = None
    # Extra verified addresses; filled by ``for_user``.
    extra_emails: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        if self.user is None and not self.email:
            raise ValueError("A subject needs a user or an e-mail address.")

    @classmethod
    def for_user(cls, user) -> Subject:
        """A user and every address allauth has verified for them."""
        emails: set[str] = set()
        try:
            # app loading: allauth's models; subjects imports before apps are ready (registry -> sources -> subjects)
            from allauth.account.models import EmailAddress
        except ImportError:  # allauth is optional for the app
            pass
        else:
            emails.update(
                normalize_email(e)
                for e in EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
            )
        return cls(user=user, extra_emails=frozenset(emails))

    @classmethod
    def for_email(cls, email: str) -> Subject:
        """A guest, proven by holding the address (a verification link)."""
        return cls(email=normalize_email(email))

    @cached_property
    def emails(self) -> frozenset[str]:
        """Verified addresses through which guest rows are reached."""
        found = set(self.extra_emails)
        if self.email:
            found.add(normalize_email(self.email))
        return frozenset(found)

    @property
    def account_email(self) -> str:
        """The account's own address as stored ("" for a guest, or an account without one)."""
        return str(getattr(self.user, "email", "") or "") if self.user is not None else ""

    @property
    def key(self) -> str:
        """A stable key for timelines and flags: the user's id, or the e-mail's keyed hash."""
        if self.user is not None:
            return f"user:{self.user.pk}"
        return f"email:{email_hash(self.email or '')}"

    @property
    def keys(self) -> list[str]:
        """Every key under which flags for this subject may have been recorded."""
        keys = [self.key]
        keys += [f"email:{email_hash(e)}" for e in sorted(self.emails)]
        return list(dict.fromkeys(keys))

    @property
    def contact_email(self) -> str | None:
        email: str | None = getattr(self.user, "email", None) if self.user is not None else None
        return email or self.email

    def __str__(self) -> str:
        return str(self.user) if self.user is not None else (self.email or "")
