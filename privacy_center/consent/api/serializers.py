"""Serializers of the consent API: shapes and validation only."""

from __future__ import annotations

from django.db import DatabaseError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ..models import ConsentRecord, PrivacyPolicy, Subscription
from ..services.cookies import optional_groups
from ..services.preferences import channel_labels, topic_labels


class ConsentRecordSerializer(serializers.ModelSerializer):
    class Meta:
        model = ConsentRecord
        fields = ["group", "granted", "method", "policy_version", "created_at"]


def _group_names() -> list[str]:
    try:
        return list(optional_groups())
    except DatabaseError:  # the schema written without a database (``manage.py spectacular``): no groups known
        return []


class ConsentChoicesSerializer(serializers.Serializer):
    """``{"choices": {"analytics": true, "marketing": false}}``: the shop's optional cookie groups, each optional.

    The groups are read when the serializer is built, so the schema names exactly the groups the shop has.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        groups = type("CookieChoices", (serializers.Serializer,), {
            name: serializers.BooleanField(required=False) for name in _group_names()})
        self.fields["choices"] = groups()

    def validate_choices(self, value):
        sent = self.initial_data.get("choices") if isinstance(self.initial_data, dict) else None
        unknown = set(sent) - set(optional_groups()) if isinstance(sent, dict) else set()
        if unknown:
            raise serializers.ValidationError(
                _("Unknown cookie groups: %(groups)s") % {"groups": ", ".join(sorted(map(str, unknown)))})
        if not value:
            raise serializers.ValidationError(_("Choose at least one cookie group."))
        return value


class SubscriptionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Subscription
        fields = ["channel", "topics", "status", "opt_in", "source", "created_at", "confirmed_at", "unsubscribed_at"]


class PreferencesSerializer(serializers.Serializer):
    """The channels and topics to keep; codes are the shop's own (the schema lists them)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channels"] = serializers.ListField(
            child=serializers.ChoiceField(choices=list(channel_labels())), allow_empty=True)
        self.fields["topics"] = serializers.ListField(
            child=serializers.ChoiceField(choices=list(topic_labels())), allow_empty=True, required=False,
            default=list)


class PolicySerializer(serializers.ModelSerializer):
    class Meta:
        model = PrivacyPolicy
        fields = ["version", "effective_at", "summary", "is_material", "content", "url"]


class AcknowledgeSerializer(serializers.Serializer):
    version = serializers.CharField(max_length=32)


# -- response shapes (the views build plain dicts; these describe them for the schema) ------------
class ConsentsSerializer(serializers.Serializer):
    choices = serializers.DictField(
        child=serializers.BooleanField(allow_null=True),
        help_text="This browser's state per optional cookie group: true, false, or null (undecided).",
    )
    consent_mode = serializers.DictField(
        child=serializers.ChoiceField(choices=["granted", "denied"]),
        help_text="Google Consent Mode v2 values by type (ad_storage, analytics_storage, ...).",
    )
    history = ConsentRecordSerializer(
        many=True, help_text="The account's latest consent records (up to 50), newest first.")


class PreferencesStateSerializer(serializers.Serializer):
    channels = serializers.DictField(child=serializers.CharField(), help_text="Channel labels by code.")
    topics = serializers.DictField(child=serializers.CharField(), help_text="Topic labels by code.")
    may_subscribe = serializers.BooleanField(help_text="False when suppressed or objected to marketing.")
    subscriptions = SubscriptionSerializer(many=True)


class PolicyStateSerializer(serializers.Serializer):
    current = PolicySerializer(allow_null=True, help_text="The policy in effect (null when none is).")
    history = PolicySerializer(many=True, help_text="Policies in effect so far, newest first.")
    review_required = serializers.CharField(
        allow_null=True, help_text="Version of a material change the caller has not acknowledged, or null.")
    controller = serializers.DictField(
        child=serializers.CharField(),
        help_text="Who is responsible: name, address, email, officer, supervisory_authority.",
    )


class AcknowledgementSerializer(serializers.Serializer):
    version = serializers.CharField()
    acknowledged_at = serializers.DateTimeField()
