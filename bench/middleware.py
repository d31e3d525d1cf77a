"""``python -m bench middleware [--json] [--rounds N] [--requests N]``.

Cost of ``PrivacySignalsMiddleware`` (GPC/DNT, consent bookkeeping) on a minimal view,
measured through Django's request handler with the shop's full middleware stack, with
and without our middleware, in one run: rounds interleave the variants, each round
times a batch of requests per variant, and the medians are compared. The same is done
for django-cookie-consent's ``CleanCookiesMiddleware``. Requests carry ``Sec-GPC: 1``
and the visitor/consent cookies of a browser already seen (the warm path); the queries
of one warm request are counted too. A request without any signal is measured as well.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time


def _setup():
    import warnings

    import django

    warnings.filterwarnings("ignore", message="No directory at", module="django.core.handlers.base")

    django.setup()
    from django.conf import settings
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.SHOP_DEMO_VISIT_LOG = False
    settings.DEBUG = False
    from django.db import connection

    # A throwaway in-memory (or test_) database with the migrations applied (cookie groups included).
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    return connection


def minimal_view(request):
    from django.http import HttpResponse

    return HttpResponse("ok", content_type="text/plain")


urlpatterns: list = []


def _client(middleware: list[str]):
    """A test Client whose handler is built (once) with ``middleware``."""
    from django.test import Client, override_settings

    client = Client(HTTP_SEC_GPC="1")
    with override_settings(MIDDLEWARE=middleware, ROOT_URLCONF=__name__):
        client.get("/")  # builds the middleware chain now, with these settings
    return client


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench middleware")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--rounds", type=int, default=61)
    parser.add_argument("--requests", type=int, default=100, help="requests per variant per round")
    args = parser.parse_args(argv)

    connection = _setup()
    from django.conf import settings
    from django.test import override_settings
    from django.test.utils import CaptureQueriesContext
    from django.urls import path

    urlpatterns[:] = [path("", minimal_view)]
    ours = "privacy_center.consent.middleware.PrivacySignalsMiddleware"
    clean = "cookie_consent.middleware.CleanCookiesMiddleware"
    full = list(settings.MIDDLEWARE)
    if ours not in full:
        full.append(ours)
    base = [m for m in full if m not in (ours, clean, "shop_demo.middleware.VisitLogMiddleware")]
    variants = {
        "baseline": base,
        "privacy_signals": base[: base.index("allauth.account.middleware.AccountMiddleware") + 1] + [ours]
        + base[base.index("allauth.account.middleware.AccountMiddleware") + 1:],
        "clean_cookies": base + [clean],
    }
    with override_settings(ROOT_URLCONF=__name__):
        clients = {name: _client(mw) for name, mw in variants.items()}
        # Warm up: the GPC opt-out gets recorded once, cookies stored, caches filled.
        for client in clients.values():
            for _ in range(3):
                client.get("/")
        plain = {name: _client(mw) for name, mw in variants.items() if name != "clean_cookies"}
        for client in plain.values():
            client.defaults.pop("HTTP_SEC_GPC", None)
            client.get("/")
        # Every variant sends the same cookies (the consent and visitor cookies our middleware set),
        # so the only difference between them is the middleware.
        from http.cookies import SimpleCookie

        jar = SimpleCookie()
        jar.load({k: m.value for k, m in clients["privacy_signals"].cookies.items()})
        for client in [*clients.values(), *plain.values()]:
            client.cookies = SimpleCookie()
            client.cookies.load({k: m.value for k, m in jar.items()})
            client.get("/")

        with CaptureQueriesContext(connection) as warm:
            clients["privacy_signals"].get("/")
        with CaptureQueriesContext(connection) as warm_plain:
            plain["privacy_signals"].get("/")
        with CaptureQueriesContext(connection) as warm_cc:
            clients["clean_cookies"].get("/")

        samples: dict[str, list[float]] = {name: [] for name in [*clients, *(f"plain_{n}" for n in plain)]}
        runners = [(name, c) for name, c in clients.items()] + [(f"plain_{n}", c) for n, c in plain.items()]
        for round_no in range(args.rounds):
            order = runners if round_no % 2 == 0 else list(reversed(runners))
            for name, client in order:
                get = client.get
                start = time.perf_counter()
                for _ in range(args.requests):
                    get("/")
                samples[name].append((time.perf_counter() - start) / args.requests * 1e6)

    med = {name: statistics.median(values) for name, values in samples.items()}

    def pct(a: str, b: str) -> float:
        # Median of the per-round ratios: each round's variants ran back to back, so load on a
        # shared machine that drifts between rounds cancels out.
        ratios = [x / y for x, y in zip(samples[a], samples[b], strict=True)]
        return round((statistics.median(ratios) - 1) * 100, 2)

    result = {
        "baseline_us": round(med["baseline"], 1),
        "with_privacy_signals_us": round(med["privacy_signals"], 1),
        "with_clean_cookies_us": round(med["clean_cookies"], 1),
        "added_pct": pct("privacy_signals", "baseline"),
        "added_pct_no_signal": pct("plain_privacy_signals", "plain_baseline"),
        "cookie_consent_added_pct": pct("clean_cookies", "baseline"),
        "warm_queries": len(warm.captured_queries),
        "warm_queries_no_signal": len(warm_plain.captured_queries),
        "cookie_consent_warm_queries": len(warm_cc.captured_queries),
        "rounds": args.rounds,
        "requests_per_round": args.requests,
        "target_added_pct": 5.0,
    }
    print("PrivacySignalsMiddleware on a minimal view (Django handler, shop middleware stack, Sec-GPC: 1, warm)")
    print(f"  baseline                      {result['baseline_us']:8.1f} µs/request")
    print(f"  + PrivacySignalsMiddleware    {result['with_privacy_signals_us']:8.1f} µs/request"
          f"  ({result['added_pct']:+.2f}%, {result['warm_queries']} queries warm)")
    print(f"  + CleanCookiesMiddleware      {result['with_clean_cookies_us']:8.1f} µs/request"
          f"  ({result['cookie_consent_added_pct']:+.2f}%, {result['cookie_consent_warm_queries']} queries warm)")
    print(f"  no signal sent: PrivacySignalsMiddleware adds {result['added_pct_no_signal']:+.2f}%"
          f" ({result['warm_queries_no_signal']} queries)")
    ok = result["added_pct"] < 5.0 and result["warm_queries"] == 0
    print("  target (< 5% added, 0 queries warm):", "met" if ok else "NOT met")
    if args.json:
        print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
