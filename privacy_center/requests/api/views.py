"""The requests API views, thin over the filing flow and the services.

Customers: ``/api/privacy/requests/`` (their own only; others' are 404). Staff:
``/api/privacy/staff/requests/`` and ``.../transition/`` (403 without the permission,
409 for a transition the table does not allow). Serializers are in ``serializers.py``.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import generics, serializers, status
from rest_framework.exceptions import PermissionDenied as DRFPermissionDenied
from rest_framework.exceptions import Throttled
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from ...app_settings import app_settings
from ...limits import RateLimited, check_send
from .. import filters
from ..flows.filing import InvalidFiling, ReauthenticationNeeded, TooManyRequests, file_request
from ..models import PrivacyRequest
from ..services import core, proofs, staff
from ..services.messages import post_message
from ..transitions import IllegalTransition
from .serializers import (
    CreateSerializer,
    DocumentSerializer,
    MessageSerializer,
    RequestDetailSerializer,
    RequestSerializer,
    StaffRequestSerializer,
    TransitionSerializer,
)

CONFLICT = OpenApiResponse(
    inline_serializer("IllegalTransition", {"detail": serializers.CharField(),
                                            "code": serializers.CharField(help_text="\"illegal_transition\"")}),
    description="The transition table does not allow this from the request's status",
)


def _conflict(exc: IllegalTransition) -> Response:
    return Response({"detail": str(exc), "code": "illegal_transition"}, status=status.HTTP_409_CONFLICT)


class OwnRequestsMixin:
    permission_classes: Any = [IsAuthenticated]

    def own(self):
        return PrivacyRequest.objects.for_user(self.request.user)

    def get_own(self, uuid) -> PrivacyRequest:
        return get_object_or_404(self.own(), uuid=uuid)


class RequestListView(OwnRequestsMixin, generics.ListAPIView):
    serializer_class = RequestSerializer

    def get_queryset(self):
        return self.own().order_by("-received_at", "-id")

    def post(self, request):
        data = CreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            filing = file_request(request, data.validated_data["type"], details=data.validated_data["details"],
                                  proposed_changes=data.validated_data["proposed_changes"])
        except ReauthenticationNeeded as exc:
            raise DRFPermissionDenied(str(exc), code=exc.code) from None
        except TooManyRequests:
            raise Throttled() from None
        except InvalidFiling as exc:
            return Response({exc.field: exc.messages}, status=status.HTTP_400_BAD_REQUEST)
        body = RequestDetailSerializer(filing.request).data
        body["merged"] = not filing.created
        body["extra_copy_note"] = app_settings.EXTRA_COPY_NOTE if filing.extra_copy else ""
        return Response(body, status=status.HTTP_201_CREATED if filing.created else status.HTTP_200_OK)


class RequestDetailView(OwnRequestsMixin, APIView):
    @extend_schema(responses=RequestDetailSerializer)
    def get(self, request, uuid):
        req = get_object_or_404(self.own().prefetch_related("events"), uuid=uuid)
        return Response(RequestDetailSerializer(req).data)


class RequestMessagesView(OwnRequestsMixin, APIView):
    @extend_schema(responses=MessageSerializer(many=True))
    def get(self, request, uuid):
        req = self.get_own(uuid)
        return Response(MessageSerializer(req.messages.order_by("created_at", "id"), many=True).data)

    @extend_schema(request=MessageSerializer, responses={201: MessageSerializer})
    def post(self, request, uuid):
        req = self.get_own(uuid)
        data = MessageSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            check_send("request_message", request=request, user=request.user, email=req.email)
        except RateLimited as exc:
            raise Throttled(wait=exc.retry_after) from None
        message = post_message(req, data.validated_data["body"], author=request.user)
        return Response(MessageSerializer(message).data, status=status.HTTP_201_CREATED)


class RequestCancelView(OwnRequestsMixin, APIView):
    @extend_schema(request=None, responses={200: RequestDetailSerializer, 409: CONFLICT})
    def post(self, request, uuid):
        req = self.get_own(uuid)
        try:
            core.cancel(req, actor=request.user)
        except IllegalTransition as exc:
            return _conflict(exc)
        return Response(RequestDetailSerializer(req).data)


class RequestDocumentsView(OwnRequestsMixin, APIView):
    """Supporting documents of a request: their names (GET), or add files (POST ``multipart/form-data``, one
    or more ``file`` parts; checked like agents' proofs). The create endpoint takes JSON, so files come here,
    after the request is filed."""

    @extend_schema(responses=DocumentSerializer(many=True))
    def get(self, request, uuid):
        return Response(DocumentSerializer(proofs.documents(self.get_own(uuid)), many=True).data)

    @extend_schema(
        request={"multipart/form-data": inline_serializer("DocumentUpload", {
            "file": serializers.ListField(child=serializers.FileField())})},
        responses={201: DocumentSerializer(many=True), 400: OpenApiResponse(description="Bad file, or too many"),
                   409: OpenApiResponse(description="The request is closed")},
    )
    def post(self, request, uuid):
        req = self.get_own(uuid)
        if not req.is_open:
            return Response({"detail": "The request is closed.", "code": "request_closed"},
                            status=status.HTTP_409_CONFLICT)
        uploads = request.FILES.getlist("file")
        if not uploads:
            return Response({"file": ["Attach at least one file (multipart/form-data, field \"file\")."]},
                            status=status.HTTP_400_BAD_REQUEST)
        try:
            with transaction.atomic():
                added = proofs.attach_documents(req, uploads, actor=request.user, role="customer")
        except ValidationError as exc:
            return Response({"file": exc.messages}, status=status.HTTP_400_BAD_REQUEST)
        return Response(DocumentSerializer(added, many=True).data, status=status.HTTP_201_CREATED)


class CanViewRequests(BasePermission):
    def has_permission(self, request, view) -> bool:
        return staff.can_view(request.user)


class StaffRequestListView(generics.ListAPIView):
    permission_classes = [IsAuthenticated, CanViewRequests]
    serializer_class = StaffRequestSerializer

    def get_queryset(self):
        qs = PrivacyRequest.objects.select_related("user", "assignee").order_by("due_at", "id")
        return filters.apply(qs, self.request.query_params, self.request.user)


class StaffTransitionView(APIView):
    permission_classes = [IsAuthenticated, CanViewRequests]

    @extend_schema(request=TransitionSerializer,
                   responses={200: StaffRequestSerializer, 403: OpenApiResponse(description="Not allowed"),
                              409: CONFLICT})
    def post(self, request, uuid):
        req = get_object_or_404(PrivacyRequest, uuid=uuid)
        data = TransitionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            req = staff.perform(req, data.validated_data["action"], actor=request.user,
                                reason=data.validated_data["reason"], until=data.validated_data["until"])
        except PermissionDenied as exc:
            raise DRFPermissionDenied(str(exc))
        except IllegalTransition as exc:
            return _conflict(exc)
        req.refresh_from_db()
        return Response(StaffRequestSerializer(req).data)
