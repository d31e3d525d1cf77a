"""Forms of the core privacy pages. Corrections use ``services.correction.correction_form``."""

from __future__ import annotations

from django import forms


class StartExportForm(forms.Form):
    """A POST with a CSRF token: starting an export changes state, so it is never a GET."""


class DownloadForm(forms.Form):
    """The button that downloads an export (counted, so a POST)."""
