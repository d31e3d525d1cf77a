"""privacy_center's pages, under the ``privacy_center`` namespace.

Include once: ``path("privacy/", include("privacy_center.urls"))``. Each feature
app that is in ``INSTALLED_APPS`` adds its own pages here; a feature left out has no routes.
"""

from django.apps import apps
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog, set_language

from . import views

app_name = "privacy_center"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("data/", views.data_index, name="data"),
    path("data/<str:source>/", views.data_source, name="data_source"),
    path("data/<str:source>/contest/", views.data_contest, name="data_contest"),
    path("data/<str:source>/contest/<int:pk>/withdraw/", views.data_contest_withdraw, name="data_contest_withdraw"),
    path("data/<str:source>/<str:pk>/", views.data_edit, name="data_edit"),
    path("exports/", views.exports, name="exports"),
    path("exports/<uuid:pk>/", views.export_detail, name="export_detail"),
    path("exports/<uuid:pk>/download/", views.export_download, name="export_download"),
    path("exports/link/<str:token>/", views.export_guest, name="export_guest"),
    path("posts/", views.remove_posts, name="remove_posts"),
    path("timeline/", views.timeline, name="timeline"),
    path("restriction/", views.restriction, name="restriction"),
    # The app's JavaScript strings (cookie banner, export progress) from its djangojs catalog.
    path("jsi18n/", JavaScriptCatalog.as_view(packages=["privacy_center"]), name="jsi18n"),
    # Django's own set_language (POST, CSRF), behind the language switcher of every privacy page.
    path("language/", set_language, name="set_language"),
]
urlpatterns += [
    path("", include(f"privacy_center.{feature}.urls"))
    for feature in ("requests", "consent", "erasure")
    if apps.is_installed(f"privacy_center.{feature}")
]
