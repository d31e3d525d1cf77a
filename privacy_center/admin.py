"""The core app's admin: the suppression list (read-only, addresses kept only as hashes), the outbox, and the
notifications to recipients (deliveries, retries, staff tasks).

The outbox shows what was sent, what waits, and the dead letters staff retry or cancel:
read-only rows, two actions (POST, CSRF, "change" permission) that call ``services.outbox``.
"""

from __future__ import annotations

import json

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .admin_base import ActionsOnlyAdmin, PrivacyModelAdmin, ReadOnlyAdmin
from .models import AccuracyDispute, OutboxMessage, ProcessingRecordVersion, RecipientNotification, SuppressedEmail
from .services import accuracy, notifications, outbox, processing_record


@admin.register(SuppressedEmail)
class SuppressedEmailAdmin(ReadOnlyAdmin):
    list_display = ["email_hash", "reason", "created_at"]
    list_filter = ["reason"]
    search_fields = ["email_hash"]


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ActionsOnlyAdmin):
    list_display = ["created_at", "template", "recipient", "status", "attempts", "next_attempt_at", "sent_at"]
    list_filter = ["status", "kind"]
    search_fields = ["recipient", "template", "uuid"]
    date_hierarchy = "created_at"
    actions = ["retry_now", "cancel"]
    readonly_fields = ("uuid", "kind", "status", "recipient", "template", "attempts", "next_attempt_at",
                       "sending_since", "last_error", "created_at", "sent_at", "subject_line", "meta")
    fields = readonly_fields

    @admin.display(description=_("subject"))
    def subject_line(self, obj: OutboxMessage) -> str:
        return (obj.payload or {}).get("subject", "")

    @admin.action(description=_("Send again now (failed messages)"), permissions=["change"])
    def retry_now(self, request, queryset):
        count = outbox.retry(queryset.values_list("pk", flat=True))
        self.message_user(request, _("%(n)d message(s) queued to be sent again.") % {"n": count}, messages.SUCCESS)

    @admin.action(description=_("Do not send (waiting or failed messages)"), permissions=["change"])
    def cancel(self, request, queryset):
        count = outbox.cancel(queryset.values_list("pk", flat=True))
        self.message_user(request, _("%(n)d message(s) cancelled.") % {"n": count}, messages.SUCCESS)


class ResolveForm(forms.Form):
    outcome = forms.ChoiceField(label=_("What happened"), widget=forms.RadioSelect, choices=[
        ("told", _("We told the recipient ourselves")),
        ("not_told", _("The recipient is not told, for the reason below")),
    ])
    note = forms.CharField(label=_("Note (how they were told, or why not)"), widget=forms.Textarea(attrs={"rows": 4}),
                           max_length=2000)


@admin.register(RecipientNotification)
class RecipientNotificationAdmin(ActionsOnlyAdmin):
    """Deliveries to recipients: filters by recipient, state and event; retry; masked payload; staff tasks."""

    list_display = ["created_at", "recipient_label", "event", "channel", "status", "attempts", "delivered_at",
                    "about"]
    list_filter = ["status", "recipient", "event", "channel"]
    search_fields = ["uuid", "about", "recipient_label"]
    date_hierarchy = "created_at"
    actions = ["retry_now"]
    readonly_fields = ("uuid", "recipient_label", "recipient", "channel", "event", "status", "about", "sources",
                       "fields", "created_at", "delivered_at", "attempts", "last_error", "payload_preview",
                       "staff_note", "resolved_by", "resolved_at", "resolve_link")
    fields = readonly_fields
    list_select_related = ["message"]

    @admin.display(description=_("attempts"))
    def attempts(self, obj: RecipientNotification) -> int | str:
        return obj.message.attempts if obj.message else "—"

    @admin.display(description=_("last error"))
    def last_error(self, obj: RecipientNotification) -> str:
        return obj.message.last_error if obj.message else ""

    @admin.display(description=_("content (personal values masked)"))
    def payload_preview(self, obj: RecipientNotification) -> str:
        preview = notifications.mask_payload(obj.message)
        if preview is None:
            return str(_("No message: staff tell this recipient."))
        return format_html('<pre class="pc-payload">{}</pre>',
                           json.dumps(preview, indent=2, ensure_ascii=False, sort_keys=True))

    @admin.display(description=_("staff task"))
    def resolve_link(self, obj: RecipientNotification) -> str:
        if obj.settled:
            return "—"
        url = reverse("admin:privacy_center_recipientnotification_resolve", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Record that we told them, or why not"))

    def get_urls(self):
        return [path("<int:pk>/resolve/", self.admin_site.admin_view(self.resolve_view),
                     name="privacy_center_recipientnotification_resolve"), *super().get_urls()]

    def resolve_view(self, request, pk: int):
        if not self.has_change_permission(request):
            raise PermissionDenied
        notification = get_object_or_404(RecipientNotification, pk=pk)
        form = ResolveForm(request.POST or None)
        if request.method == "POST" and form.is_valid() and not notification.settled:
            notifications.resolve(notification, told=form.cleaned_data["outcome"] == "told",
                                  note=form.cleaned_data["note"], actor=request.user)
            self.message_user(request, _("Recorded."), messages.SUCCESS)
            return redirect("admin:privacy_center_recipientnotification_change", pk)
        context = {**self.admin_site.each_context(request), "title": _("Staff task: tell %(recipient)s") % {
            "recipient": notification.recipient_label}, "notification": notification, "form": form,
            "opts": self.model._meta}
        return TemplateResponse(request, "admin/privacy_center/recipientnotification/resolve.html", context)

    @admin.action(description=_("Send again now (failed notifications)"), permissions=["change"])
    def retry_now(self, request, queryset):
        count = notifications.retry(queryset.values_list("pk", flat=True))
        self.message_user(request, _("%(n)d notification(s) queued to be sent again.") % {"n": count},
                          messages.SUCCESS)


@admin.register(ProcessingRecordVersion)
class ProcessingRecordVersionAdmin(ReadOnlyAdmin):
    """The record of processing (Art. 30): the current one, stored versions, downloads, diffs, the data map."""

    list_display = ["number", "created_at", "reason", "view_link"]
    readonly_fields = ("number", "created_at", "reason", "digest", "view_link")
    fields = readonly_fields
    change_list_template = "admin/privacy_center/processingrecordversion/change_list.html"
    FORMATS = ("html", "csv", "json")

    @admin.display(description=_("record"))
    def view_link(self, obj: ProcessingRecordVersion) -> str:
        url = reverse("admin:privacy_center_processing_record") + f"?version={obj.number}"
        return format_html('<a href="{}">{}</a>', url, _("Show"))

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("record/", view(self.record_view), name="privacy_center_processing_record"),
            path("record/download/<str:fmt>/", view(self.download_view),
                 name="privacy_center_processing_record_download"),
            path("record/diff/", view(self.diff_view), name="privacy_center_processing_record_diff"),
            path("data-map/", view(self.map_view), name="privacy_center_data_map"),
            *super().get_urls(),
        ]

    def _context(self, request, title, **extra):
        return {**self.admin_site.each_context(request), "title": title, "opts": self.model._meta, **extra}

    def _chosen(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        number = request.GET.get("version", "")
        if number:
            version = get_object_or_404(ProcessingRecordVersion, number=number if number.isdigit() else -1)
            return version.record, version
        return processing_record.build_record(), None

    def record_view(self, request):
        record, version = self._chosen(request)
        return TemplateResponse(request, "admin/privacy_center/processing_record/page.html", self._context(
            request, _("Record of processing activities"), record=record, version=version,
            latest=processing_record.latest(), formats=self.FORMATS))

    def download_view(self, request, fmt: str):
        if not self.has_view_permission(request):
            raise PermissionDenied
        if fmt not in self.FORMATS:
            raise Http404
        record, version = self._chosen(request)
        name = f"record-of-processing-{f'v{version.number}' if version else 'current'}.{fmt}"
        if fmt == "json":
            body, mime = processing_record.to_json(record, version=version), "application/json"
        elif fmt == "csv":
            body, mime = processing_record.to_csv(record), "text/csv"
        else:
            body = render_to_string("admin/privacy_center/processing_record/document.html",
                                    {"record": record, "version": version}, request=request)
            mime = "text/html"
        response = HttpResponse(body, content_type=f"{mime}; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    def diff_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        versions = list(ProcessingRecordVersion.objects.order_by("-number"))
        by_number = {str(v.number): v for v in versions}
        new = by_number.get(request.GET.get("new", "")) or (versions[0] if versions else None)
        old = by_number.get(request.GET.get("old", "")) or (versions[1] if len(versions) > 1 else new)
        rows = processing_record.diff(old.record, new.record) if old and new else []
        return TemplateResponse(request, "admin/privacy_center/processing_record/diff.html", self._context(
            request, _("Compare versions of the record"), versions=versions, old=old, new=new, rows=rows))

    def map_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        return TemplateResponse(request, "admin/privacy_center/processing_record/data_map.html", self._context(
            request, _("Data map"), map=processing_record.data_map()))


@admin.register(AccuracyDispute)
class AccuracyDisputeAdmin(PrivacyModelAdmin):
    """Data customers contest: restricted until staff record that it was corrected or found correct."""

    list_display = ["opened_at", "subject_key", "source", "field", "origin", "reference", "outcome", "closed_at"]
    list_filter = ["outcome", "origin", "source"]
    search_fields = ["=subject_key", "=reference"]
    readonly_fields = ["subject_key", "user", "source", "row", "field", "origin", "reference", "note", "opened_at",
                       "closed_at", "outcome", "closed_by"]
    actions = ["mark_corrected", "mark_correct_as_it_was"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def _resolve(self, request, queryset, outcome: str) -> None:
        open_ones = [d for d in queryset if d.is_open]
        for dispute in open_ones:
            accuracy.resolve(dispute, outcome, actor=request.user)
        self.message_user(request, _("%(n)d closed; the restriction is lifted where nothing else is contested.")
                          % {"n": len(open_ones)}, messages.SUCCESS)

    @admin.action(description=_("Corrected: lift the restriction"), permissions=["change"])
    def mark_corrected(self, request, queryset):
        self._resolve(request, queryset, AccuracyDispute.Outcome.CORRECTED)

    @admin.action(description=_("Checked, the data was correct: lift the restriction"), permissions=["change"])
    def mark_correct_as_it_was(self, request, queryset):
        self._resolve(request, queryset, AccuracyDispute.Outcome.REJECTED)
