"""Benchmarks: ``python -m bench <name> [--json]``. Each measures ratios side by side in one run."""
