"""The security suite's route matrix: every URL pattern, requested as six roles, against what is expected.

Routes are enumerated from the URLconf, so a new one fails ``test_every_route_has_an_expectation``
until ``expected_routes.EXPECTED`` says what each role gets. The matrix then checks, for every
route and role, the outcome, that no 5xx happens, that nobody but the owner (and staff on the
staff pages) sees the owner's data, and that no GET changes a single row (checksums of every table).
"""

from __future__ import annotations

import hashlib
import re
import uuid

import pytest
from django.apps import apps
from django.test import TestCase

from .expected_routes import EXPECTED
from .routes import ROLES, all_routes, classify, fill

pytestmark = pytest.mark.django_db

# Tables a GET may legitimately write: the session store, allauth's session activity, and the timeline's
# verification checkpoint (derived from the chain the page has just verified; it records no state of its own).
VOLATILE = {"django_session", "usersessions_usersession", "privacy_center_timelinecheckpoint"}
STAFF_PAGES = ("/admin/", "/api/privacy/staff/")


def table_checksums() -> dict[str, str]:
    sums = {}
    for model in apps.get_models(include_auto_created=True):
        table = model._meta.db_table
        if table in VOLATILE or not model._meta.managed:
            continue
        rows = model._base_manager.order_by("pk").values_list()
        sums[table] = hashlib.sha256(repr(list(rows)).encode()).hexdigest()
    return sums


def test_every_route_has_an_expectation():
    names = {route.name for route in all_routes()}
    missing = sorted(names - set(EXPECTED))
    stale = sorted(set(EXPECTED) - names)
    assert not missing, f"routes without an expectation in tests/security/expected_routes.py: {missing}"
    assert not stale, f"expectations for routes that no longer exist: {stale}"
    assert all(len(outcomes) == len(ROLES) for outcomes in EXPECTED.values())


def test_route_matrix(world, capsys):
    before = table_checksums()
    wrong, leaks, errors, requests = [], [], [], 0
    for route in all_routes():
        url = fill(route, world)
        for role, expected in zip(ROLES, EXPECTED.get(route.name, ()), strict=False):
            response = world["clients"][role].get(url)
            requests += 1
            outcome = classify(response)
            if response.status_code >= 500:
                errors.append((route.name, role, response.status_code))
            if outcome != expected:
                wrong.append(f"{route.name} as {role}: got {outcome}, expected {expected} ({url})")
            if role != "owner" and not (role in ("viewer", "officer") and url.startswith(STAFF_PAGES)):
                body = response.content.decode(errors="replace") if not response.streaming else ""
                found = [s for s in world["secrets"] if s in body]
                if found:
                    leaks.append(f"{route.name} as {role} shows {found} ({url})")
    after = table_checksums()
    changed = sorted(t for t in before if before[t] != after.get(t))
    with capsys.disabled():
        print(f"\nroute matrix: {len(all_routes())} routes x {len(ROLES)} roles = {requests} requests, "
              f"{len(errors)} 5xx, {len(leaks)} leaks, {len(wrong)} unexpected, tables changed by GET: {changed}")
    assert not errors
    assert not leaks, "\n".join(leaks)
    assert not wrong, "\n".join(wrong)
    assert not changed, f"GET requests changed rows in {changed}"


OWNED = [name for name, outcomes in EXPECTED.items()
         if not name.startswith("admin:") and outcomes[0] in ("ok", "method") and "missing" in outcomes]


@pytest.mark.parametrize("name", OWNED)
def test_other_roles_cannot_post_to_the_owners_objects(world, name):
    """A POST (empty, and with the owner's form data guessed) on the owner's row by anyone else changes nothing."""
    route = next(r for r in all_routes() if r.name == name)
    url = fill(route, world)
    before = table_checksums()
    for role in ("anonymous", "other", "staff", "viewer", "officer"):
        client = world["clients"][role]
        for data in ({}, {"body": "hi", "line1": "Thief Street 9", "phone": "1", "confirm": "1"}):
            with TestCase.captureOnCommitCallbacks(execute=True):
                response = client.post(url, data)
            assert response.status_code < 500
            assert classify(response) in ("login", "missing", "denied", "method", "reauth"), (name, role)
    assert table_checksums() == before


ID_ROUTES = [r for r in all_routes() if not r.name.startswith("admin:")
             and set(r.params) & {"uuid", "pk", "number"} and r.name in OWNED]


@pytest.mark.parametrize("route", ID_ROUTES, ids=lambda r: r.name)
def test_guessed_ids_find_nothing(world, route):
    """The owner, guessing ids that are not theirs (random UUIDs, other numbers, junk), gets 404s only."""
    client = world["clients"]["owner"]
    guesses = [str(uuid.uuid4()) for _ in range(10)] + ["999999", "0", "-1", "abc", "1e3", "FF-000001", "%2e%2e"]
    for guess in guesses:
        url = "/" + re.sub(r"<(?:(\w+):)?(\w+)>", lambda m, g=guess: fill_one(m, world, g), route.pattern)
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code < 500, (url, method)
            assert classify(response) in ("missing", "method", "bad"), (url, method, response.status_code)


def fill_one(match, world, guess):
    param = match.group(2)
    if param in ("uuid", "pk", "number"):
        return guess
    return {"source": "shop_demo.address", "slug": world["product"].slug}.get(param, guess)


TOKEN_ROUTES = [r for r in all_routes() if {"token", "key", "uidb36"} & set(r.params)]


@pytest.mark.parametrize("route", TOKEN_ROUTES, ids=lambda r: r.name)
def test_guessed_tokens_open_nothing(world, route):
    """Guessed tokens, as anyone: never a state change; the page says the link is invalid."""
    before = table_checksums()
    for role in ("anonymous", "other"):
        client = world["clients"][role]
        for _ in range(20):
            url = fill(route, world)
            assert client.get(url).status_code < 500
            with TestCase.captureOnCommitCallbacks(execute=True):
                response = client.post(url, {"password1": "x-guess-1234567", "password2": "x-guess-1234567"})
            assert response.status_code < 500
    assert table_checksums() == before
