"""Erasure API: the plan, scheduling (needs a recent re-authentication), cancelling by the e-mailed token.

Thin: the same services as the pages. ``POST /api/privacy/erasure/`` ends every
session of the account, including the one that made the call.
"""

from __future__ import annotations

from django.contrib.auth import logout
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field, inline_serializer
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from ...api.throttles import PrivacyAnonThrottle
from ...app_settings import app_settings
from ...declarations import Erasure
from ...hashing import normalize_email
from ...reauth import RecentlyReauthenticated
from ...subjects import Subject
from ..models import SubjectErasure
from ..services.core import cancel_erasure, erasure_for_token, open_erasure, schedule_erasure
from ..services.planner import plan_erasure


class ErasureStatusSerializer(serializers.ModelSerializer):
    class Meta:
        model = SubjectErasure
        fields = ["id", "status", "requested_at", "due_at", "cancelled_at", "completed_at"]


@extend_schema_field({"type": "boolean", "enum": [True]})
class ConfirmField(serializers.BooleanField):
    """A confirmation: only ``true`` is accepted, and the schema says so."""


class ScheduleSerializer(serializers.Serializer):
    """The same confirmation as the "Delete my account" page: the box ticked (``confirm``) and the account's
    e-mail address typed by the customer (``email``; the username for an account without one)."""

    confirm = ConfirmField(help_text=_("Must be true: the customer confirmed the plan."))
    email = serializers.CharField(
        max_length=254, help_text=_("The account's e-mail address, typed by the customer (as on the page)."))
    notify_on_release = serializers.BooleanField(default=False, required=False)

    def validate_confirm(self, value: bool) -> bool:
        if not value:
            raise serializers.ValidationError(_("Confirm the erasure with \"confirm\": true."))
        return value

    def validate_email(self, value: str) -> str:
        user = self.context["user"]
        expected = getattr(user, "email", "") or user.get_username()
        if normalize_email(value) != normalize_email(expected):
            raise serializers.ValidationError(_("This does not match your account. Type it exactly as shown."))
        return value


class CancelSerializer(serializers.Serializer):
    token = serializers.CharField(min_length=1, max_length=500,
                                  help_text=_("The token from the cancel link in the e-mail."))


# -- response shapes of the plan (``ErasurePlan.to_dict()``), for the schema ------------------------
class ErasureHoldSerializer(serializers.Serializer):
    reason = serializers.CharField(help_text=_("The legal reason the rows are kept."))
    until = serializers.DateField(
        allow_null=True, help_text=_("Kept until this date; null: as long as the reason lasts."))
    count = serializers.IntegerField()
    refs = serializers.CharField(help_text=_("References of the rows kept (e.g. order numbers), or empty."))


class SourcePlanSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    action = serializers.ChoiceField(choices=Erasure.choices)
    count = serializers.IntegerField()
    fields = serializers.ListField(child=serializers.CharField(), help_text=_("Labels of anonymized fields."))
    reason = serializers.CharField()
    recipients = serializers.ListField(child=serializers.CharField())
    note = serializers.CharField()
    holds = ErasureHoldSerializer(many=True)
    sentence = serializers.CharField(help_text=_("The plan for this source in one sentence."))


class ErasurePlanSerializer(serializers.Serializer):
    subject = serializers.CharField()
    user_action = serializers.CharField(help_text=_("\"delete\", \"anonymize\", or empty for a guest (no account)."))
    total_rows = serializers.IntegerField()
    sources = SourcePlanSerializer(many=True)
    recipients = serializers.ListField(child=serializers.CharField())


class ErasurePlanResponseSerializer(serializers.Serializer):
    cooling_off_days = serializers.IntegerField()
    pending = ErasureStatusSerializer(allow_null=True, help_text=_("The erasure already scheduled, or null."))
    plan = ErasurePlanSerializer()


DETAIL = inline_serializer("ErasureDetail", {"detail": serializers.CharField()})


class ErasurePlanView(APIView):
    """What deleting the account would delete, anonymize and keep (with the legal reason and date)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=ErasurePlanResponseSerializer)
    def get(self, request):
        subject = Subject.for_user(request.user)
        pending = open_erasure(subject)
        return Response({
            "cooling_off_days": app_settings.ERASURE_COOLING_OFF_DAYS,
            "pending": ErasureStatusSerializer(pending).data if pending else None,
            "plan": plan_erasure(subject).to_dict(),
        })


class ErasureView(APIView):
    """Schedule the erasure of the caller's account (cooling-off, then erasure)."""

    permission_classes = [IsAuthenticated, RecentlyReauthenticated]

    @extend_schema(request=ScheduleSerializer,
                   responses={202: ErasureStatusSerializer,
                              400: OpenApiResponse(description="Not confirmed, or the typed e-mail does not match"),
                              403: OpenApiResponse(description="Needs a recent re-authentication")})
    def post(self, request):
        serializer = ScheduleSerializer(data=request.data, context={"user": request.user})
        serializer.is_valid(raise_exception=True)
        erasure = schedule_erasure(Subject.for_user(request.user), method="api", actor=request.user,
                                   notify_on_release=serializer.validated_data["notify_on_release"],
                                   request=request._request)
        logout(request._request)
        return Response(ErasureStatusSerializer(erasure).data, status=status.HTTP_202_ACCEPTED)


class CancelThrottle(PrivacyAnonThrottle):
    rate = "30/hour"


class ErasureCancelView(APIView):
    """Cancel a scheduled erasure with the e-mailed token (the account cannot sign in meanwhile)."""

    permission_classes = [AllowAny]
    authentication_classes: list = []  # the token is the proof; no session, so no CSRF dance
    throttle_classes = [CancelThrottle]

    @extend_schema(request=CancelSerializer,
                   responses={200: ErasureStatusSerializer,
                              404: OpenApiResponse(DETAIL, description="Invalid, expired or used token")})
    def post(self, request):
        serializer = CancelSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        erasure = erasure_for_token(serializer.validated_data["token"])
        if erasure is None or not cancel_erasure(erasure, method="api"):
            # No pending erasure answers to this token: not found, as for any unknown id.
            return Response({"detail": _("This cancel token is invalid, expired or already used.")},
                            status=status.HTTP_404_NOT_FOUND)
        erasure.refresh_from_db()
        return Response(ErasureStatusSerializer(erasure).data)
