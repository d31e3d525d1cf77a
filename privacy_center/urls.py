"""privacy_center's pages, under the ``privacy_center`` namespace.

Include once: ``path("privacy/", include("privacy_center.urls"))``. Each feature
package adds its own pages here.
"""

from django.urls import include, path

from . import views

app_name = "privacy_center"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("", include("privacy_center.requests.urls")),
    path("", include("privacy_center.consent.urls")),
]
