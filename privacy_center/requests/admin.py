"""The staff console: the request queue, the request page with its actions, and a dashboard.

Nothing is edited in forms here: every change is an action button (or bulk action) that
calls ``services.staff.perform``, which checks the "process privacy requests" permission
and the transition table and records the event. Staff with only the view permission see
everything and can do nothing.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from ..admin_base import ReadOnlyAdmin
from ..models import Export
from ..reauth import reauthentication_required
from ..regimes import UnknownRegime, get_regime, laws, regime_choices
from ..registry import site as registry
from ..services import accuracy
from ..services.export import storage
from . import filters
from .forms import ReasonForm
from .models import PrivacyRequest, RequestEvent
from .services import approval, core, staff, stats
from .services.core import add_event
from .transitions import TRANSITIONS, IllegalTransition, allowed


class DueFilter(admin.SimpleListFilter):
    title = _("due")
    parameter_name = "due"

    def lookups(self, request, model_admin):
        return [("overdue", _("Overdue")), ("week", _("Due this week"))]

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            return filters.overdue(queryset)
        if self.value() == "week":
            return filters.due_this_week(queryset)
        return queryset


class AssignedFilter(admin.SimpleListFilter):
    title = _("assignee")
    parameter_name = "assigned"

    def lookups(self, request, model_admin):
        return [("me", _("Assigned to me")), ("none", _("Unassigned"))]

    def queryset(self, request, queryset):
        if self.value() == "me":
            return queryset.filter(assignee=request.user)
        if self.value() == "none":
            return queryset.filter(assignee__isnull=True)
        return queryset


class RegimeFilter(admin.SimpleListFilter):
    title = _("regime")
    parameter_name = "regime"

    def lookups(self, request, model_admin):
        return regime_choices()

    def queryset(self, request, queryset):
        return queryset.filter(regime=self.value()) if self.value() else queryset


def _chart(data: stats.Dashboard, height: int = 160, bar: int = 14) -> dict:
    """Bar geometry for the server-rendered SVG (no JavaScript, no CDN)."""
    plot = height - 20
    step = 2 * bar + 44  # room under each pair of bars for a full short date
    bars = []
    for i, week in enumerate(data.weeks):
        x = 10 + i * step
        rh = round(plot * week.received / data.max_week)
        ch = round(plot * week.closed / data.max_week)
        bars.append({"x": x, "x2": x + bar, "w": bar, "rh": rh, "ry": plot - rh, "ch": ch, "cy": plot - ch,
                     "received": week.received, "closed": week.closed,
                     # The same format as the table under the chart.
                     "label": date_format(week.start, "SHORT_DATE_FORMAT")})
    return {"bars": bars, "width": 20 + len(bars) * step, "height": height, "label_y": height - 5}


def _bulk(action: str, label):
    @admin.action(description=label, permissions=["process"])
    def run(modeladmin, request, queryset):
        try:
            done, errors = staff.perform_bulk(queryset, action, actor=request.user)
        except PermissionDenied as exc:
            modeladmin.message_user(request, str(exc), messages.ERROR)
            return
        modeladmin.message_user(request, ngettext("%(n)d request done.", "%(n)d requests done.", done) % {"n": done},
                                messages.SUCCESS)
        for error in errors[:20]:
            modeladmin.message_user(request, error, messages.WARNING)

    run.__name__ = f"bulk_{action}"
    return run


@admin.register(PrivacyRequest)
class PrivacyRequestAdmin(ReadOnlyAdmin):
    # Seven short columns: due-in and assignee stay on screen at 1280 px beside the filters.
    list_display = ["reference", "type", "status", "requester_column", "due_in", "assignee", "regime_column"]
    list_filter = ["status", "type", DueFilter, AssignedFilter, RegimeFilter]
    search_fields = ["=reference", "=email", "name", "=agent_email"]
    list_select_related = ["assignee"]
    ordering = ["due_at", "id"]
    list_per_page = 50
    show_full_result_count = False
    date_hierarchy = None
    actions = [_bulk(a, TRANSITIONS[a].label) for a in ("assign_to_me", "verify", "approve", "run", "complete")]
    change_form_template = "admin/privacy_requests/privacyrequest/change_form.html"
    change_list_template = "admin/privacy_requests/privacyrequest/change_list.html"
    readonly_fields = [
        "reference", "type", "status", "requester_column", "email", "country", "details", "agent_name",
        "agent_email", "agent_relationship", "regime_column", "received_at", "acknowledged_at",
        "original_due_at", "due_at", "promise", "extended_until", "extension_reason", "paused_days",
        "law_column", "legal_due_at", "due_moment", "promise_due_at", "identity_received_at",
        "verification_method", "verified_at", "order_proof_at", "assignee", "free_copy", "proposed_changes",
        "export_id", "outcome", "closed_at", "restriction_column",
    ]
    fieldsets = [
        (None, {"fields": ["reference", "type", "status", "requester_column", "email", "country", "details",
                           "proposed_changes", "restriction_column", "outcome"]}),
        (_("Deadline"), {"fields": ["regime_column", "law_column", "received_at", "identity_received_at",
                                    "acknowledged_at", "legal_due_at", "due_moment", "promise", "promise_due_at",
                                    "original_due_at", "due_at", "extended_until", "extension_reason",
                                    "paused_days", "closed_at"]}),
        (_("Verification"), {"fields": ["verification_method", "verified_at", "order_proof_at", "agent_name",
                                        "agent_email", "agent_relationship"]}),
        (_("Processing"), {"fields": ["assignee", "free_copy", "export_id"]}),
    ]

    # -- permissions: view, process, download exports ------------------------------------------
    # (no add, change or delete: ReadOnlyAdmin; a request moves only through its transitions)
    def has_view_permission(self, request, obj=None):
        return staff.can_view(request.user)

    def has_module_permission(self, request):
        return staff.can_view(request.user)

    def has_process_permission(self, request):
        return staff.can_process(request.user)

    # -- columns -----------------------------------------------------------------------------
    @admin.display(description=_("restriction"))
    def restriction_column(self, obj):
        """A rectification restricts the contested data until it closes (GDPR Art. 18(1)(a))."""
        if obj.type != "rectification":
            return "—"
        restricted, lifted = accuracy.for_request(obj.reference)
        if restricted:
            return _("Restricted until this request is completed or rejected: %(what)s") % {
                "what": ", ".join(restricted)}
        return _("Lifted") if lifted else _("Not restricted (not verified yet)")

    @admin.display(description=_("requester"), ordering="email")
    def requester_column(self, obj):
        return format_html('<span class="pc-requester">{}</span>', obj.requester)

    @admin.display(description=_("law"), ordering="regime")
    def regime_column(self, obj):
        """The regimes by name ("GDPR (EU)"), never their codes or a JSON list."""
        names = []
        for code in obj.regimes or [obj.regime]:
            try:
                names.append(str(get_regime(code).label))
            except UnknownRegime:
                names.append(code)
        return ", ".join(names) or "—"

    @admin.display(description=_("the law that applies"))
    def law_column(self, obj):
        return format_html_join("", "<p><strong>{}</strong>: {}</p>", laws(obj.regimes or [obj.regime]))

    @admin.display(description=_("due in"), ordering="due_at")
    def due_in(self, obj):
        if not obj.is_open:
            return "—"
        days = (obj.due_at - timezone.localdate()).days
        if days < 0:
            css, text = "pc-overdue", ngettext("overdue %(n)d day", "overdue %(n)d days", -days) % {"n": -days}
        else:
            css = "pc-due-soon" if days <= 7 else "pc-due-later"
            text = ngettext("%(n)d day", "%(n)d days", days) % {"n": days}
        return format_html('<span class="{}">{}</span>', css, text)

    # -- pages ---------------------------------------------------------------------------------
    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        wrap = self.admin_site.admin_view
        return [
            path("dashboard/", wrap(self.dashboard_view), name=f"{prefix}_dashboard"),
            path("<int:pk>/act/", wrap(self.act_view), name=f"{prefix}_act"),
            path("<int:pk>/reply/", wrap(self.reply_view), name=f"{prefix}_reply"),
            path("<int:pk>/proof/<int:proof_id>/", wrap(self.proof_view), name=f"{prefix}_proof"),
            path("<int:pk>/export/", wrap(self.export_view), name=f"{prefix}_export"),
        ] + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        extra = {}
        if obj is not None:
            extra = self._console_context(request, obj)
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})

    def get_object(self, request, object_id, from_field=None):
        qs = PrivacyRequest.objects.select_related("user", "assignee")
        try:
            return qs.get(pk=int(object_id))
        except (ValueError, PrivacyRequest.DoesNotExist):
            return None

    def _console_context(self, request, obj: PrivacyRequest) -> dict:
        subject = obj.subject()
        preview = []
        for source in registry:
            p = source.preview(subject)
            if p.count:
                preview.append(p)
        can_process = staff.can_process(request.user)
        # "fail" is the system's (an erasure rolled back), "cancel" the requester's.
        actions = [t for t in allowed(obj.status) if t.name not in ("cancel", "fail")] if can_process else []
        if obj.type != "erasure":
            actions = [t for t in actions if t.name != "retry"]
        if obj.type != "rectification":
            actions = [t for t in actions if t.name != "approve_rectification"]
        if approval.awaiting_approval(obj):  # nothing goes ahead before the approval
            actions = [t for t in actions if t.name not in ("run", "start", "complete", "approve_rectification")]
        else:
            actions = [t for t in actions if t.name != "approve"]
        if obj.assignee_id == request.user.pk:
            actions = [t for t in actions if t.name != "assign_to_me"]
        elif obj.assignee_id is None:
            actions = [t for t in actions if t.name != "unassign"]
        events = list(obj.events.select_related("actor").order_by("-created_at", "-id")[:200])
        return {
            "console": True,
            "awaiting_approval": approval.awaiting_approval(obj),
            "events": events,
            "request_messages": list(obj.messages.select_related("author").order_by("created_at", "id")[:200]),
            "preview": preview,
            "simple_actions": [t for t in actions if not t.needs_reason],
            "reason_actions": [t for t in actions if t.needs_reason],
            "reason_form": ReasonForm(),
            "can_process": can_process,
            "proofs": list(obj.proofs.all()),
            "can_download_export": bool(obj.export_id) and staff.can_download_exports(request.user),
            "act_url": reverse("admin:privacy_requests_privacyrequest_act", args=[obj.pk]),
            "reply_url": reverse("admin:privacy_requests_privacyrequest_reply", args=[obj.pk]),
            "today": timezone.localdate(),
            "notifications": core.request_notifications(obj),
        }

    def _back(self, pk) -> HttpResponseRedirect:
        return HttpResponseRedirect(reverse("admin:privacy_requests_privacyrequest_change", args=[pk]))

    def act_view(self, request, pk):
        return require_POST(self._act)(request, pk)

    def _act(self, request, pk):
        req = get_object_or_404(PrivacyRequest, pk=pk)
        action = request.POST.get("action", "")
        reason, until = "", None
        if action in TRANSITIONS and TRANSITIONS[action].needs_reason:
            form = ReasonForm(request.POST)
            if not form.is_valid():
                self.message_user(request, _("Give a reason: the requester is told."), messages.ERROR)
                return self._back(pk)
            reason, until = form.cleaned_data["reason"], form.cleaned_data.get("until")
        try:
            staff.perform(req, action, actor=request.user, reason=reason, until=until)
        except PermissionDenied as exc:
            raise PermissionDenied(str(exc))
        except IllegalTransition as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return self._back(pk)
        label = TRANSITIONS[action].label
        self.message_user(request, _("%(action)s: done.") % {"action": label}, messages.SUCCESS)
        return self._back(pk)

    def reply_view(self, request, pk):
        return require_POST(self._reply)(request, pk)

    def _reply(self, request, pk):
        req = get_object_or_404(PrivacyRequest, pk=pk)
        body = request.POST.get("body", "").strip()
        if not body:
            self.message_user(request, _("Write a message first."), messages.ERROR)
            return self._back(pk)
        staff.reply(req, body, actor=request.user)
        self.message_user(request, _("Reply sent to the requester."), messages.SUCCESS)
        return self._back(pk)

    # Customer files leave the shop in these two views: staff with the permission also need a recent
    # re-authentication, as customers do (allauth's: confirm the password, then come back here).
    def proof_view(self, request, pk, proof_id):
        if not staff.can_process(request.user):
            raise PermissionDenied
        return reauthentication_required(self._proof_download)(request, pk, proof_id)

    def _proof_download(self, request, pk, proof_id):
        req = get_object_or_404(PrivacyRequest, pk=pk)
        proof = req.proofs.filter(pk=proof_id).first()
        if proof is None:
            raise Http404

        add_event(req, RequestEvent.Kind.PROOF, _("Proof file opened by staff") if proof.kind == proof.Kind.PROOF
                  else _("Supporting document opened by staff"), actor=request.user, public=False,
                  data={"proof_id": proof.pk})
        response = FileResponse(proof.file.open("rb"), as_attachment=True,
                                filename=f"{req.reference}-{proof.kind}-{proof.pk}{proof.extension}",
                                content_type=proof.content_type)
        response["Cache-Control"] = "no-store"
        return response

    def export_view(self, request, pk):
        """The customer's copy, for staff with the separate "download customer exports" permission."""
        if not staff.can_download_exports(request.user):
            raise PermissionDenied
        return reauthentication_required(self._export_download)(request, pk)

    def _export_download(self, request, pk):
        req = get_object_or_404(PrivacyRequest, pk=pk)

        export = None
        if req.export_id:
            export = Export.objects.filter(pk=req.export_id, status=Export.Status.READY).exclude(file_name="").first()
        if export is None:
            raise Http404

        add_event(req, RequestEvent.Kind.AUTOMATION, _("Copy of the data downloaded by staff"), actor=request.user,
                  public=False, data={"export": str(export.pk)})
        response = FileResponse(storage().open(export.file_name, "rb"), as_attachment=True,
                                filename=f"{req.reference}-data.zip", content_type="application/zip")
        response["Cache-Control"] = "no-store"
        return response

    def dashboard_view(self, request):
        if not staff.can_view(request.user):
            raise PermissionDenied
        data = stats.dashboard()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Privacy requests dashboard"),
            "data": data,
            "chart": _chart(data),
        }
        return TemplateResponse(request, "admin/privacy_requests/privacyrequest/dashboard.html", context)

