"""The export tests' fixtures, for the export in the customer's language; and every test here leaves the
language it activated (a test client request in Swedish activates Swedish for the rest of the thread)."""

import pytest
from django.utils import translation

from tests.export.conftest import export_for, open_export  # noqa: F401


@pytest.fixture(autouse=True)
def _restore_language():
    before = translation.get_language()
    yield
    translation.activate(before) if before else translation.deactivate()
