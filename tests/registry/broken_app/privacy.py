"""A privacy.py with a mistake: discovery must not hide it."""

from privacy_center.no_such_module import Something  # noqa: F401
