"""The privacy API (``/api/privacy/``): each feature adds its routes here."""

from django.urls import path

from . import views

app_name = "privacy_center_api"

urlpatterns = [
    path("me/", views.MeView.as_view(), name="me"),
]
