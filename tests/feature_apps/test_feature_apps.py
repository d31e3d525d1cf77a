"""Each feature app can be left out of INSTALLED_APPS (issue 9, item 3).

A bare project (``tests/feature_apps/settings.py``, no shop_demo) is started once per combination in a
subprocess, since INSTALLED_APPS cannot change inside one process: ``check`` and ``makemigrations --check``
pass with no migration wanted inside the package, and a signed-in customer sees exactly the pages, API
routes and menu entries of the installed features (the others answer 404 and are absent from the menu).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FEATURES = ("erasure", "consent", "requests")
COMBINATIONS = [(), ("erasure",), ("consent",), ("requests",), FEATURES]
MENU = {"requests": "Requests", "consent": "Cookies", "erasure": "Delete my account"}
CORE_MENU = ["Overview", "My data", "Download my data", "Timeline", "Restrict processing"]


def run(features, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CELERY_BROKER_URL", "REDIS_URL")}
    env.update(DJANGO_SETTINGS_MODULE="tests.feature_apps.settings", PRIVACY_TEST_FEATURES=",".join(features))
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=240)


@pytest.mark.parametrize("features", COMBINATIONS, ids=lambda f: "+".join(("core", *f)))
def test_project_with_only_these_feature_apps(features):
    check = run(features, "manage.py", "check", "--fail-level", "WARNING")
    assert check.returncode == 0, check.stdout + check.stderr
    assert "no issues" in check.stdout
    migrations = run(features, "manage.py", "makemigrations", "--check", "--dry-run")
    assert migrations.returncode == 0, migrations.stdout + migrations.stderr
    assert "No changes detected" in migrations.stdout

    probe = run(features, "-m", "tests.feature_apps.probe")
    assert probe.returncode == 0, probe.stderr
    seen = json.loads(probe.stdout.strip().splitlines()[-1])
    from tests.feature_apps.probe import PAGES

    for group, paths in PAGES.items():
        expected = 200 if group == "core" or group in features else 404
        assert {p: seen["status"][p] for p in paths} == dict.fromkeys(paths, expected), group
    for feature in FEATURES:
        assert (MENU[feature] in seen["menu"]) is (feature in features), seen["menu"]
    assert [m for m in seen["menu"] if m in CORE_MENU] == CORE_MENU
    # Restriction offers deletion only when the shop can delete accounts.
    assert seen["restriction_offers_deletion"] is ("erasure" in features)
    # A feature left out is never imported (so its models cannot slip under the core app's label),
    # and its system checks are not registered.
    assert set(seen["loaded"]) <= set(features)
    assert {m.split(".")[1] for m in seen["checks"] if m.split(".")[1] in FEATURES} <= set(features)
    if "requests" in features:
        events = seen["erasure_request"]["events"]
        if "erasure" in features:
            assert any(e.startswith("Erasure scheduled for") for e in events), events
        else:
            assert seen["erasure_request"]["status"] == "verified"
            assert ("Waiting for staff: this shop erases data by hand "
                    "(the erasure feature is not installed).") in events
            assert not any(e.startswith("Erasure scheduled") for e in events)
