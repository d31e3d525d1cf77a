"""The export tests' fixtures, for the export in the customer's language."""

from tests.export.conftest import export_for, open_export  # noqa: F401
