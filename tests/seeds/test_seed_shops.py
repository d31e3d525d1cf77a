"""One end-to-end walk per seed shop (SPEC §2's five source policies): the app configured as that shop would
configure it (``tests/seeds/<shop>/settings.py`` and ``privacy.py``), then every promise of its policy that
software can keep, checked as a customer, staff or the shop's developer would notice it.

Each walk runs every promise and fails listing each broken one by id and sentence; ``docs/promises.md`` has the
table of promises and the per-shop counts (``test_the_promise_table_is_current`` keeps it true).
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

from . import walk

pytestmark = pytest.mark.django_db

SHOPS = ["vn_3d", "texas_3d", "sweden", "china_maker", "vn_pet"]
TABLE = Path(__file__).resolve().parents[2] / "docs" / "promises.md"


def _shop(name: str):
    return importlib.import_module(f"tests.seeds.{name}")


def _configure(name: str, settings) -> None:
    config = importlib.import_module(f"tests.seeds.{name}.settings")
    for key in dir(config):
        if key.isupper():
            setattr(settings, key, getattr(config, key))
    module = f"tests.seeds.{name}.privacy"
    if module in sys.modules:
        importlib.reload(sys.modules[module])  # the registry was reset after the last test: register again
    else:
        importlib.import_module(module)


@pytest.fixture(autouse=True)
def _seed_settings(settings, demo_cookie_groups):
    settings.PRIVACY_CENTER_SITE_URL = "http://testserver"


@pytest.fixture
def officer(make_user):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    user = make_user(email="officer@seed.example")
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    for codename in ("view_privacyrequest", "process_privacyrequest"):
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return get_user_model().objects.get(pk=user.pk)


@pytest.mark.parametrize("shop", SHOPS)
def test_seed_shop_keeps_its_policy(shop, settings, client, make_user, make_order, product, officer):
    _configure(shop, settings)
    seed = _shop(shop)
    w = walk.Walk(client=client, make_user=make_user, make_order=make_order, product=product, officer=officer,
                  settings=settings, shop=shop, country=seed.COUNTRY, language=seed.LANGUAGE)
    broken = []
    for promise_id, check, sentence in seed.PROMISES:
        try:
            getattr(walk, check)(w)
        except Exception as exc:  # each promise on its own: the walk reports every broken one
            broken.append(f"{shop}/{promise_id} ({sentence}): {type(exc).__name__}: {exc}")
    assert not broken, "\n".join(broken)


def table() -> str:
    lines = ["| shop | promises covered | not covered yet |", "|---|---|---|"]
    for name in SHOPS:
        seed = _shop(name)
        lines.append(f"| `{name}` | {len(seed.PROMISES)} | {len(seed.NOT_COVERED)} |")
    return "\n".join(lines)


def test_the_promise_table_is_current():
    text = TABLE.read_text(encoding="utf-8")
    assert table() in text, "docs/promises.md: update the counts table:\n" + table()
    for name in SHOPS:
        for promise_id, _check, _sentence in _shop(name).PROMISES:
            assert f"`{name}/{promise_id}`" in text, f"docs/promises.md does not list {name}/{promise_id}"
