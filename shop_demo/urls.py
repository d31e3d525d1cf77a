"""The demo shop's URLs: storefront, accounts (allauth), privacy center, API, admin."""

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from privacy_center.consent.views import gpc_json

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("shop/", include("shop_demo.shop_urls")),
    path("accounts/", include("allauth.urls")),
    path("privacy/", include("privacy_center.urls")),
    path("cookies/", include("cookie_consent.urls")),
    path(".well-known/gpc.json", gpc_json, name="gpc_json"),  # Global Privacy Control support resource
    path("api/privacy/", include("privacy_center.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
    path("admin/", admin.site.urls),
    # Django's set_language (POST, CSRF): the language switcher in the layout and on privacy pages.
    path("i18n/", include("django.conf.urls.i18n")),
]
