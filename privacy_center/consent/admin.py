"""Staff browse the consent log, privacy signals, subscriptions and preference changes read-only;
they publish privacy policy versions."""

from __future__ import annotations

from django.contrib import admin

from ..admin_base import PrivacyModelAdmin, ReadOnlyAdmin
from .models import ConsentRecord, PolicyAcknowledgement, PreferenceChange, PrivacyPolicy, PrivacySignal, Subscription


@admin.register(ConsentRecord)
class ConsentRecordAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "subject_key", "group", "granted", "method", "policy_version"]
    list_filter = ["group", "granted", "method"]
    search_fields = ["subject_key", "policy_version"]
    date_hierarchy = "created_at"
    list_select_related = False


@admin.register(PrivacySignal)
class PrivacySignalAdmin(ReadOnlyAdmin):
    list_display = ["first_seen_at", "subject_key", "kind"]
    list_filter = ["kind"]
    search_fields = ["subject_key"]


@admin.register(Subscription)
class SubscriptionAdmin(ReadOnlyAdmin):
    list_display = ["email", "channel", "status", "opt_in", "source", "created_at", "confirmed_at"]
    list_filter = ["channel", "status", "opt_in"]
    search_fields = ["email"]


@admin.register(PreferenceChange)
class PreferenceChangeAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "subject_key", "channel", "subscribed", "opt_in", "method", "source"]
    list_filter = ["channel", "subscribed", "method"]
    search_fields = ["subject_key"]
    date_hierarchy = "created_at"


@admin.register(PolicyAcknowledgement)
class PolicyAcknowledgementAdmin(ReadOnlyAdmin):
    list_display = ["acknowledged_at", "user", "policy", "method"]
    list_filter = ["policy"]
    list_select_related = ["user", "policy"]


@admin.register(PrivacyPolicy)
class PrivacyPolicyAdmin(PrivacyModelAdmin):
    list_display = ["version", "effective_at", "is_material"]
    list_filter = ["is_material"]

    def has_delete_permission(self, request, obj=None):
        # A version customers acknowledged is evidence; the model protects it, the button is hidden too.
        return obj is None or not obj.acknowledgements.exists()
