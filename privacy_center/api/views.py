"""Core privacy API views: thin, the same services as the pages, the same rules."""

from __future__ import annotations

from dataclasses import asdict
from math import ceil

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import Throttled
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from ..app_settings import app_settings
from ..limits import RateLimited, check_send
from ..models import Export
from ..registry import NotRegistered, site
from ..services import correction
from ..services import export as export_service
from ..services.overview import data_summary
from ..services.timeline import SubjectEvents, verify_recent
from ..sources import ModelSource
from ..subjects import Subject
from . import serializers as s
from .permissions import IsCustomer, RecentlyReauthenticated
from .throttles import CorrectionThrottle, ExportThrottle, PrivacyCenterThrottle, PrivacyScopedThrottle

SOURCE_PARAM = OpenApiParameter("source", OpenApiTypes.STR, OpenApiParameter.PATH,
                                description="A source name from GET /api/privacy/data/, e.g. `shop_demo.order`.")
PK_PARAM = OpenApiParameter("id", OpenApiTypes.STR, OpenApiParameter.PATH, description="The record's `pk`.")
PAGE_PARAM = OpenApiParameter("page", OpenApiTypes.INT, OpenApiParameter.QUERY, required=False)


class PrivacyAPIView(APIView):
    permission_classes = [IsCustomer]
    throttle_classes = [PrivacyCenterThrottle]

    def subject(self) -> Subject:
        return Subject.for_user(self.request.user)

    def source(self, name: str):
        try:
            return site.get(name)
        except NotRegistered:
            raise Http404 from None


class MeView(PrivacyAPIView):
    @extend_schema(operation_id="privacy_me", responses=s.MeSerializer,
                   summary="What the shop holds about you, by category, and your latest exports")
    def get(self, request):
        subject = self.subject()
        data = {
            "user": {"id": request.user.pk, "email": request.user.email},
            "emails": sorted(subject.emails),
            "categories": data_summary(subject),
            "latest_exports": Export.objects.filter(user=request.user)[:3],
        }
        return Response(s.MeSerializer(data, context={"request": request}).data)


def _source_data(source, subject) -> dict:
    return {**asdict(source.describe()), "count": source.count(subject)}


class SourceListView(PrivacyAPIView):
    @extend_schema(operation_id="privacy_data_sources", responses=s.SourceSerializer(many=True),
                   summary="Every source of personal data, with what it is for and how many records you have")
    def get(self, request):
        subject = self.subject()
        return Response(s.SourceSerializer([_source_data(src, subject) for src in site], many=True).data)


class SourceRowsView(PrivacyAPIView):
    @extend_schema(operation_id="privacy_data_rows", parameters=[SOURCE_PARAM, PAGE_PARAM],
                   responses=s.RowsPageSerializer, summary="Your records in one source, a page at a time")
    def get(self, request, source):
        src = self.source(source)
        subject = self.subject()
        per_page = app_settings.PAGE_SIZE
        count = src.count(subject)
        num_pages = max(ceil(count / per_page), 1)
        try:
            page = int(request.query_params.get("page", 1))
        except ValueError:
            page = 1
        if page < 1 or page > num_pages:
            raise Http404
        rows = src.page(subject, page, per_page) if count else []
        base = request.build_absolute_uri(request.path)
        return Response(s.RowsPageSerializer({
            "count": count, "page": page, "num_pages": num_pages,
            "next": f"{base}?page={page + 1}" if page < num_pages else None,
            "previous": f"{base}?page={page - 1}" if page > 1 else None,
            "results": rows,
        }).data)


class SourceRowView(PrivacyAPIView):
    """One record: read it, or correct its editable fields."""

    def get_throttles(self):
        if self.request.method == "PATCH":
            return [PrivacyCenterThrottle(), CorrectionThrottle()]
        return super().get_throttles()

    def _get(self, source, pk):
        src = self.source(source)
        if not isinstance(src, ModelSource):
            raise Http404
        subject = self.subject()
        try:
            return src, subject, src.get_object(subject, pk)
        except src.model.DoesNotExist:
            raise Http404 from None

    @staticmethod
    def _row(src, instance) -> dict:
        row = src._rows([(instance.pk, *(_value(instance, f) for f in src.field_labels))])
        return next(iter(row))

    @extend_schema(operation_id="privacy_data_row", parameters=[SOURCE_PARAM, PK_PARAM],
                   responses={200: OpenApiTypes.OBJECT}, summary="One of your records")
    def get(self, request, source, pk):
        src, _subject, instance = self._get(source, pk)
        return Response(self._row(src, instance))

    @extend_schema(
        operation_id="privacy_data_correct", parameters=[SOURCE_PARAM, PK_PARAM], request=s.CorrectionSerializer,
        responses={200: OpenApiTypes.OBJECT, 400: OpenApiResponse(description="Invalid or non-editable fields"),
                   403: OpenApiResponse(description="Contact data needs a recent re-authentication")},
        summary="Correct editable fields of one of your records",
        description="Send only the fields to change (see `editable` in GET /api/privacy/data/). Changing "
        "contact data (fields with `reauth`) needs a recent re-authentication at /accounts/reauthenticate/.",
    )
    def patch(self, request, source, pk):
        src, subject, instance = self._get(source, pk)
        if not hasattr(request.data, "keys"):
            return Response({"detail": "Send a JSON object of fields."}, status=status.HTTP_400_BAD_REQUEST)
        not_editable = sorted(set(request.data.keys()) - src.editable)
        if not_editable:
            return Response({name: ["This field cannot be corrected here."] for name in not_editable},
                            status=status.HTTP_400_BAD_REQUEST)
        data, errors = correction.form_data_from_json(dict(request.data.items()))
        if errors:
            return Response(errors, status=status.HTTP_400_BAD_REQUEST)
        form = correction.correction_form(src, instance, data, partial=True)
        if not form.is_valid():
            return Response(form.errors.get_json_data(escape_html=False), status=status.HTTP_400_BAD_REQUEST)
        changes = correction.changes_of(form)
        guard = RecentlyReauthenticated()
        if correction.needs_reauth(src, changes) and not guard.has_permission(request, self):
            self.permission_denied(request, message=guard.message, code=guard.code)
        correction.apply_correction(subject, src, form, actor=request.user, method="api")
        return Response(self._row(src, form.instance))


def _value(instance, path: str):
    for part in path.split("__"):
        if instance is None:
            return None
        instance = getattr(instance, part)
    return instance


class ExportListView(PrivacyAPIView):
    def get_throttles(self):
        if self.request.method == "POST":
            return [PrivacyCenterThrottle(), ExportThrottle()]
        return super().get_throttles()

    @extend_schema(operation_id="privacy_exports_list", responses=s.ExportSerializer(many=True),
                   summary="Your exports, newest first")
    def get(self, request):
        exports = Export.objects.filter(user=request.user)[:50]
        return Response(s.ExportSerializer(exports, many=True, context={"request": request}).data)

    @extend_schema(operation_id="privacy_exports_create", request=None,
                   responses={202: s.ExportSerializer},
                   summary="Start an export (or get the one already being prepared)")
    def post(self, request):
        subject = self.subject()
        if export_service.active_export(subject) is None:
            try:
                check_send("export", request=request, user=request.user)
            except RateLimited as exc:
                raise Throttled(wait=exc.retry_after) from None
        export, _created = export_service.request_export(subject, actor=request.user, method="api")
        return Response(s.ExportSerializer(export, context={"request": request}).data,
                        status=status.HTTP_202_ACCEPTED)


class ExportDetailView(PrivacyAPIView):
    @extend_schema(operation_id="privacy_exports_retrieve", responses=s.ExportSerializer,
                   summary="One of your exports: status, progress, and the download URL when ready")
    def get(self, request, pk):
        try:
            export = Export.objects.get(pk=pk, user=request.user)
        except Export.DoesNotExist:
            raise Http404 from None
        return Response(s.ExportSerializer(export, context={"request": request}).data)


class TimelinePagination(PageNumberPagination):
    def get_page_size(self, request):
        return app_settings.PAGE_SIZE


class TimelineView(APIView):
    """The caller's privacy timeline, newest first, with the chain check."""

    permission_classes = [IsAuthenticated]
    throttle_classes = [PrivacyScopedThrottle]
    throttle_scope = "privacy_center"

    @extend_schema(parameters=[OpenApiParameter("page", OpenApiTypes.INT, OpenApiParameter.QUERY, required=False)],
                   responses=s.TimelinePageSerializer)
    def get(self, request):
        subject = Subject.for_user(request.user)
        chain = verify_recent(subject.keys)
        paginator = TimelinePagination()
        page = paginator.paginate_queryset(SubjectEvents(subject.keys, chain.counts), request, view=self)
        response = paginator.get_paginated_response(s.PrivacyEventSerializer(page, many=True).data)
        response.data["chain_verified"] = chain.verified
        return response
