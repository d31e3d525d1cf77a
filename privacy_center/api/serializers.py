"""Serializers of the core privacy API: shapes only, no business logic."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..models import Export, PrivacyEvent
from ..registry import site


class FieldSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # a field, not the attribute
    type = serializers.CharField(help_text="string, integer, number, decimal, boolean, date, datetime, time or json")
    masked = serializers.BooleanField(help_text="Shown with only its last characters, never in full.")
    editable = serializers.BooleanField(help_text="Can be corrected with PATCH.")
    reauth = serializers.BooleanField(help_text="Correcting it needs a recent re-authentication.")


class SourceSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # a field, not the attribute
    description = serializers.CharField()
    category = serializers.CharField()
    category_label = serializers.CharField()
    purposes = serializers.ListField(child=serializers.CharField())
    legal_basis = serializers.CharField()
    legal_basis_label = serializers.CharField()
    retention = serializers.CharField()
    retention_reason = serializers.CharField()
    recipients = serializers.ListField(child=serializers.CharField())
    origin = serializers.CharField()
    erasure = serializers.CharField()
    fields = FieldSerializer(many=True)  # type: ignore[assignment]  # a field, not the attribute
    count = serializers.IntegerField(help_text="How many records of yours this source holds.")


class RowsPageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    page = serializers.IntegerField()
    num_pages = serializers.IntegerField()
    next = serializers.CharField(allow_null=True)
    previous = serializers.CharField(allow_null=True)
    results = serializers.ListField(
        child=serializers.DictField(), help_text="Records: `pk` plus one key per field of the source."
    )


class SummarySourceSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # a field, not the attribute
    description = serializers.CharField()
    count = serializers.IntegerField()
    purposes = serializers.ListField(child=serializers.CharField())
    legal_basis = serializers.CharField()
    retention = serializers.CharField()
    retention_reason = serializers.CharField()
    recipients = serializers.ListField(child=serializers.CharField())


class SummaryCategorySerializer(serializers.Serializer):
    category = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # a field, not the attribute
    count = serializers.IntegerField()
    sources = SummarySourceSerializer(many=True)


class ExportSerializer(serializers.ModelSerializer):
    download_url = serializers.SerializerMethodField(
        help_text="When ready: the download endpoint (POST with the session's CSRF token after a recent "
        "re-authentication); null otherwise."
    )
    page_url = serializers.SerializerMethodField(help_text="The page showing this export.")

    class Meta:
        model = Export
        fields = ["id", "status", "progress", "current_source", "size", "sha256", "downloads", "expires_at",
                  "created_at", "finished_at", "error", "download_url", "page_url"]
        read_only_fields = fields

    def _absolute(self, path: str) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_download_url(self, export: Export) -> str | None:
        if not export.is_downloadable:
            return None
        return self._absolute(reverse("privacy_center:export_download", args=[export.pk]))

    @extend_schema_field(OpenApiTypes.URI)
    def get_page_url(self, export: Export) -> str:
        return self._absolute(reverse("privacy_center:export_detail", args=[export.pk]))


class MeSerializer(serializers.Serializer):
    user = serializers.DictField(help_text="`id` and `email` of the signed-in customer.")
    emails = serializers.ListField(child=serializers.CharField(), help_text="Verified addresses.")
    categories = SummaryCategorySerializer(many=True)
    latest_exports = ExportSerializer(many=True)


class PrivacyEventSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = PrivacyEvent
        fields = ["id", "kind", "kind_label", "summary", "method", "data", "created_at", "prev_hash", "hash"]


class TimelinePageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = PrivacyEventSerializer(many=True)
    chain_verified = serializers.BooleanField(help_text="True when the hash chain of the events is intact.")


@extend_schema_field({"oneOf": [{"type": "string", "pattern": "^[^\\x00]*$"}, {"type": "number"},
                                {"type": "boolean"}], "nullable": True})
class CorrectionValueField(serializers.Field):
    """A new value for one field: text, a number, true/false or null, as the field takes it."""


class CorrectionSerializer(serializers.Serializer):
    """The body of a correction, for the schema: the fields editable in any source, each optional.

    Each route takes only its own source's editable fields (``editable`` in GET /api/privacy/data/) and
    answers 400 naming any other; the view validates with the source's own form.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in sorted({name for source in site for name in source.editable}):
            self.fields[name] = CorrectionValueField(required=False)
