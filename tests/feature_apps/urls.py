from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("privacy/", include("privacy_center.urls")),
    path("api/privacy/", include("privacy_center.api.urls")),
]
