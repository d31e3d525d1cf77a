"""Pages of the consent feature, included by ``privacy_center.urls`` (namespace ``privacy_center``).

``/.well-known/gpc.json`` must be served at the site root: the project adds
``path(".well-known/gpc.json", privacy_center.consent.views.gpc_json)`` to its root urls.
"""

from django.urls import path

from . import views

urlpatterns = [
    path("cookies/", views.cookie_settings, name="cookies"),
    path("preferences/", views.preferences, name="preferences"),
    path("newsletter/", views.newsletter, name="newsletter"),
    path("newsletter/confirm/<str:token>/", views.newsletter_confirm, name="newsletter_confirm"),
    path("u/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("notice/", views.notice, name="notice"),
    path("notice/acknowledge/", views.policy_acknowledge, name="policy_acknowledge"),
]
