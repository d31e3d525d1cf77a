"""The requests API's serializers: requests as customers and staff see them, messages, filing, transitions.

Read-only shapes for what the services return and input shapes validated before a flow or service call;
no serializer saves anything (``create``/``update`` are never used).
"""

from __future__ import annotations

from typing import cast

from django.core.validators import MaxLengthValidator
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ...app_settings import app_settings
from ..models import PrivacyRequest, RequestEvent, RequestMessage, RequestType
from ..transitions import TRANSITIONS

__all__ = ["EventSerializer", "MessageSerializer", "RequestSerializer", "RequestDetailSerializer",
           "CreateSerializer", "DocumentSerializer", "StaffRequestSerializer", "TransitionSerializer"]


class EventSerializer(serializers.ModelSerializer):
    class Meta:
        model = RequestEvent
        fields = ["kind", "summary", "from_status", "to_status", "actor_role", "created_at"]


class MessageSerializer(serializers.ModelSerializer):
    class Meta:
        model = RequestMessage
        fields = ["id", "from_staff", "body", "created_at"]
        read_only_fields = ["id", "from_staff", "created_at"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The page's limit (PRIVACY_CENTER_MESSAGE_MAX_LENGTH), read per request, not at import.
        body = cast(serializers.CharField, self.fields["body"])
        body.max_length = app_settings.MESSAGE_MAX_LENGTH
        body.validators.append(MaxLengthValidator(body.max_length))


class RequestSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    type_label = serializers.CharField(source="get_type_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = PrivacyRequest
        fields = ["id", "reference", "type", "type_label", "status", "status_label", "details", "regime",
                  "received_at", "due_at", "promise", "extended_until", "extension_reason", "acknowledged_at",
                  "free_copy", "outcome", "closed_at"]
        read_only_fields = [f for f in fields if f not in ("type", "details")]


class RequestDetailSerializer(RequestSerializer):
    events = serializers.SerializerMethodField()

    class Meta(RequestSerializer.Meta):
        fields = RequestSerializer.Meta.fields + ["events"]

    @extend_schema_field(EventSerializer(many=True))
    def get_events(self, obj) -> list[dict]:
        events = [e for e in obj.events.all() if e.public]
        return list(EventSerializer(events, many=True).data)


class CreateSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=RequestType.choices)
    details = serializers.CharField(required=False, allow_blank=True, max_length=4000, default="")
    proposed_changes = serializers.ListField(child=serializers.DictField(), required=False, default=list)


class StaffRequestSerializer(RequestSerializer):
    requester = serializers.CharField(read_only=True)
    email = serializers.EmailField(read_only=True)
    assignee = serializers.SerializerMethodField()

    class Meta(RequestSerializer.Meta):
        fields = RequestSerializer.Meta.fields + ["requester", "email", "assignee"]

    def get_assignee(self, obj) -> str | None:
        return obj.assignee.get_username() if obj.assignee_id else None


class TransitionSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=sorted(TRANSITIONS))
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")
    until = serializers.DateField(required=False, allow_null=True, default=None)


class DocumentSerializer(serializers.Serializer):
    name = serializers.CharField(source="original_name", read_only=True)
    size = serializers.IntegerField(read_only=True)
    uploaded_at = serializers.DateTimeField(read_only=True)
