"""Sphinx configuration: ``make docs`` (``sphinx-build -W -E -b html docs docs/_build/html``).

Built offline: no intersphinx, no remote images. The reference pages are generated from the code
(``_ext/privacy_center_docs.py`` and autodoc), so Django is set up with the demo project's settings
first; nothing touches a database.
"""

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE / "_ext")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop_demo.settings")

import django  # noqa: E402

django.setup()

from django.utils import translation  # noqa: E402

translation.activate("en")  # the reference pages render lazy labels (regimes) in English

from privacy_center import __version__  # noqa: E402

project = "django-privacy-center"
author = "django-privacy-center contributors"
copyright = "2026, django-privacy-center contributors"  # noqa: A001
version = release = __version__

extensions = ["sphinx.ext.autodoc", "myst_parser", "privacy_center_docs"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
# docs/pypi.md is the package index's long description (pyproject.toml), not a page of this site.
exclude_patterns = ["_build", "pypi.md", "Thumbs.db", ".DS_Store"]
root_doc = "index"
language = "en"

# Broken cross-references fail the build (with -W), except Python types autodoc cannot resolve
# without intersphinx (Django's, the standard library's), which would need the network.
nitpicky = True
# The changelog and CONTRIBUTING.md are included into pages under their own title.
suppress_warnings = ["myst.header"]
nitpick_ignore_regex = [(r"py:.*", r".*")]

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "undoc-members": False}

html_theme = "furo"
html_title = f"django-privacy-center {release}"
html_static_path: list[str] = []
