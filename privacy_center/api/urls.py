"""The privacy API (``/api/privacy/``): each installed feature app adds its routes here."""

from django.apps import apps
from django.urls import URLPattern, URLResolver, include, path

from . import views

app_name = "privacy_center_api"

urlpatterns: list[URLPattern | URLResolver] = [
    path("me/", views.MeView.as_view(), name="me"),
    path("data/", views.SourceListView.as_view(), name="data"),
    path("data/<str:source>/", views.SourceRowsView.as_view(), name="data_source"),
    path("data/<str:source>/<str:pk>/", views.SourceRowView.as_view(), name="data_row"),
    path("exports/", views.ExportListView.as_view(), name="exports"),
    path("exports/<uuid:pk>/", views.ExportDetailView.as_view(), name="export_detail"),
    path("timeline/", views.TimelineView.as_view(), name="timeline"),
]
urlpatterns += [
    path("", include(f"privacy_center.{feature}.api.urls"))
    for feature in ("requests", "consent", "erasure")
    if apps.is_installed(f"privacy_center.{feature}")
]
