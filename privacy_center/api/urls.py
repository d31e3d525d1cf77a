"""The privacy API (``/api/privacy/``): each feature adds its routes here."""

from django.urls import include, path

from . import views

app_name = "privacy_center_api"

urlpatterns = [
    path("me/", views.MeView.as_view(), name="me"),
    path("data/", views.SourceListView.as_view(), name="data"),
    path("data/<str:source>/", views.SourceRowsView.as_view(), name="data-source"),
    path("data/<str:source>/<str:pk>/", views.SourceRowView.as_view(), name="data-row"),
    path("exports/", views.ExportListView.as_view(), name="exports"),
    path("exports/<uuid:pk>/", views.ExportDetailView.as_view(), name="export-detail"),
    path("timeline/", views.TimelineView.as_view(), name="timeline"),
    path("", include("privacy_center.requests.api.urls")),
    path("", include("privacy_center.consent.api.urls")),
    path("", include("privacy_center.erasure.api.urls")),
]
