"""The visit log: IP, browser and page of each storefront visit (fraud prevention, analytics).

Turned off with ``SHOP_DEMO_VISIT_LOG = False``. Static files, the admin and the
API are not logged.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone

from privacy_center.client_ip import client_ip

SKIPPED_PREFIXES = ("/static/", "/admin/", "/api/", "/media/", "/cookies/status", "/favicon")


class VisitLogMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            settings.SHOP_DEMO_VISIT_LOG
            and request.method == "GET"
            and response.status_code == 200
            and not request.path.startswith(SKIPPED_PREFIXES)
        ):
            from .models import VisitLog

            user = request.user if getattr(request, "user", None) and request.user.is_authenticated else None
            VisitLog.objects.create(
                user=user,
                ip_address=client_ip(request),
                user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
                path=request.path[:300],
                created_at=timezone.now(),
            )
        return response
