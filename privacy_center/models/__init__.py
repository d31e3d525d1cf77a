"""privacy_center's models. Feature models live in their own modules, imported here."""

from .disputes import AccuracyDispute
from .events import PrivacyEvent, TimelineCheckpoint
from .exports import Export
from .notifications import ProcessingRecordVersion, RecipientNotification
from .outbox import OutboxMessage
from .sessions import SessionRecord
from .subjects import SubjectFlags, SubjectLanguage, SuppressedEmail

__all__ = [
    "AccuracyDispute", "Export", "OutboxMessage", "PrivacyEvent", "ProcessingRecordVersion", "RecipientNotification",
    "SessionRecord", "SubjectFlags", "SubjectLanguage", "SuppressedEmail", "TimelineCheckpoint",
]
