"""Request routes, included from ``privacy_center/api/urls.py`` (namespace ``privacy_center_api``)."""

from django.urls import path

from . import views as api

urlpatterns = [
    path("requests/", api.RequestListView.as_view(), name="requests"),
    path("requests/<uuid:uuid>/", api.RequestDetailView.as_view(), name="request_detail"),
    path("requests/<uuid:uuid>/messages/", api.RequestMessagesView.as_view(), name="request_messages"),
    path("requests/<uuid:uuid>/cancel/", api.RequestCancelView.as_view(), name="request_cancel"),
    path("requests/<uuid:uuid>/documents/", api.RequestDocumentsView.as_view(), name="request_documents"),
    path("staff/requests/", api.StaffRequestListView.as_view(), name="staff_requests"),
    path("staff/requests/<uuid:uuid>/transition/", api.StaffTransitionView.as_view(), name="staff_request_transition"),
]
