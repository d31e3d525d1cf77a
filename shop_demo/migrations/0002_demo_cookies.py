"""The demo shop's own cookies: its first-party analytics and its two advertising tags.

privacy_center creates only neutral groups; which cookies a shop sets is the shop's
to declare. Reversing removes these cookies and nothing else. Texts are marked with
``gettext_noop``: the cookie pages translate them with the demo's catalogs.
"""

from django.db import migrations
from django.utils.translation import gettext_noop as _

DESCRIPTIONS = {
    "analytics": _("Count visits and see which pages are used, so we can improve the shop. Measured by the "
                   "shop itself; nothing is sent to third parties."),
}
COOKIES = {
    "analytics": [("ff_analytics", _("A random id that counts your page views (first-party, 13 months)."))],
    "marketing": [
        ("_gcl_au", _("Google Ads: measures which ads led to a purchase (3 months).")),
        ("_fbp", _("Meta: shows you our offers on Facebook and Instagram (3 months).")),
    ],
}


def add_demo_cookies(apps, schema_editor):
    CookieGroup = apps.get_model("cookie_consent", "CookieGroup")
    Cookie = apps.get_model("cookie_consent", "Cookie")
    for varname, description in DESCRIPTIONS.items():
        CookieGroup.objects.filter(varname=varname).update(description=description)
    for varname, cookies in COOKIES.items():
        group = CookieGroup.objects.filter(varname=varname).first()
        if group is None:
            continue
        for name, description in cookies:
            Cookie.objects.update_or_create(cookiegroup=group, name=name, domain="",
                                            defaults={"description": description, "path": "/"})


def remove_demo_cookies(apps, schema_editor):
    Cookie = apps.get_model("cookie_consent", "Cookie")
    Cookie.objects.filter(name__in=["ff_analytics", "_gcl_au", "_fbp"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("shop_demo", "0001_initial"),
        ("privacy_consent", "0002_cookie_groups"),
    ]

    operations = [migrations.RunPython(add_demo_cookies, remove_demo_cookies)]
