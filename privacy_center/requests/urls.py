"""Request pages, included from ``privacy_center/urls.py`` into the ``privacy_center`` namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path("requests/", views.request_list, name="requests"),
    path("requests/new/", views.request_new, name="request_new"),
    path("requests/guest/", views.request_guest, name="request_guest"),
    path("requests/guest/verify/<str:token>/", views.request_guest_verify, name="request_guest_verify"),
    path("requests/agent/", views.request_agent, name="request_agent"),
    path("requests/<uuid:uuid>/", views.request_detail, name="request_detail"),
    path("requests/<uuid:uuid>/message/", views.request_message, name="request_message"),
    path("requests/<uuid:uuid>/cancel/", views.request_cancel, name="request_cancel"),
    path("requests/<uuid:uuid>/documents/", views.request_documents, name="request_documents"),
    path("requests/<uuid:uuid>/order-proof/", views.request_order_proof, name="request_order_proof"),
]
