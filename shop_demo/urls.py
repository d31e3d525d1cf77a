"""The demo shop's URLs: storefront, accounts (allauth), privacy center, API, admin."""

import django
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from privacy_center.consent.views import gpc_json

from . import views

# The API docs page loads Swagger UI from its CDN; its own script comes from the view (the split
# view, no inline script), so the page keeps a Content-Security-Policy that names only that CDN.
SWAGGER_CDN = "https://cdn.jsdelivr.net"
if django.VERSION >= (6, 0):
    from django.utils.csp import CSP
    from django.views.decorators.csp import csp_override

    from .settings import SECURE_CSP

    _docs_csp = csp_override({**SECURE_CSP, "script-src": [CSP.SELF, SWAGGER_CDN],
                              "style-src": [CSP.SELF, CSP.UNSAFE_INLINE, SWAGGER_CDN],
                              "img-src": [CSP.SELF, "data:", SWAGGER_CDN]})
else:
    from csp.decorators import csp_update

    _docs_csp = csp_update({"script-src": [SWAGGER_CDN], "style-src": [SWAGGER_CDN], "img-src": [SWAGGER_CDN]})
api_docs = _docs_csp(SpectacularSwaggerSplitView.as_view(url_name="schema"))

urlpatterns = [
    path("", views.home, name="home"),
    path("shop/", include("shop_demo.shop_urls")),
    path("accounts/", include("allauth.urls")),
    path("privacy/", include("privacy_center.urls")),
    path("cookies/", include("cookie_consent.urls")),
    path(".well-known/gpc.json", gpc_json, name="gpc_json"),  # Global Privacy Control support resource
    path("api/privacy/", include("privacy_center.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", api_docs, name="api-docs"),
    path("admin/", admin.site.urls),
    # Django's set_language (POST, CSRF): the language switcher in the layout and on privacy pages.
    path("i18n/", include("django.conf.urls.i18n")),
]
