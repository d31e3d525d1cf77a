"""Cookie groups necessary / analytics / marketing and their cookies.

django-cookie-consent's bundled ``common_cookies`` fixture fails to load (null
descriptions), so the groups are created here. Shops edit them in the admin.
"""

from django.db import migrations

GROUPS = [
    {
        "varname": "necessary", "name": "Necessary", "is_required": True, "is_deletable": False, "ordering": 0,
        "description": "Keep the shop working: your session and basket, security against forged forms, your "
                       "language and this cookie choice. Always on.",
        "cookies": [
            ("sessionid", "Your login session and basket."),
            ("csrftoken", "Protects forms against cross-site request forgery."),
            ("django_language", "The language you chose."),
            ("cookie_consent", "Remembers your cookie choices."),
            ("privacy_visitor", "A random id that lets us prove the cookie choice you made, without an account."),
        ],
    },
    {
        "varname": "analytics", "name": "Analytics", "is_required": False, "is_deletable": True, "ordering": 10,
        "description": "Count visits and see which pages are used, so we can improve the shop. Measured by the "
                       "shop itself; nothing is sent to third parties.",
        "cookies": [
            ("ff_analytics", "A random id that counts your page views (first-party, 13 months)."),
        ],
    },
    {
        "varname": "marketing", "name": "Marketing", "is_required": False, "is_deletable": True, "ordering": 20,
        "description": "Show you relevant offers on other sites and measure our advertising. Declined automatically "
                       "when your browser sends Global Privacy Control.",
        "cookies": [
            ("_gcl_au", "Google Ads: measures which ads led to a purchase (3 months)."),
            ("_fbp", "Meta: shows you our offers on Facebook and Instagram (3 months)."),
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
