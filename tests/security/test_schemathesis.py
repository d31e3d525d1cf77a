"""Schemathesis against /api/schema/: generated calls to every operation, anonymously and as a customer.

Bounded (``CASES_PER_OPERATION`` per operation and role, at least 2,000 in all) so that it runs in
CI within minutes. Every response is checked: no 5xx, and status code, content type and body as
the schema documents them, and every schema-valid request accepted (schemathesis's
``positive_data_acceptance``: the schema is as strict as the server, see
``privacy_center.api.schema.tighten_input``). The figures are printed at the end.
"""

from __future__ import annotations

import os
import secrets

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable

pytestmark = pytest.mark.django_db

CASES_PER_OPERATION = int(os.environ.get("SCHEMATHESIS_CASES", "40"))


@pytest.fixture
def wsgi_app():
    from django.core.wsgi import get_wsgi_application

    # As Django's test client does: keep the test's database connection across requests (both signals
    # close old connections; on PostgreSQL that would close the test's transaction under it).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _headers(client, user) -> dict[str, str]:
    if user is None:
        return {}
    client.force_login(user)
    csrf = secrets.token_hex(16)
    session = client.cookies["sessionid"].value
    return {"Cookie": f"sessionid={session}; csrftoken={csrf}", "X-CSRFToken": csrf}


def _run_operation(operation, role: str, headers: dict, failures: list[str]) -> list[int]:
    """Up to CASES_PER_OPERATION generated calls of one operation; their status codes."""
    seen: list[int] = []

    @settings(max_examples=CASES_PER_OPERATION, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy())
    def run(case):
        response = case.call(headers=headers)
        seen.append(response.status_code)
        try:
            case.validate_response(response, headers=headers)
        except (Exception, BaseExceptionGroup) as exc:  # a mismatch or a server error: collect all
            detail = " | ".join(str(exc).splitlines()[2:9])[:400]
            detail += f" body={case.body!r:.200} -> {response.text[:200]!r}"
            failures.append(f"{role} {operation.label} -> {response.status_code}: {detail}")

    try:
        run()
    except Unsatisfiable:
        pass
    return seen


def test_api_answers_as_its_schema_says(wsgi_app, client, customer, make_order, capsys):
    make_order(user=customer)
    schema = schemathesis.openapi.from_wsgi("/api/schema/", wsgi_app)
    failures: list[str] = []
    codes: list[int] = []
    operations = [result.ok() for result in schema.get_all_operations()]
    for role, user in (("anonymous", None), ("customer", customer)):
        headers = _headers(client, user)
        for operation in operations:
            codes += _run_operation(operation, role, headers, failures)
    server_errors = sum(1 for code in codes if code >= 500)
    with capsys.disabled():
        print(f"\nschemathesis: {len(operations)} operations x 2 roles, {len(codes)} cases, "
              f"{server_errors} 5xx, {len(failures)} schema mismatches")
    assert server_errors == 0
    unique = sorted(set(failures))
    assert not unique, f"{len(unique)} distinct problems:\n" + "\n".join(unique[:60])
    assert len(codes) >= 2000 or CASES_PER_OPERATION < 40
