"""The privacy API (``/api/privacy/``): each feature adds its routes here."""

from django.urls import include, path

from ..consent.api import views as consent_views
from ..erasure import api as erasure_api
from . import views

app_name = "privacy_center_api"

urlpatterns = [
    path("me/", views.MeView.as_view(), name="me"),
    path("data/", views.SourceListView.as_view(), name="data"),
    path("data/<str:source>/", views.SourceRowsView.as_view(), name="data-source"),
    path("data/<str:source>/<str:pk>/", views.SourceRowView.as_view(), name="data-row"),
    path("exports/", views.ExportListView.as_view(), name="exports"),
    path("exports/<uuid:pk>/", views.ExportDetailView.as_view(), name="export-detail"),
    path("", include("privacy_center.requests.api_urls")),
    path("consents/", consent_views.ConsentsView.as_view(), name="consents"),
    path("preferences/", consent_views.PreferencesView.as_view(), name="preferences"),
    path("policy/", consent_views.PolicyView.as_view(), name="policy"),
    path("policy/acknowledge/", consent_views.PolicyAcknowledgeView.as_view(), name="policy_acknowledge"),
    path("timeline/", consent_views.TimelineView.as_view(), name="timeline"),
    path("erasure/", erasure_api.ErasureView.as_view(), name="erasure"),
    path("erasure/plan/", erasure_api.ErasurePlanView.as_view(), name="erasure-plan"),
    path("erasure/cancel/", erasure_api.ErasureCancelView.as_view(), name="erasure-cancel"),
]
