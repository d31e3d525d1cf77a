"""What the shop holds about a subject, by category: the overview page's and the API's summary."""

from __future__ import annotations

from typing import Any

from ..declarations import Category
from ..registry import site
from ..subjects import Subject


def data_summary(subject: Subject, registry=site) -> list[dict[str, Any]]:
    """Categories in declaration order, each with its sources, their counts, purposes and retention.

    One COUNT per source: the cost depends on how many sources there are,
    never on how much data the subject has.
    """
    categories: dict[str, dict[str, Any]] = {}
    for source in registry:
        info = source.describe()
        count = source.count(subject)
        entry = categories.setdefault(info.category, {
            "category": info.category, "label": info.category_label, "count": 0, "sources": [],
        })
        entry["count"] += count
        entry["sources"].append({"name": info.name, "label": info.label, "description": info.description,
                                 "count": count, "purposes": info.purposes, "legal_basis": info.legal_basis_label,
                                 "retention": info.retention, "retention_reason": info.retention_reason,
                                 "recipients": info.recipients})
    order = {value: i for i, value in enumerate(Category.values)}
    return sorted(categories.values(), key=lambda c: order.get(c["category"], len(order)))
