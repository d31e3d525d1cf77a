"""API views of the consent feature: thin, the same services as the pages."""

from __future__ import annotations

from cookie_consent.conf import settings as cc_settings
from cookie_consent.util import parse_cookie_str
from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from ...api.throttles import PrivacyScopedThrottle
from ...app_settings import app_settings
from ..models import Method, PrivacyPolicy
from ..services import preferences as prefs
from ..services.cookies import apply_choices, choices_from_cookie, consent_mode_state, current_choices, history
from ..services.policy import acknowledge, all_policies, current_policy, material_policy_to_review
from . import serializers as s

DETAIL = inline_serializer("ConsentDetail", {"detail": serializers.CharField()})


class ConsentsView(APIView):
    """The caller's current cookie choices (this browser) and their recorded history (the account)."""

    permission_classes = [IsAuthenticated]
    throttle_classes = [PrivacyScopedThrottle]
    throttle_scope = "privacy_center"

    def _payload(self, request, choices):
        return {
            "choices": choices,
            "consent_mode": consent_mode_state(choices),
            "history": s.ConsentRecordSerializer(history(f"user:{request.user.pk}"), many=True).data,
        }

    @extend_schema(responses=s.ConsentsSerializer)
    def get(self, request):
        return Response(self._payload(request, current_choices(request)))

    @extend_schema(request=s.ConsentChoicesSerializer,
                   responses={200: s.ConsentsSerializer, 400: OpenApiResponse(description="Unknown cookie groups")})
    def put(self, request):
        serializer = s.ConsentChoicesSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        response = Response()
        apply_choices(request, response, serializer.validated_data["choices"], method=Method.API)
        choices = choices_from_cookie(parse_cookie_str(response.cookies[cc_settings.COOKIE_CONSENT_NAME].value))
        response.data = self._payload(request, choices)
        return response


class PreferencesView(APIView):
    permission_classes = [IsAuthenticated]
    throttle_classes = [PrivacyScopedThrottle]
    throttle_scope = "privacy_center"

    def _payload(self, request):
        subs = prefs.subscriptions_for_user(request.user)
        return {
            "channels": prefs.channel_labels(),
            "topics": prefs.topic_labels(),
            "may_subscribe": prefs.may_subscribe(request.user.email, request.user),
            "subscriptions": s.SubscriptionSerializer(subs, many=True).data,
        }

    @extend_schema(responses=s.PreferencesStateSerializer)
    def get(self, request):
        return Response(self._payload(request))

    @extend_schema(request=s.PreferencesSerializer,
                   responses={200: s.PreferencesStateSerializer,
                              400: OpenApiResponse(description="Unknown channels or topics"),
                              409: OpenApiResponse(DETAIL, description="Marketing cannot be sent to this account")})
    def put(self, request):
        serializer = s.PreferencesSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            prefs.update_preferences(request.user, serializer.validated_data["channels"],
                                     serializer.validated_data["topics"], method=Method.API, source="api",
                                     request=request)
        except prefs.SubscriptionRefused:
            return Response({"detail": "Marketing cannot be sent to this account."}, status=409)
        return Response(self._payload(request))


class PolicyView(APIView):
    """The policy in effect and its history; public, like the notice page."""

    permission_classes = [AllowAny]

    @extend_schema(responses=s.PolicyStateSerializer)
    def get(self, request):
        policy = current_policy()
        in_effect = [p for p in all_policies() if policy is not None and p.effective_at <= policy.effective_at]
        to_review = material_policy_to_review(request.user)
        return Response({
            "current": s.PolicySerializer(policy).data if policy else None,
            "history": s.PolicySerializer(in_effect, many=True).data,
            "review_required": to_review.version if to_review else None,
            "controller": app_settings.CONTROLLER,
        })


class PolicyAcknowledgeView(APIView):
    permission_classes = [IsAuthenticated]
    throttle_classes = [PrivacyScopedThrottle]
    throttle_scope = "privacy_center"

    @extend_schema(request=s.AcknowledgeSerializer,
                   responses={200: s.AcknowledgementSerializer,
                              404: OpenApiResponse(description="No policy of this version is in effect")})
    def post(self, request):
        serializer = s.AcknowledgeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        policy = PrivacyPolicy.objects.in_effect().filter(version=serializer.validated_data["version"]).first()
        if policy is None:
            raise Http404
        ack = acknowledge(request.user, policy, method=Method.API)
        return Response({"version": policy.version, "acknowledged_at": ack.acknowledged_at})
