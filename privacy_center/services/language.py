"""The language each subject reads, remembered so that e-mails written later (by a task, the outbox, a
reminder) are in it rather than in whatever language the worker happens to run.

- ``remember_language(subject, code)``: a logged-in customer switched language (``PrivacySignalsMiddleware``
  sees the language cookie set) or logged in (the active language); a guest filed a request.
- ``language_of(subject)`` / ``language_for_address(email)``: the remembered language, or ``None``.
- ``request_language(req)``: for e-mails about a request: the customer's remembered language, else the
  language the request was filed in.
- ``DefaultPrivacyAdapter.send_mail`` renders every e-mail inside ``translation.override`` of it.
- ``translate_stored(text)``: a text recorded earlier (a timeline entry, written by a worker in English) in the
  reader's language, its placeholders too ("Request PR-1 filed: Access: a copy of my data").

Codes are stored as ``settings.LANGUAGES`` spells them (``sv``, ``vi``, ``zh-hans``).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from functools import lru_cache

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import translation
from django.utils.translation import trans_real

from ..hashing import email_hash, normalize_email
from ..models import SubjectLanguage
from ..subjects import Subject


def supported(code: str | None) -> str | None:
    """``code`` as one of ``settings.LANGUAGES`` (``zh-CN`` -> ``zh-hans``), or ``None`` if it is not offered."""
    if not code:
        return None
    try:
        variant = translation.get_supported_language_variant(str(code).lower())
    except LookupError:
        return None
    return variant if variant in dict(settings.LANGUAGES) else None


def remember_language(subject: Subject, code: str | None) -> str | None:
    """Store ``code`` as ``subject``'s language (a no-op for an unsupported code); returns what was stored."""
    language = supported(code)
    if language is None:
        return None
    updated = SubjectLanguage.objects.filter(subject_key=subject.key).exclude(language=language).update(
        language=language)
    if not updated:
        SubjectLanguage.objects.get_or_create(subject_key=subject.key, defaults={"language": language})
    return language


def remember_user_language(user, code: str | None) -> str | None:
    return remember_language(Subject(user=user), code)


def remember_language_at_login(sender, request, user, **kwargs) -> None:
    """``user_logged_in`` receiver: the active language (the page's) becomes the account's."""
    if request is None or user is None:
        return
    remember_user_language(user, getattr(request, "LANGUAGE_CODE", None) or translation.get_language())


def language_of(subject: Subject | None) -> str | None:
    """The language remembered for ``subject`` (its account first, then its addresses), or ``None``."""
    if subject is None:
        return None
    keys = subject.keys
    rows = dict(SubjectLanguage.objects.filter(subject_key__in=keys).values_list("subject_key", "language"))
    return next((supported(rows[k]) for k in keys if k in rows and supported(rows[k])), None)


def language_for_address(address: str | None) -> str | None:
    """The language of whoever reads ``address``: the account with that e-mail, else the address itself."""


    if not address or "@" not in address or "," in address:
        return None
    email = normalize_email(address)
    keys = [f"email:{email_hash(email)}"]
    user_model = get_user_model()
    field = user_model.get_email_field_name()
    user_ids = list(user_model._default_manager.filter(**{f"{field}__iexact": email}).values_list("pk", flat=True)[:2])
    if len(user_ids) == 1:
        keys.insert(0, f"user:{user_ids[0]}")
    rows = dict(SubjectLanguage.objects.filter(subject_key__in=keys).values_list("subject_key", "language"))
    return next((supported(rows[k]) for k in keys if k in rows and supported(rows[k])), None)


def request_language(req) -> str | None:
    """E-mails about a request: to an agent in the language they filed in; to a customer in their account's
    language, else the one they filed in."""
    if not req.agent_email and req.user_id is not None:
        remembered = language_of(Subject(user=req.user))
        if remembered:
            return remembered
    return supported(req.language)


@contextlib.contextmanager
def written_in(language: str | None) -> Iterator[None]:
    """Activate ``language`` for the block when it is one the shop offers; otherwise leave the active one."""
    language = supported(language)
    if language is None:
        yield
        return
    with translation.override(language):
        yield


_NAMED = re.compile(r"%\((\w+)\)[sd]")


@lru_cache(maxsize=16)
def _stored_patterns(language: str) -> tuple[tuple[re.Pattern, str], ...]:
    """The active catalogs' msgids with named placeholders, as patterns that read their values back out of a
    formatted text; the most specific (longest literal text) first."""

    # Django's own JavaScriptCatalog reads the same private catalog: gettext has no public list of msgids.
    catalog = trans_real.translation(language)._catalog  # type: ignore[attr-defined]
    found = []
    for msgid in catalog.keys():
        if not isinstance(msgid, str) or "%(" not in msgid or "\x04" in msgid:
            continue
        pieces, names, literal, pos = [], set(), 0, 0
        for match in _NAMED.finditer(msgid):
            text = msgid[pos:match.start()]
            pieces.append(re.escape(text))
            literal += len(text)
            name = match.group(1)
            pieces.append(f"(?P={name})" if name in names else f"(?P<{name}>.+?)")
            names.add(name)
            pos = match.end()
        tail = msgid[pos:]
        if "%" in tail.replace("%%", "") or literal + len(tail) < 8:
            continue
        pieces.append(re.escape(tail.replace("%%", "%")))
        found.append((literal + len(tail), re.compile("".join(pieces), re.S), msgid))
    found.sort(key=lambda item: -item[0])
    return tuple((pattern, msgid) for _length, pattern, msgid in found)


def translate_stored(text, *, _depth: int = 0):
    """``text``, recorded in English, in the active language when the catalogs know it: as a whole, or as a
    msgid with named placeholders whose values are translated in turn. Anything else is returned unchanged."""
    if not isinstance(text, str) or not text.strip():
        return text
    translated = translation.gettext(text)
    language = translation.get_language()
    if translated != text or _depth > 2 or not language or language == settings.LANGUAGE_CODE:
        return translated
    for pattern, msgid in _stored_patterns(language):
        match = pattern.fullmatch(text)
        if match is None:
            continue
        template = translation.gettext(msgid)
        if template == msgid:
            continue
        values = {name: translate_stored(value, _depth=_depth + 1) for name, value in match.groupdict().items()}
        try:
            return template % values
        except (KeyError, TypeError, ValueError):
            return text
    return text
