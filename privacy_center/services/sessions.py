"""Ending a user's sessions through the user's own session records: O(that user's sessions).

On every login (Django's ``user_logged_in``, sent by the shop's, allauth's and the admin's
login alike) the session key is written to ``SessionRecord``; logging out removes it.
Ending a user's sessions reads that index, plus allauth's ``UserSession`` rows when
``allauth.usersessions`` is installed, and deletes exactly those sessions from the session
engine: nobody else's session is read or decoded, whatever their number.

A session whose key was rotated without a new login (Django's ``update_session_auth_hash``
after a password change in the admin) is not in the index; it stops working anyway once
the account is deactivated (Django's backends refuse inactive users) or erased.
"""

from __future__ import annotations

import datetime as dt
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.utils import timezone

from ..models import SessionRecord


def remember_session(sender, request=None, user=None, **kwargs) -> None:
    """``user_logged_in`` receiver: index this session's key under the user."""
    session = getattr(request, "session", None)
    if user is None or user.pk is None or session is None:
        return
    if session.session_key is None:
        session.save()  # the login stored the user in the session; give it its key now
    key = session.session_key
    if not key:
        return
    SessionRecord.objects.update_or_create(session_key=key, defaults={"user_id": user.pk,
                                                                      "created_at": timezone.now()})
    # Records of sessions that expired long ago are of no use: the user's own are pruned here.
    stale = timezone.now() - dt.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    SessionRecord.objects.filter(user_id=user.pk, created_at__lt=stale).delete()


def forget_session(sender, request=None, user=None, **kwargs) -> None:
    """``user_logged_out`` receiver: Django flushes the session; its record goes too."""
    session = getattr(request, "session", None)
    key = getattr(session, "session_key", None)
    if key:
        SessionRecord.objects.filter(session_key=key).delete()


def user_session_keys(user) -> set[str]:
    keys = set(SessionRecord.objects.filter(user_id=user.pk).values_list("session_key", flat=True))
    if apps.is_installed("allauth.usersessions"):
        # allauth.usersessions is optional: its models import only when it is in INSTALLED_APPS
        from allauth.usersessions.models import UserSession

        keys.update(UserSession.objects.filter(user=user.pk).values_list("session_key", flat=True))
    return keys


def end_user_sessions(user, *, forget_devices: bool = False) -> int:
    """Delete every indexed session of ``user`` from the session engine; returns how many keys were ended.

    ``forget_devices`` also deletes allauth's list of the user's devices (IP, user agent).
    """
    keys = user_session_keys(user)
    engine = import_module(settings.SESSION_ENGINE)
    for key in sorted(keys):
        engine.SessionStore(session_key=key).delete()
    SessionRecord.objects.filter(user_id=user.pk).delete()
    if forget_devices and apps.is_installed("allauth.usersessions"):
        # allauth.usersessions is optional: its models import only when it is in INSTALLED_APPS
        from allauth.usersessions.models import UserSession

        UserSession.objects.filter(user=user.pk).delete()
    return len(keys)
