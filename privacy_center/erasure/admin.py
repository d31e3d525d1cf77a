"""Staff view of erasures, legal holds, tombstones and inactive-account warnings; actions call services."""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from ..admin_base import PrivacyModelAdmin
from .models import ErasureTombstone, InactivityWarning, LegalHoldRecord, SubjectErasure
from .services.core import erase_now, subject_of


class LegalHoldInline(admin.TabularInline):
    model = LegalHoldRecord
    readonly_fields = ("label", "reason", "until", "count", "first_ref", "last_ref", "released_at")
    fields = readonly_fields
    extra = 0
    can_delete = False


@admin.register(SubjectErasure)
class SubjectErasureAdmin(PrivacyModelAdmin):
    list_display = ["subject_key", "status", "method", "requested_at", "due_at", "completed_at", "attempts"]
    list_filter = ["status", "method"]
    search_fields = ["subject_key"]
    readonly_fields = [f.name for f in SubjectErasure._meta.fields]
    inlines = [LegalHoldInline]
    actions = ["run_now"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Erase now (skip the rest of the cooling-off)"), permissions=["change"])
    def run_now(self, request, queryset):
        done = 0
        for erasure in queryset.filter(status__in=SubjectErasure.OPEN):
            subject = subject_of(erasure)
            if subject is not None:
                erase_now(subject, method="admin", actor=request.user)
                done += 1
        self.message_user(request, _("%(n)d erasure(s) carried out.") % {"n": done}, messages.SUCCESS)


@admin.register(LegalHoldRecord)
class LegalHoldRecordAdmin(PrivacyModelAdmin):
    list_display = ["label", "source", "count", "until", "released_at"]
    list_filter = ["source", "released_at"]
    exclude = ["object_ids", "notify_email"]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in LegalHoldRecord._meta.fields if f.name not in ("object_ids", "notify_email")]

    def has_add_permission(self, request):
        return False


@admin.register(ErasureTombstone)
class ErasureTombstoneAdmin(PrivacyModelAdmin):
    list_display = ["subject_hash", "user_action", "erased_at"]
    readonly_fields = ["subject_hash", "email_hashes", "user_action", "erased_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(InactivityWarning)
class InactivityWarningAdmin(PrivacyModelAdmin):
    list_display = ["user", "warned_at", "due_at", "cancelled_at"]
    readonly_fields = ["user", "warned_at", "due_at", "cancelled_at"]

    def has_add_permission(self, request):
        return False
