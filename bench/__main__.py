"""Run one benchmark: ``python -m bench {export,erase,admin,middleware,seed,notify,scale} [options]``.

Each benchmark is a module ``bench/<name>.py`` with ``main(argv: list[str]) -> int``.
With ``--json`` a benchmark's last printed line is one JSON object of its figures.
"""

from __future__ import annotations

import importlib
import os
import sys

BENCHMARKS = ["export", "erase", "admin", "middleware", "seed", "notify", "scale"]


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in BENCHMARKS:
        print(f"usage: python -m bench {{{','.join(BENCHMARKS)}}} [--json] [options]", file=sys.stderr)
        return 2
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop_demo.settings")
    module = importlib.import_module(f"bench.{argv[0]}")
    return module.main(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
