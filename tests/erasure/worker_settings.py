"""Settings of the real worker process started by ``test_worker_kill.py``: the demo plus a slow source."""

from shop_demo.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "tests.erasure.slowapp"]  # noqa: F405
