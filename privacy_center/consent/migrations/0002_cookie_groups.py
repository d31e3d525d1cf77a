"""The neutral cookie groups every shop starts with: necessary, analytics and marketing.

django-cookie-consent's bundled ``common_cookies`` fixture fails to load (null
descriptions), so the groups are created here. Only the necessary group lists
cookies, and only the ones Django, django-cookie-consent and privacy_center set
themselves; which analytics and marketing cookies a shop uses is the shop's
to declare (in the admin or its own data migration: see ``shop_demo``).

A shop's own rows always win: a group or cookie that exists is left exactly as
it is, and reversing this migration deletes nothing.

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
        "description": _("Count visits and see which pages are used, so we can improve the shop."),
        "cookies": [],
    },
    {
        "varname": "marketing", "name": _("Marketing"), "is_required": False, "is_deletable": True, "ordering": 20,
        "description": _("Show you relevant offers on other sites and measure our advertising. Declined "
                         "automatically when your browser sends Global Privacy Control."),
        "cookies": [],
    },
]


def create_missing_groups(apps, schema_editor):
    CookieGroup = apps.get_model("cookie_consent", "CookieGroup")
    Cookie = apps.get_model("cookie_consent", "Cookie")
    for spec in GROUPS:
        spec = dict(spec)
        cookies = spec.pop("cookies")
        group, created = CookieGroup.objects.get_or_create(varname=spec.pop("varname"), defaults=spec)
        if not created:  # the shop's group: its name, description and cookies stay as the shop made them
            continue
        for name, description in cookies:
            Cookie.objects.get_or_create(cookiegroup=group, name=name, domain="",
                                         defaults={"description": description, "path": "/"})


class Migration(migrations.Migration):
    dependencies = [
        ("privacy_consent", "0001_initial"),
        ("cookie_consent", "0004_cookie_natural_key"),
    ]

    operations = [migrations.RunPython(create_missing_groups, migrations.RunPython.noop)]
