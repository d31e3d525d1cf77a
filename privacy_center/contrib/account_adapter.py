"""An allauth account adapter whose e-mails (confirmations, password resets, notices) go through the outbox.

Name it, or a subclass, in ``ACCOUNT_ADAPTER``: allauth renders the mail as usual, and
instead of sending it inside the request (a mail server that is down would fail the
sign-up or the password reset) it is written to the outbox and delivered after the
commit, with retries. Check ``privacy_center.W023`` reminds a shop that has not.

``PendingDeletionLoginMixin`` (part of ``OutboxAccountAdapter``): a customer whose account is
deactivated for its deletion's cooling-off, and who signs in with the right password, sees that
the deletion is pending, when it happens, and a button that keeps the account, instead of
allauth's bare "This account is inactive".
"""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.apps import apps
from django.contrib.sites.shortcuts import get_current_site
from django.shortcuts import render


class PendingDeletionLoginMixin:
    """allauth calls ``respond_user_inactive`` only after the password was right: then it is safe to say
    that the account is pending deletion and to offer the cancel button the e-mail carries."""

    def respond_user_inactive(self, request, user):
        if apps.is_installed("privacy_center.erasure"):
            from django.utils import timezone

            from ..erasure.services.core import cancel_token, open_erasure
            from ..subjects import Subject

            erasure = open_erasure(Subject.for_user(user))
            if erasure is not None:
                can_cancel = erasure.due_at > timezone.now()  # the cancel link works until the erasure is due
                return render(request, "privacy_center/erasure/login_pending.html", {
                    "erasure": erasure, "cancel_token": cancel_token(erasure) if can_cancel else None})
        return super().respond_user_inactive(request, user)


class OutboxAccountAdapter(PendingDeletionLoginMixin, DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        from ..services.outbox import enqueue_email

        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request), **context}
        enqueue_email(self.render_mail(template_prefix, email, ctx), template=template_prefix)
