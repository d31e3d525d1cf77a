"""A test-only app for the worker-kill test: its ``privacy.py`` registers a source that waits mid-erasure.

Installed only by ``tests/erasure/worker_settings.py``, the settings of the real worker process.
"""
