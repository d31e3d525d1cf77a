"""Export dates read the same on every database: exactly ``datetime.isoformat()`` in UTC."""

import datetime as dt

import pytest

from privacy_center.registry import site
from privacy_center.subjects import Subject


@pytest.mark.parametrize("moment", [
    dt.datetime(2026, 1, 31, 23, 59, 59, tzinfo=dt.UTC),
    dt.datetime(2024, 2, 29, 8, 5, 1, 123456, tzinfo=dt.UTC),
    dt.datetime(2026, 11, 23, 0, 0, 0, 1, tzinfo=dt.UTC),
    dt.datetime(1999, 12, 31, 23, 0, 0, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
])
def test_exported_datetimes_are_python_isoformat_in_utc(customer, make_order, moment):
    order = make_order(user=customer, created_at=moment)
    source = site.get("shop_demo.order")
    keys = ["id", *(f.name for f in source.fields())]
    [row] = [dict(zip(keys, r, strict=True)) for chunk in source.iter_chunks(Subject.for_user(customer))
             for r in chunk]
    assert row["id"] == order.pk
    assert row["created_at"] == moment.astimezone(dt.UTC).isoformat()
