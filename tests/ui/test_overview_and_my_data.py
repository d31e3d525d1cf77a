"""The overview reads in ten seconds (only sections that hold something, a link shows all, each one click
away) and My data stays short for a 10,000-order customer: search, a date range and numbered pages, in SQL,
as plain GET forms that work without JavaScript."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from privacy_center.services.browse import page_links

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_orders(db):
    """``many_orders(user, n)``: n orders numbered FF-<i>, one a day back from today (bulk_create)."""
    from shop_demo.models import Order

    def do(user, n: int, prefix: str = "FF"):
        now = timezone.now()
        return Order.objects.bulk_create(
            Order(number=f"{prefix}-{i:05d}", user=user, email=user.email, full_name="Ada Lovelace",
                  line1="Storgatan 1",
                  city="Uppsala", postcode="753 20", billing_postcode="753 20", total=Decimal("19.90"),
                  created_at=now - dt.timedelta(days=i))
            for i in range(n))

    return do


def test_overview_lists_only_sections_that_hold_something(logged_in_client, customer, make_order):
    make_order(user=customer)
    html = logged_in_client.get("/privacy/").content.decode()
    assert "Orders" in html and "Connected account tokens" not in html and "Do-not-contact list" not in html
    # Each section shown is one click from its records.
    assert 'href="/privacy/data/shop_demo.order/"' in html
    match = re.search(r'We hold (\d+) records? about you, in (\d+) of the sections below', html)
    assert match and int(match[1]) >= 2 and int(match[2]) >= 2, html[:2000]
    link = re.search(r'<a href="\?all=1">Also show the (\d+) sections that hold nothing about you</a>', html)
    assert link, "no link to the empty sections"
    everything = logged_in_client.get("/privacy/?all=1").content.decode()
    assert "Connected account tokens" in everything and "nothing held" in everything
    assert "Show only the sections that hold something" in everything


def test_my_data_lists_only_sections_that_hold_something(logged_in_client, customer, make_order):
    order = make_order(user=customer)
    html = logged_in_client.get("/privacy/data/").content.decode()
    assert order.number in html and "Connected account tokens" not in html
    assert "Connected account tokens" in logged_in_client.get("/privacy/data/?all=1").content.decode()


def test_page_links_are_a_window_with_gaps():
    assert page_links(1, 1) == [1]
    assert page_links(1, 400) == [1, 2, 3, None, 400]
    assert page_links(200, 400) == [1, None, 198, 199, 200, 201, 202, None, 400]
    assert page_links(4, 6) == [1, 2, 3, 4, 5, 6]


def test_large_source_searches_and_filters_dates_in_the_database(logged_in_client, customer, many_orders,
                                                                   settings):
    settings.PRIVACY_CENTER_PAGE_SIZE = 25
    many_orders(customer, 400)
    url = "/privacy/data/shop_demo.order/"
    html = logged_in_client.get(url).content.decode()
    assert 'role="search"' in html and 'name="q"' in html and 'type="date"' in html
    assert "page 1 of 16" in html and html.count("<tr>") <= 27  # header + 25 rows: the page stays short
    assert 'aria-current="page">1<' in html and ">16</a>" in html and ">9</a>" not in html

    found = logged_in_client.get(url, {"q": "FF-00123"}).content.decode()
    assert "1 of 400 records match" in found and "FF-00123" in found and "FF-00124" not in found

    today = timezone.localdate()
    start, end = today - dt.timedelta(days=12), today - dt.timedelta(days=10)
    ranged = logged_in_client.get(url, {"date_from": start.isoformat(), "date_to": end.isoformat()}).content.decode()
    assert "3 of 400 records match" in ranged
    assert all(f"FF-{i:05d}" in ranged for i in (10, 11, 12)) and "FF-00013" not in ranged

    # The filters stay on the page links.
    paged = logged_in_client.get(url, {"q": "FF-000", "page": "2"}).content.decode()
    assert "100 of 400 records match" in paged and "page 2 of 4" in paged
    assert "?q=FF-000&amp;page=3" in paged

    bad = logged_in_client.get(url, {"date_from": "31.12.2026"})
    assert bad.status_code == 200 and "Enter a date as year-month-day" in bad.content.decode()
    backwards = logged_in_client.get(url, {"date_from": "2026-05-01", "date_to": "2026-01-01"}).content.decode()
    assert "The start date is after the end date." in backwards
    none = logged_in_client.get(url, {"q": "nothing-like-this"}).content.decode()
    assert "No record matches" in none


def test_counts_stop_at_the_limit_and_say_more_than(logged_in_client, customer, many_orders, settings,
                                                    monkeypatch):
    """Past ``COUNT_LIMIT`` rows the page says "more than", never a figure it did not count; the pages still
    reach every row, and the last one (or a page past the end) gives the exact count."""
    from privacy_center.services import browse

    monkeypatch.setattr(browse, "COUNT_LIMIT", 50)
    settings.PRIVACY_CENTER_PAGE_SIZE = 25
    many_orders(customer, 60)
    url = "/privacy/data/shop_demo.order/"
    first = logged_in_client.get(url).content.decode()
    assert "More than 50 records · page 1<" in first and "page 1 of" not in first and "60 records" not in first
    assert 'rel="next"' in first and ">3</a>" in first and "…" in first  # pages 1-3 exist, maybe more
    last = logged_in_client.get(url, {"page": 3}).content.decode()
    assert "60 records · page 3 of 3" in last and "FF-00059" in last and 'rel="next"' not in last
    past = logged_in_client.get(url, {"page": 9}).content.decode()
    assert "60 records · page 3 of 3" in past and "FF-00059" in past

    everything = logged_in_client.get(url, {"q": "FF-"}).content.decode()
    assert "More than 50 records match" in everything and "FF-00000" in everything
    today = timezone.localdate()
    ranged = logged_in_client.get(url, {"date_from": (today - dt.timedelta(days=2)).isoformat(),
                                        "date_to": today.isoformat()}).content.decode()
    assert "3 of more than 50 records match" in ranged


def test_a_search_counts_only_as_far_as_its_page_links_reach(logged_in_client, customer, many_orders, settings):
    """A search tests its filter on each row it counts, so it counts the pages the links show (two past the
    current one), not ``COUNT_LIMIT`` rows: the status says "more than" that, and every match stays reachable."""
    settings.PRIVACY_CENTER_PAGE_SIZE = 25
    many_orders(customer, 400)
    url = "/privacy/data/shop_demo.order/"
    first = logged_in_client.get(url, {"q": "FF-"}).content.decode()
    assert "More than 75 records match · page 1<" in first and "400" not in first.split("<table")[0]
    assert "?q=FF-&amp;page=4" in first and "?q=FF-&amp;page=5" not in first and "…" in first
    fourth = logged_in_client.get(url, {"q": "FF-", "page": 4}).content.decode()
    assert "More than 150 records match · page 4<" in fourth and "FF-00080" in fourth and "FF-00074" not in fourth
    last = logged_in_client.get(url, {"q": "FF-", "page": 16}).content.decode()
    assert "400 of 400 records match · page 16 of 16" in last and "FF-00399" in last
    assert "400 records · page 1 of 16" in logged_in_client.get(url).content.decode()  # unfiltered: exact


def test_every_page_shows_its_rows_in_order_read_from_either_end(logged_in_client, customer, many_orders,
                                                                  settings, monkeypatch):
    """Deep pages are read from the nearer end (the order reversed): each page, first to last and past the
    end, filtered or not, shows exactly the rows a plain ordered listing has there, ties on the date too."""
    from privacy_center.services import browse
    from shop_demo.models import Order

    monkeypatch.setattr(browse, "COUNT_LIMIT", 50)
    settings.PRIVACY_CENTER_PAGE_SIZE = 25
    many_orders(customer, 120)
    same_day = timezone.now() - dt.timedelta(days=200)
    Order.objects.bulk_create(Order(number=f"FF-TIE{i}", user=customer, email=customer.email, full_name="Ada",
                                    city="Uppsala", total=Decimal("5.00"), created_at=same_day) for i in range(10))
    listing = list(Order.objects.filter(user=customer).order_by("-created_at", "-pk").values_list("number", flat=True))
    url = "/privacy/data/shop_demo.order/"

    def shown(params):
        html = logged_in_client.get(url, params).content.decode()
        return re.findall(r"FF-(?:TIE)?\d+", html.split("<table", 1)[1].split("</table>", 1)[0]), html

    for number in range(1, 7):
        rows, html = shown({"page": number})
        assert rows == listing[(number - 1) * 25:number * 25], number
    rows, html = shown({"page": 40})  # past the end: the last page, and now the exact count
    assert rows == listing[125:] and "130 records · page 6 of 6" in html

    cutoff = timezone.localdate() - dt.timedelta(days=50)
    dates = dict(Order.objects.filter(user=customer).values_list("number", "created_at"))
    older = [n for n in listing if timezone.localtime(dates[n]).date() <= cutoff]
    assert len(older) > 50  # more than the count stops at, so its later pages lie past the rows counted
    for number in (1, 2, 3, 4):
        rows, html = shown({"date_to": cutoff.isoformat(), "page": number})
        assert rows == older[(number - 1) * 25:number * 25], number
    assert f"{len(older)} of 130 records match · page 4 of 4" in html


def test_search_never_matches_masked_fields(logged_in_client, customer):
    """The national ID is masked: searching its digits must not confirm them one guess at a time."""
    from privacy_center.registry import site
    from privacy_center.services.browse import filters_for

    source = site.get("shop_demo.customerprofile")
    assert "national_id" in source.masked
    assert "national_id" not in filters_for(source).text_fields


def test_filtered_page_cost_does_not_grow_with_data(client, make_user, many_orders):
    light, heavy = make_user(), make_user()
    many_orders(light, 30, "FF")
    many_orders(heavy, 3000, "FG")
    counts = []
    for user in (light, heavy):
        client.force_login(user)
        client.get("/privacy/data/shop_demo.order/")  # the first request of a session writes to it
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/privacy/data/shop_demo.order/", {"q": "-0", "page": 2}).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
