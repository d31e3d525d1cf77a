"""An index of each user's session keys, kept on login, so a user's sessions end without reading anyone else's."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SessionRecord(models.Model):
    """One session a user logged in with (any login: the shop, allauth, the admin). Only
    ``services.sessions`` changes these rows; ending the session deletes its record."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("user"))
    session_key = models.CharField(_("session key"), max_length=40, unique=True)
    created_at = models.DateTimeField(_("logged in"), default=timezone.now)

    class Meta:
        verbose_name = _("session record")
        verbose_name_plural = _("session records")

    def __str__(self) -> str:
        return f"session of user {self.user_id} since {self.created_at:%Y-%m-%d %H:%M}"
