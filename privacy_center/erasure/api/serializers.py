"""The erasure API's serializers: the plan as the schema describes it, scheduling, cancelling, status.

Input shapes are validated before a service call; the plan's shapes document ``ErasurePlan.to_dict()``
for the OpenAPI schema. No serializer saves anything.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ...declarations import Erasure
from ...hashing import normalize_email
from ..models import SubjectErasure

__all__ = ["ErasureStatusSerializer", "ConfirmField", "ScheduleSerializer", "CancelSerializer",
           "ErasureHoldSerializer", "SourcePlanSerializer", "ErasurePlanSerializer", "ErasurePlanResponseSerializer"]


class ErasureStatusSerializer(serializers.ModelSerializer):
    class Meta:
        model = SubjectErasure
        fields = ["id", "status", "requested_at", "due_at", "cancelled_at", "completed_at"]


@extend_schema_field({"type": "boolean", "enum": [True]})
class ConfirmField(serializers.BooleanField):
    """A confirmation: only ``true`` is accepted, and the schema says so."""


class ScheduleSerializer(serializers.Serializer):
    """The same confirmation as the "Delete my account" page: the box ticked (``confirm``) and the account's
    e-mail address typed by the customer (``email``; the username for an account without one). Needs the
    calling user in ``context["user"]``."""

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
    label = serializers.CharField()  # type: ignore[assignment]  # a field, not the attribute
    action = serializers.ChoiceField(choices=Erasure.choices)
    count = serializers.IntegerField()
    fields = serializers.ListField(  # type: ignore[assignment]  # a field, not the attribute
        child=serializers.CharField(), help_text=_("Labels of anonymized fields."))
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
