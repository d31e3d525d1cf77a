from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ShopDemoConfig(AppConfig):
    name = "shop_demo"
    verbose_name = _("Demo shop")
    default_auto_field = "django.db.models.BigAutoField"
