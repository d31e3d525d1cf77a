"""Messages between the requester and staff, each also a timeline event."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ..models import PrivacyRequest, RequestEvent, RequestMessage
from .emails import send_staff_reply
from .events import add_event


def post_message(req: PrivacyRequest, body: str, *, author=None, from_staff: bool = False,
                 record: bool = True, notify: bool = True) -> RequestMessage:
    """Store a message; staff replies are e-mailed to the requester."""
    body = body.strip()
    if not body:
        raise ValueError("A message needs text.")
    message = RequestMessage.objects.create(request=req, author=author, from_staff=from_staff, body=body)
    if record:
        summary = _("Message from staff") if from_staff else _("Message from the requester")
        add_event(req, RequestEvent.Kind.MESSAGE, summary, actor=author,
                  role="staff" if from_staff else ("customer" if author else "guest"),
                  data={"message_id": message.pk})
    if from_staff and notify:
        send_staff_reply(req, message)
    return message
