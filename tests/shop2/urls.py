"""The second shop's URLs: Django's own login views; allauth only for re-authentication."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.urls import include, path


def home(request):
    return HttpResponse("Northwind Goods")


urlpatterns = [
    path("", home, name="home"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/", include("allauth.urls")),
    path("privacy/", include("privacy_center.urls")),
    path("api/privacy/", include("privacy_center.api.urls")),
    path("cookies/", include("cookie_consent.urls")),
    path("admin/", admin.site.urls),
]
