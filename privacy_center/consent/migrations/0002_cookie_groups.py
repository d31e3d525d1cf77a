"""Cookie groups necessary / analytics / marketing and their cookies.

django-cookie-consent's bundled ``common_cookies`` fixture fails to load (null
descriptions), so the groups are created here. Shops edit them in the admin.

The texts are stored in English and marked with ``gettext_noop`` so that the catalogs hold
their translations: the cookie pages show ``{% translate group.name %}``. A text a shop has
edited in the admin has no catalog entry and is shown as the shop wrote it.
"""

from django.db import migrations
from django.utils.translation import gettext_noop as _

GROUPS = [
    {
        "varname": "necessary", "name": _("Necessary"), "is_required": True, "is_deletable": False, "ordering": 0,
        "description": _("Keep the shop working: your session and basket, security against forged forms, your "
                         "language and this cookie choice. Always on."),
        "cookies": [
            ("sessionid", _("Your login session and basket.")),
            ("csrftoken", _("Protects forms against cross-site request forgery.")),
            ("django_language", _("The language you chose.")),
            ("cookie_consent", _("Remembers your cookie choices.")),
            ("privacy_visitor", _("A random id that lets us prove the cookie choice you made, without an account.")),
        ],
    },
    {
        "varname": "analytics", "name": _("Analytics"), "is_required": False, "is_deletable": True, "ordering": 10,
        "description": _("Count visits and see which pages are used, so we can improve the shop. Measured by the "
                         "shop itself; nothing is sent to third parties."),
        "cookies": [
            ("ff_analytics", _("A random id that counts your page views (first-party, 13 months).")),
        ],
    },
    {
        "varname": "marketing", "name": _("Marketing"), "is_required": False, "is_deletable": True, "ordering": 20,
        "description": _("Show you relevant offers on other sites and measure our advertising. Declined "
                         "automatically when your browser sends Global Privacy Control."),
        "cookies": [
            ("_gcl_au", _("Google Ads: measures which ads led to a purchase (3 months).")),
            ("_fbp", _("Meta: shows you our offers on Facebook and Instagram (3 months).")),
        ],
    },
]


def create_groups(apps, schema_editor):
    CookieGroup = apps.get_model("cookie_consent", "CookieGroup")
    Cookie = apps.get_model("cookie_consent", "Cookie")
    for spec in GROUPS:
        spec = dict(spec)
        cookies = spec.pop("cookies")
        group, _ = CookieGroup.objects.update_or_create(varname=spec.pop("varname"), defaults=spec)
        for name, description in cookies:
            Cookie.objects.get_or_create(cookiegroup=group, name=name, domain="",
                                         defaults={"description": description, "path": "/"})


def remove_groups(apps, schema_editor):
    CookieGroup = apps.get_model("cookie_consent", "CookieGroup")
    CookieGroup.objects.filter(varname__in=[g["varname"] for g in GROUPS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("privacy_consent", "0001_initial"),
        ("cookie_consent", "0004_cookie_natural_key"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
