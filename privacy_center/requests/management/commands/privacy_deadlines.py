"""``manage.py privacy_deadlines --regime R --received ISO-DATETIME [--type T] [--country C]``: when is it due?

Prints JSON: the acknowledgement date, the due date (the earlier of the legal deadline and the shop's
promise), the extension maximum, each regime's clock with its citation and calendar, and every rule
applied (receipt day in which zone, holidays moved over, the promise). A receipt time without an offset
is read in the zone receipt days are counted in (``PRIVACY_CENTER_CLOCK_TIME_ZONE``).
"""

from __future__ import annotations

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError

from .... import regimes
from ....clocks import zone
from ...models import RequestType


def _moment(value: str, what: str) -> dt.datetime:
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"{what} must be an ISO date-time, e.g. 2026-12-01T23:30:00-06:00") from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=zone())


class Command(BaseCommand):
    help = "Print a request's acknowledgement date, due date, extension maximum and the rules applied (JSON)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--regime", action="append", default=[],
                            help="Regime code (repeat, or separate with commas). Default: the shop's and the "
                                 "country's regimes.")
        parser.add_argument("--received", required=True, help="When the request arrived (ISO date-time).")
        parser.add_argument("--type", default=RequestType.ACCESS, choices=RequestType.values)
        parser.add_argument("--country", help="The requester's country (ISO code, or US-TX style).")
        parser.add_argument("--identity", help="When the identity information asked for arrived (ISO date-time).")

    def handle(self, *args, regime=(), received="", type=RequestType.ACCESS, country=None, identity=None,
               **options) -> None:
        codes = [c.strip() for value in regime for c in value.split(",") if c.strip()]
        if not codes:
            codes = regimes.regimes_for_country(country)
        elif country:
            codes += [c for c in regimes.regimes_for_country(country) if c not in codes]
        identity_at = _moment(identity, "--identity") if identity else None
        try:
            result = regimes.explain(codes, _moment(received, "--received"), type, identity_at=identity_at)
        except regimes.UnknownRegime as exc:
            raise CommandError(str(exc.args[0] if exc.args else exc)) from exc
        result["country"] = country
        self.stdout.write(json.dumps(result, indent=2, ensure_ascii=False))
