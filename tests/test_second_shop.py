"""Runs the second test shop's suite (tests/shop2/suite) in its own process: its user model differs.

Part of the README's test command, so it runs in both CI passes; with ``DATABASE_URL`` set the second
shop uses ``<name>_shop2`` on the same server (see ``tests/shop2/settings.py``).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_second_shop_suite_passes():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.shop2.settings"}
    env.pop("PYTEST_ADDOPTS", None)
    command = [sys.executable, "-m", "pytest", "tests/shop2/suite", "--ds=tests.shop2.settings", "-q",
               "-p", "no:randomly", "-p", "no:cacheprovider", "--create-db"]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=1800)
    summary = result.stdout.strip().splitlines()[-1:] if result.stdout.strip() else []
    assert result.returncode == 0, f"{' '.join(command)}\n{result.stdout[-20000:]}\n{result.stderr[-5000:]}"
    assert summary and " passed" in summary[0] and "skipped" not in summary[0], summary
