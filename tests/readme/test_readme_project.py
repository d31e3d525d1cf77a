"""README's "Adding privacy_center to an existing shop", applied as written to a fresh startproject shop.

The snippets are taken from README.md itself (each fenced block starts with a comment naming its
file), so the README cannot drift from what works: ``check`` names the step still missing, then
passes with no warning, ``migrate`` runs, and a customer's export holds their order.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FILES = Path(__file__).parent / "shop_files"
SECTION = "## Adding privacy_center to an existing shop"
# The shop's own user model: e-mail only (shop_files/models_custom_user.py); False tries Django's default user.
CUSTOM_USER = True


def readme_snippets() -> dict[str, str]:
    """``{"settings.py": code, ...}`` from the README section's python blocks."""
    text = ROOT.joinpath("README.md").read_text()
    section = text.split(SECTION, 1)[1].split("\n## ", 1)[0]
    snippets = {}
    for block in re.findall(r"```python\n(.*?)```", section, re.S):
        first, _, body = block.partition("\n")
        match = re.fullmatch(r"# (\S+\.py)", first.strip())
        assert match, f"every python block in the README's integration section names its file: {first!r}"
        snippets[match.group(1)] = body
    return snippets


def run(project: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items()
           if k not in {"DJANGO_SETTINGS_MODULE", "CELERY_BROKER_URL", "DATABASE_URL", "REDIS_URL"}}
    env["PYTHONPATH"] = str(ROOT)  # privacy_center importable, as after `pip install`
    result = subprocess.run([sys.executable, *args], cwd=project, env=env, capture_output=True, text=True,
                            timeout=300)
    if check:
        assert result.returncode == 0, f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def snippets():
    return readme_snippets()


def test_the_readme_names_every_file_a_shop_edits(snippets):
    assert set(snippets) == {"settings.py", "myshop/celery.py", "myshop/__init__.py", "urls.py", "shop/privacy.py"}
    assert "AccountMiddleware" in snippets["settings.py"]
    assert '"phone": "null"' not in snippets["shop/privacy.py"]


def test_a_fresh_startproject_shop_works_from_the_readme_alone(tmp_path, snippets):
    project = tmp_path / "newshop"
    project.mkdir()
    run(project, "-m", "django", "startproject", "myshop", ".")
    run(project, "manage.py", "startapp", "shop")
    # The shop's own code, before privacy_center: a custom e-mail-only user, orders, its layout.
    shutil.copy(FILES / ("models_custom_user.py" if CUSTOM_USER else "models.py"), project / "shop" / "models.py")
    (project / "shop" / "templates").mkdir()
    shutil.copy(FILES / "base.html", project / "shop" / "templates" / "base.html")
    settings = project / "myshop" / "settings.py"
    own = '\nINSTALLED_APPS += ["shop"]\n' + ('AUTH_USER_MODEL = "shop.User"\n' if CUSTOM_USER else "")
    settings.write_text(settings.read_text() + own)

    # The README's settings, urls and privacy.py, exactly; not yet its Celery app.
    settings.write_text(settings.read_text() + "\n" + snippets["settings.py"])
    urls = project / "myshop" / "urls.py"
    urls.write_text(urls.read_text() + "\n" + snippets["urls.py"])
    (project / "shop" / "privacy.py").write_text(snippets["shop/privacy.py"])
    result = run(project, "manage.py", "check", check=False)
    assert result.returncode != 0 and "privacy_center.E020" in result.stderr, result.stderr  # the missing step

    (project / "myshop" / "celery.py").write_text(snippets["myshop/celery.py"])
    (project / "myshop" / "__init__.py").write_text(snippets["myshop/__init__.py"])
    result = run(project, "manage.py", "check", "--fail-level", "WARNING")
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr
    deploy = run(project, "manage.py", "check", "--deploy", check=False)
    assert "privacy_center.W025" in deploy.stderr  # SITE_URL unset: said before production, not after

    run(project, "manage.py", "makemigrations", "shop")
    run(project, "manage.py", "migrate", "--noinput")
    result = run(project, "manage.py", "shell", "-c", (FILES / "export_once.py").read_text())
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["status"] == "ready"
    assert "data.json" in outcome["names"]
    text = json.dumps(outcome["sources"])
    assert "A-1001" in text and "Ada Lovelace" in text and "ada@example.com" in text
