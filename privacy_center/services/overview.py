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


def holdings(categories: list[dict[str, Any]], show_all: bool = False) -> dict[str, Any]:
    """What the overview page shows of ``data_summary``: by default only the sections that hold something.

    ``categories`` keeps the declaration order; a category with nothing shown is left out. The totals
    let the page say in one sentence how much is held and how many empty sections a link would add.
    """
    every = [source for category in categories for source in category["sources"]]
    held = [source for source in every if source["count"]]
    shown = []
    for category in categories:
        sources = category["sources"] if show_all else [s for s in category["sources"] if s["count"]]
        if sources:
            shown.append({**category, "sources": sources})
    return {
        "categories": shown,
        "show_all": show_all,
        "records": sum(source["count"] for source in held),
        "held_sections": len(held),
        "empty_sections": len(every) - len(held),
    }
