"""Project-level guarantees: production settings pass the deploy check, the distribution holds only
privacy_center, and no secret is committed (the demo makes its own on first run)."""

import os
import re
import secrets
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _clean_env(**extra):
    prefixes = ("DJANGO_", "DATABASE_", "REDIS_", "CELERY_", "PRIVACY_CENTER_")
    env = {k: v for k, v in os.environ.items() if not k.startswith(prefixes)}
    env.pop("SHOP_DEMO_VAR_DIR", None)
    env.update(extra)
    return env


def test_production_settings_pass_check_deploy(tmp_path):
    env = _clean_env(
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        PRIVACY_CENTER_HASH_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="shop.example.com",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        REDIS_URL="redis://127.0.0.1:6379/1",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/0",
        SHOP_DEMO_VAR_DIR=str(tmp_path / "var"),
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING",
         "--settings=shop_demo.settings_production"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    # Production settings never fall back to a local key file.
    assert not (tmp_path / "var" / "secret_key").exists()


def test_production_settings_refuse_to_start_without_their_secrets(tmp_path):
    env = _clean_env(DJANGO_ALLOWED_HOSTS="shop.example.com", REDIS_URL="redis://127.0.0.1:6379/1",
                     SHOP_DEMO_VAR_DIR=str(tmp_path / "var"))
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--settings=shop_demo.settings_production"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr
    env["DJANGO_SECRET_KEY"] = secrets.token_urlsafe(50)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--settings=shop_demo.settings_production"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode != 0
    assert "PRIVACY_CENTER_HASH_KEY" in result.stderr


def test_wheel_holds_only_privacy_center_with_its_data_files(tmp_path):
    """Build the wheel from pyproject.toml (in a copy, so the checkout stays clean)."""
    pytest.importorskip("setuptools", minversion="70.1", reason="setuptools >= 70.1 builds wheels by itself")
    src = tmp_path / "src"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "privacy_center", src / "privacy_center", ignore=ignore)
    for name in ("pyproject.toml", "README.md", "LICENSE", "docs/pypi.md"):
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, src / name)
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q",
         "-w", str(tmp_path / "dist"), str(src)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (wheel,) = (tmp_path / "dist").glob("django_privacy_center-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())

    top_level = {name.split("/")[0] for name in names}
    assert top_level == {"privacy_center", f"{wheel.name.split('-')[0]}-{wheel.name.split('-')[1]}.dist-info"}
    # Every file of the package is shipped: code, templates, static files, locale, migrations.
    expected = {
        path.relative_to(src).as_posix()
        for path in (src / "privacy_center").rglob("*")
        if path.is_file() and path.suffix != ".pyc"
    }
    assert expected - names == set()
    for required in ("privacy_center/migrations/0001_initial.py", "privacy_center/templates/privacy_center/base.html",
                     "privacy_center/static/privacy_center/privacy_center.css", "privacy_center/py.typed",
                     "privacy_center/locale/sv/LC_MESSAGES/django.mo",
                     "privacy_center/locale/sv/LC_MESSAGES/djangojs.mo"):
        assert required in names
    for feature in ("erasure", "consent", "requests"):
        assert any(n.startswith(f"privacy_center/{feature}/migrations/") for n in names), feature
    metadata = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    assert "Name: django-privacy-center" in metadata
    assert "Requires-Dist: Django<7,>=5.2" in metadata
    assert "Classifier: Framework :: Django :: 6.1" in metadata
    assert "Classifier: Programming Language :: Python :: 3.13" in metadata
    assert not re.search(r"Requires-Dist: (whitenoise|dj-database-url|psycopg|pytest)", metadata)
    # The package index's page: the license, where the docs are, and a description for someone who ran
    # `pip install` (docs/pypi.md), whose links all work from the index (no relative paths, no `make demo`).
    assert "License-Expression: MIT" in metadata and "License-File: LICENSE" in metadata
    assert "Project-URL: Documentation, https://" in metadata
    assert "Project-URL: Changelog, https://" in metadata
    headers, _, description = metadata.partition("\n\n")
    assert "Description-Content-Type: text/markdown" in headers
    assert "pip install django-privacy-center" in description
    assert "make demo" not in description
    links = re.findall(r"\]\(([^)]+)\)|(?:src|href)=\"([^\"]+)\"", description)
    assert all(url.startswith("https://") for pair in links for url in pair if url), links


def test_demo_secret_key_is_made_on_first_run_and_kept(tmp_path):
    var = tmp_path / "var"
    code = "from django.conf import settings; print(settings.SECRET_KEY)"
    env = _clean_env(SHOP_DEMO_VAR_DIR=str(var), DJANGO_SETTINGS_MODULE="shop_demo.settings")
    first = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                           timeout=60)
    assert first.returncode == 0, first.stderr
    key_file = var / "secret_key"
    assert key_file.read_text().strip() == first.stdout.strip()
    assert len(first.stdout.strip()) >= 50
    assert key_file.stat().st_mode & 0o777 == 0o600
    second = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=60)
    assert second.stdout == first.stdout  # kept across runs: sessions survive a restart


def _tracked_files():
    if not (ROOT / ".git").exists() or not shutil.which("git"):
        pytest.skip("not a git checkout")
    out = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return [name for name in out.split("\0") if name]


def test_no_secret_is_committed():
    tracked = _tracked_files()
    assert not [name for name in tracked if name.startswith("var/") or name.endswith(("secret_key", ".env"))]
    ignored = subprocess.run(["git", "check-ignore", "-q", "var/secret_key"], cwd=ROOT)
    assert ignored.returncode == 0, "var/secret_key must be ignored by git"
    literal_key = re.compile(r"""^\s*(SECRET_KEY|PRIVACY_CENTER_HASH_KEY)\s*=\s*['"]""", re.M)
    offenders = []
    for name in tracked:
        path = ROOT / name
        if path.suffix != ".py" or name.startswith("tests/") or not path.is_file():
            continue
        if literal_key.search(path.read_text(errors="replace")):
            offenders.append(name)
    assert offenders == [], f"hard-coded secret key in {offenders}"
    local_key = ROOT / "var" / "secret_key"
    if local_key.exists():
        key = local_key.read_text().strip()
        assert not [n for n in tracked if (ROOT / n).is_file() and key in (ROOT / n).read_text(errors="replace")]
