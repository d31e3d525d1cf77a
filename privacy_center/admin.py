"""The core app's admin: the suppression list (read-only, addresses kept only as hashes), and the outbox.

The outbox shows what was sent, what waits, and the dead letters staff retry or cancel:
read-only rows, two actions (POST, CSRF, "change" permission) that call ``services.outbox``.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from .models import OutboxMessage, SuppressedEmail


@admin.register(SuppressedEmail)
class SuppressedEmailAdmin(admin.ModelAdmin):
    list_display = ["email_hash", "reason", "created_at"]
    list_filter = ["reason"]
    search_fields = ["email_hash"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ["created_at", "template", "recipient", "status", "attempts", "next_attempt_at", "sent_at"]
    list_filter = ["status", "kind"]
    search_fields = ["recipient", "template", "uuid"]
    date_hierarchy = "created_at"
    actions = ["retry_now", "cancel"]
    fields = ["uuid", "kind", "status", "recipient", "template", "attempts", "next_attempt_at", "sending_since",
              "last_error", "created_at", "sent_at", "subject_line", "meta"]
    readonly_fields = fields

    @admin.display(description=_("subject"))
    def subject_line(self, obj: OutboxMessage) -> str:
        return (obj.payload or {}).get("subject", "")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # The form is read-only; "change" is what the retry and cancel actions require.
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Send again now (failed messages)"), permissions=["change"])
    def retry_now(self, request, queryset):
        from .services.outbox import retry

        count = retry(queryset.values_list("pk", flat=True))
        self.message_user(request, _("%(n)d message(s) queued to be sent again.") % {"n": count}, messages.SUCCESS)

    @admin.action(description=_("Do not send (waiting or failed messages)"), permissions=["change"])
    def cancel(self, request, queryset):
        from .services.outbox import cancel

        count = cancel(queryset.values_list("pk", flat=True))
        self.message_user(request, _("%(n)d message(s) cancelled.") % {"n": count}, messages.SUCCESS)
