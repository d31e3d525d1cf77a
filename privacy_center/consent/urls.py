"""Pages of the consent feature, included by ``privacy_center.urls`` (namespace ``privacy_center``).

``/.well-known/gpc.json`` must be served at the site root: the project adds
``path(".well-known/gpc.json", privacy_center.consent.views.gpc_json)`` to its root urls.
"""

from django.urls import path

from . import views

urlpatterns = [
    path("cookies/", views.cookie_settings, name="cookies"),
    # One page, two names: the CCPA link titles "Your Privacy Choices" and "Do Not Sell or Share My Personal
    # Information" (11 CCR § 7015, § 7026) each land on a page headed with their own words.
    path("choices/", views.privacy_choices, name="choices"),
    path("do-not-sell-or-share/", views.privacy_choices, {"title": "do_not_sell"}, name="do_not_sell"),
    path("preferences/", views.preferences, name="preferences"),
    path("newsletter/", views.newsletter, name="newsletter"),
    path("newsletter/confirm/<str:token>/", views.newsletter_confirm, name="newsletter_confirm"),
    path("u/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("notice/", views.notice, name="notice"),
    path("notice/acknowledge/", views.policy_acknowledge, name="policy_acknowledge"),
]
