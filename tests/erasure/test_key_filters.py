"""The erasure addresses rows by primary key: the filters match exactly the planned keys, in statements
the database accepts (bound parameters, SQLite's expression depth)."""

import pytest
from django.utils import timezone

from privacy_center.erasure.services.targets import MAX_RUNS, key_filters
from shop_demo.models import VisitLog


def _keys(q) -> set:
    found = set()
    for child in q.children:
        if isinstance(child, tuple):
            name, value = child
            found |= set(value) if name == "pk__in" else set(range(value[0], value[1] + 1))
        else:
            found |= _keys(child)
    return found


def test_runs_become_one_range_and_scattered_keys_are_listed():
    [only] = key_filters(list(range(1, 40_001)), 500)
    assert _keys(only) == set(range(1, 40_001)) and "pk__range" in str(only)
    scattered = [1, 5, 9, 10, 20, 21, 22, 23]
    assert set().union(*map(_keys, key_filters(scattered, 3))) == set(scattered)


@pytest.mark.django_db
def test_thousands_of_runs_are_split_into_statements_sqlite_accepts():
    runs = [k for start in range(0, 30_000, 10) for k in range(start, start + 3)]  # 3,000 runs of 3 keys
    VisitLog.objects.bulk_create([VisitLog(pk=k, path="/", created_at=timezone.now()) for k in runs[:30]])
    filters = key_filters(runs, 16_000)
    assert len(filters) >= len(runs) // 3 // MAX_RUNS
    assert set().union(*map(_keys, filters)) == set(runs)
    assert sum(VisitLog.objects.filter(q).count() for q in filters) == 30
