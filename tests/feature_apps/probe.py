"""Run inside the bare project (``tests.feature_apps.settings``): migrate, sign a customer in, visit the
pages and API routes of every feature, and print what a customer and a developer would see, as JSON."""

from __future__ import annotations

import json
import os
import re
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.feature_apps.settings")

import django  # noqa: E402  (the settings module must be chosen before Django loads)

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core import checks  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

PAGES = {
    "core": ["/privacy/", "/privacy/data/", "/privacy/exports/", "/privacy/timeline/", "/privacy/restriction/",
             "/api/privacy/me/", "/api/privacy/exports/", "/api/privacy/timeline/"],
    "erasure": ["/privacy/delete/", "/api/privacy/erasure/plan/"],
    "consent": ["/privacy/cookies/", "/privacy/preferences/", "/api/privacy/consents/"],
    "requests": ["/privacy/requests/", "/api/privacy/requests/"],
}


def main() -> dict:
    call_command("migrate", verbosity=0)
    user = get_user_model().objects.create_user("ada", "ada@example.com", "correct-horse-battery-staple")
    client = Client()
    client.force_login(user)
    status = {path: client.get(path).status_code for paths in PAGES.values() for path in paths}
    overview = client.get("/privacy/").content.decode()
    restriction = client.get("/privacy/restriction/").content.decode()
    result = {
        "status": status,
        "menu": re.findall(r'<li><a href="[^"]+"[^>]*>([^<]+)</a></li>', overview),
        "restriction_offers_deletion": "Delete my account instead" in restriction,
        "loaded": sorted({m.split(".")[1] for m in sys.modules
                          if m.startswith("privacy_center.") and m.split(".")[1] in PAGES}),
        "checks": sorted({c.__module__ for c in checks.registry.registry.get_checks()
                          if c.__module__.startswith("privacy_center")}),
    }
    if "requests" in PAGES and django.apps.apps.is_installed("privacy_center.requests"):
        from privacy_center.requests.services import core

        req = core.submit_request("erasure", user=user, verification="session").request
        req.refresh_from_db()
        result["erasure_request"] = {"status": req.status,
                                     "events": [e.summary for e in req.events.order_by("created_at", "id")]}
    return result


if __name__ == "__main__":
    print(json.dumps(main()))
