"""privacy_center's models. Feature models live in their own modules, imported here."""

from .events import PrivacyEvent
from .subjects import SubjectFlags, SuppressedEmail

__all__ = ["PrivacyEvent", "SubjectFlags", "SuppressedEmail"]
