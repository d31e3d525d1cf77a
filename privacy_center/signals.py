"""Signals privacy_center sends, named in the past tense. Receivers must not raise.

Each signal's keyword arguments are listed beside it; ``sender`` is the service
module's class or model named.
"""

from django.dispatch import Signal

# subject, source (name), pk, changes ({field: {"old": ..., "new": ...}}), actor
personal_data_corrected = Signal()
# subject, export (Export)
subject_exported = Signal()
# subject, receipt (the erasure receipt dict)
subject_erased = Signal()
# subject, erasure (the scheduled SubjectErasure)
erasure_scheduled = Signal()
# subject, erasure
erasure_cancelled = Signal()
# subject, erasure, error (str): an erasure attempt failed and every change of it was rolled back
erasure_failed = Signal()
# subject, flags (SubjectFlags), changed ({flag: new value}), method
restriction_changed = Signal()
# request (PrivacyRequest)
request_submitted = Signal()
# request
request_verified = Signal()
# request
request_completed = Signal()
# subject, group (varname), granted (bool), method, policy_version
consent_changed = Signal()
# subject, channel, topic, subscribed (bool), method
preference_changed = Signal()
# message (OutboxMessage, status "sent"): an outgoing message was accepted by the mail server (or webhook)
outbox_message_sent = Signal()
# message (OutboxMessage, status "failed"): retries used up or delivery interrupted; staff see it in the admin
outbox_message_failed = Signal()
# message (OutboxMessage, status "pending"), error, retry_in (seconds): an attempt failed, another is scheduled
outbox_message_retrying = Signal()
# notification (RecipientNotification): its state changed (delivered, retrying, failed, resolved by staff)
recipient_notification_changed = Signal()
# subject_key, about ("erasure:12" ...): every notification about it is delivered or resolved by staff
recipients_settled = Signal()
