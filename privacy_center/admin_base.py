"""The base of every admin page privacy_center adds: its stylesheet (target sizes, long values that wrap on a
phone, a chart that fits), so each changelist and change page reads at 390 px without scrolling the page."""

from __future__ import annotations

from django.contrib import admin


class PrivacyModelAdmin(admin.ModelAdmin):
    class Media:
        css = {"all": ["privacy_center/admin.css"]}


class ReadOnlyAdmin(PrivacyModelAdmin):
    """Records are evidence: nobody adds, edits or deletes them here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ActionsOnlyAdmin(PrivacyModelAdmin):
    """Rows the app writes: staff read them and act on them with the changelist's actions, nothing else.

    "change" is granted on the changelist only (what an action with ``permissions=["change"]`` requires);
    the change form stays read-only.
    """

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False
