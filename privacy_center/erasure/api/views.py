"""Erasure API: the plan, scheduling (needs a recent re-authentication), cancelling by the e-mailed token.

Thin: the same services as the pages (serializers in ``serializers.py``). ``POST /api/privacy/erasure/``
ends every session of the account, including the one that made the call.
"""

from __future__ import annotations

from django.contrib.auth import logout
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from ...api.throttles import PrivacyAnonThrottle
from ...app_settings import app_settings
from ...reauth import RecentlyReauthenticated
from ...subjects import Subject
from ..services.core import cancel_erasure, erasure_for_token, open_erasure, schedule_erasure
from ..services.planner import plan_erasure
from .serializers import CancelSerializer, ErasurePlanResponseSerializer, ErasureStatusSerializer, ScheduleSerializer

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
