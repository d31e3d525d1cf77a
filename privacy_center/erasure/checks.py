"""The erasure feature's system checks, registered when the app is installed (``apps.py`` imports this).

``privacy_center.W051`` keeps the number it was published with, from before the check moved here.
"""

from __future__ import annotations

from django.core import checks

from ..registry import site
from .services.planner import keeps_while


@checks.register("privacy_center")
def check_conditional_holds(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """A conditional legal hold on rows the database deletes with the account keeps nothing (W051)."""
    return [checks.Warning(
        f"Source {source.name!r} keeps rows under a conditional legal hold, but they are deleted by the database "
        "together with the account (a CASCADE foreign key to the user): an erasure cannot keep them.",
        hint="Point the rows at the user with on_delete=SET_NULL (reach guests by e-mail), or set "
        "PRIVACY_CENTER_ERASURE_USER_ACTION = 'anonymize'.", obj=source.name, id="privacy_center.W051")
        for source in site
        if (hold := getattr(source, "legal_hold", None)) is not None and hold.conditional
        and not keeps_while(source)]
