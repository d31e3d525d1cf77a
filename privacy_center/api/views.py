"""API views: thin, the services do the work."""

from __future__ import annotations

from rest_framework.response import Response
from rest_framework.views import APIView

from ..registry import site
from ..subjects import Subject


class MeView(APIView):
    def get(self, request):
        subject = Subject.for_user(request.user)
        return Response({
            "user": {"id": request.user.pk, "email": request.user.email},
            "sources": [{"name": s.name, "label": str(s.label), "count": s.count(subject)} for s in site],
        })
