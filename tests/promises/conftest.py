"""Fixtures for the promises of issue 17: the requests feature's (staff, settings, a request factory)."""

from tests.requests.conftest import _requests_settings, make_request, officer, viewer  # noqa: F401
