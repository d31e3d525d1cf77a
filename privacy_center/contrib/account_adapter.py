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
from django.core.mail import EmailMultiAlternatives
from django.shortcuts import render
from django.utils import timezone

from ..mail import render_mail_parts
from ..services.outbox import enqueue_email
from ..subjects import Subject


class PendingDeletionLoginMixin:
    """allauth calls ``respond_user_inactive`` only after the password was right: then it is safe to say
    that the account is pending deletion and to offer the cancel button the e-mail carries."""

    def respond_user_inactive(self, request, user):
        if apps.is_installed("privacy_center.erasure"):
            # the erasure feature app may be left out of INSTALLED_APPS (the core never imports a feature at load)
            from ..erasure.services.core import cancel_token, open_erasure

            erasure = open_erasure(Subject.for_user(user))
            if erasure is not None:
                can_cancel = erasure.due_at > timezone.now()  # the cancel link works until the erasure is due
                return render(request, "privacy_center/erasure/login_pending.html", {
                    "erasure": erasure, "cancel_token": cancel_token(erasure) if can_cancel else None})
        return super().respond_user_inactive(request, user)


class OutboxAccountAdapter(PendingDeletionLoginMixin, DefaultAccountAdapter):
    def render_mail(self, template_prefix: str, email, context: dict, headers=None) -> EmailMultiAlternatives:
        """allauth's mail with both parts: its text template unescaped (no ``&amp;``), an HTML part made from it
        when the shop has no ``_message.html`` (``privacy_center.mail.render_mail_parts``)."""
        parts = render_mail_parts(template_prefix, context, allauth_context.request)
        to = [email] if isinstance(email, str) else list(email)
        message = EmailMultiAlternatives(self.format_email_subject(parts.subject), parts.text,
                                         self.get_from_email(), to, headers=headers)
        message.attach_alternative(parts.html, "text/html")
        return message

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request), **context}
        enqueue_email(self.render_mail(template_prefix, email, ctx), template=template_prefix)
