"""A source whose erasure stops so that the test can kill the worker in the middle of an erasure.

Each attempt writes ``attempt-<pid>`` in ``$ERASURE_TEST_DIR``. The first attempt then
sleeps (the test kills it); later attempts wait for the test's ``go`` file, so the test
can look at the database while the redelivered attempt is inside its transaction.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from privacy_center.registry import register
from privacy_center.sources import BaseSource, Erasure, Preview


@register
class SlowSource(BaseSource):
    name = "tests.slow"
    label = "Slow processor"
    erasure = Erasure.DELETE
    order = 999

    def fields(self):
        return []

    def count(self, subject):
        return 0

    def iter_rows(self, subject, chunk_size=2000):
        return iter(())

    def page(self, subject, number, per_page):
        return []

    def preview(self, subject):
        return Preview(self.name, self.label, 0, self.erasure)

    def erase(self, subject):
        folder = Path(os.environ["ERASURE_TEST_DIR"])
        first = not any(folder.glob("attempt-*"))
        (folder / f"attempt-{os.getpid()}").write_text(str(os.getpid()))
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if not first and (folder / "go").exists():
                break
            time.sleep(0.05)
        return Preview(self.name, self.label, 0, self.erasure)
