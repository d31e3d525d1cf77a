"""Erasure routes, included from ``privacy_center/api/urls.py`` (namespace ``privacy_center_api``)."""

from django.urls import path

from . import views

urlpatterns = [
    path("erasure/", views.ErasureView.as_view(), name="erasure"),
    path("erasure/plan/", views.ErasurePlanView.as_view(), name="erasure_plan"),
    path("erasure/cancel/", views.ErasureCancelView.as_view(), name="erasure_cancel"),
]
