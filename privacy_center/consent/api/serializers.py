"""Serializers of the consent API: shapes and validation only."""

from __future__ import annotations

from rest_framework import serializers

from ..models import ConsentRecord, PrivacyPolicy, Subscription
from ..services.cookies import optional_groups
from ..services.preferences import channel_labels, topic_labels


class ConsentRecordSerializer(serializers.ModelSerializer):
    class Meta:
        model = ConsentRecord
        fields = ["group", "granted", "method", "policy_version", "created_at"]


class ConsentChoicesSerializer(serializers.Serializer):
    """``{"choices": {"analytics": true, "marketing": false}}``; unknown groups are rejected."""

    choices = serializers.DictField(child=serializers.BooleanField(), allow_empty=False)

    def validate_choices(self, value):
        unknown = set(value) - set(optional_groups())
        if unknown:
            raise serializers.ValidationError(f"Unknown cookie groups: {', '.join(sorted(unknown))}")
        return value


class SubscriptionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Subscription
        fields = ["channel", "topics", "status", "opt_in", "source", "created_at", "confirmed_at", "unsubscribed_at"]


class PreferencesSerializer(serializers.Serializer):
    channels = serializers.ListField(child=serializers.CharField(), allow_empty=True)
    topics = serializers.ListField(child=serializers.CharField(), allow_empty=True, required=False, default=list)

    def validate_channels(self, value):
        unknown = set(value) - set(channel_labels())
        if unknown:
            raise serializers.ValidationError(f"Unknown channels: {', '.join(sorted(unknown))}")
        return value

    def validate_topics(self, value):
        unknown = set(value) - set(topic_labels())
        if unknown:
            raise serializers.ValidationError(f"Unknown topics: {', '.join(sorted(unknown))}")
        return value


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
