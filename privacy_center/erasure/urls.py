"""Erasure pages, included by ``privacy_center/urls.py`` into the ``privacy_center`` namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path("delete/", views.delete_account, name="delete"),
    path("delete/scheduled/", views.delete_scheduled, name="delete_scheduled"),
    path("delete/cancel/<str:token>/", views.cancel_deletion, name="delete_cancel"),
]
