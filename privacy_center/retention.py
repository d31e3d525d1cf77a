"""How long each source keeps its rows, measured against the shop's promised maximum.

``PRIVACY_CENTER_MAX_RETENTION_DAYS`` is the shop's promise ("no purpose requires keeping your
information longer than 2 years"); ``over_ceiling`` lists the sources (the app's own included) that keep
rows longer, by retention or by a dated legal hold, and whether the declaration cites a law that requires
it. ``manage.py check`` reports them (``privacy_center.W050`` / ``I050``); nothing here changes data.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .app_settings import DEFAULT_RETENTION_DAYS
from .declarations import Erasure
from .sources import BaseSource


@dataclass
class KeptLonger:
    """One source that keeps rows longer than the ceiling (``days`` 0: with no end date)."""

    source: BaseSource
    days: int
    how: str  # "retention", "legal hold" or "kept with no end"
    reason: str
    law: str = ""

    @property
    def required_by_law(self) -> bool:
        return bool(self.law)


def kept_periods(source: BaseSource) -> list[KeptLonger]:
    """Every way ``source`` keeps rows for a time: its retention, and what an erasure keeps under a hold."""
    periods = []
    retention = getattr(source, "retention", None)
    if retention is not None:
        periods.append(KeptLonger(source, retention.days, "retention", str(retention.reason), retention.law))
    hold = getattr(source, "legal_hold", None)
    if hold is not None and not hold.conditional:
        if hold.length_days:
            periods.append(KeptLonger(source, hold.length_days, "legal hold", str(hold.reason), hold.law))
        elif str(source.erasure) == Erasure.KEEP and retention is None:
            periods.append(KeptLonger(source, 0, "kept with no end", str(hold.reason), hold.law))
    return periods


def over_ceiling(sources: Iterable[BaseSource], ceiling: int) -> list[KeptLonger]:
    """The periods longer than ``ceiling`` days (a hold with no end date always is), source by source."""
    return [p for source in sources for p in kept_periods(source) if p.days == 0 or p.days > ceiling]


def unknown_retention_names(names: Iterable[str], registered: set[str]) -> list[str]:
    """Names in ``PRIVACY_CENTER_RETENTION_DAYS`` that are no registered source (a typo keeps data)."""

    # The app's own defaults name sources of feature apps a shop may leave out; only the shop's names count.
    return sorted(n for n in names if n not in registered and n not in DEFAULT_RETENTION_DAYS)
