"""Consent routes, included from ``privacy_center/api/urls.py`` (namespace ``privacy_center_api``)."""

from django.urls import path

from . import views

urlpatterns = [
    path("consents/", views.ConsentsView.as_view(), name="consents"),
    path("preferences/", views.PreferencesView.as_view(), name="preferences"),
    path("policy/", views.PolicyView.as_view(), name="policy"),
    path("policy/acknowledge/", views.PolicyAcknowledgeView.as_view(), name="policy_acknowledge"),
]
