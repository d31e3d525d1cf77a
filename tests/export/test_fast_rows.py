"""Issue 15: the fast export path writes exactly what the ORM path wrote, value for value and byte for byte.

The export reads rows on a raw cursor with dates and decimals formatted by the database (or in bulk), writes JSON
objects column by column, CSV chunks with one scan for formula-like cells, and index.html previews without a
template node per cell. Each of these is compared here with the ORM and the plain code it replaced, on whichever
database the tests run (SQLite, or PostgreSQL with ``DATABASE_URL``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from django.db import connection
from django.template import engines
from django.utils import timezone, translation

from privacy_center.registry import site
from privacy_center.services import export_writers as writers
from privacy_center.sources import ModelSource
from privacy_center.subjects import Subject
from privacy_center.values import csv_cell, json_default

MOMENTS = [
    dt.datetime(2026, 1, 31, 23, 59, 59, tzinfo=dt.UTC),
    dt.datetime(2024, 2, 29, 8, 5, 1, 123456, tzinfo=dt.UTC),
    dt.datetime(2026, 11, 23, 0, 0, 0, 1, tzinfo=dt.UTC),
    dt.datetime(1999, 12, 31, 23, 0, 0, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
]


def _orm_rows(source, subject) -> list[tuple]:
    if isinstance(source, ModelSource):
        return [row for chunk in source._orm_chunks(subject, 3) for row in chunk]
    return [row for chunk in source.iter_chunks(subject, 3) for row in chunk]


def _fast_rows(source, subject) -> list[tuple]:
    return [row for chunk in source.iter_chunks(subject, 3) for row in chunk]


@pytest.fixture
def tricky_customer(customer, make_order, product):
    """A customer whose rows hold what formatting can get wrong: microseconds, offsets, null, unicode, negative
    and zero decimals, formula-like text, booleans, a masked field, a JSON field."""
    from privacy_center.services.timeline import record_event
    from shop_demo.models import Address, CustomerProfile, NewsletterSignup, OrderLine, Review

    for i, moment in enumerate(MOMENTS):
        order = make_order(user=customer, created_at=moment, full_name="Åsa Öberg 👩‍🔧", lines=2)
        OrderLine.objects.filter(order=order).update(unit_price=[Decimal("-12.50"), Decimal("0.00"),
                                                                 Decimal("99999999.99"), Decimal("0.10")][i])
    CustomerProfile.objects.update_or_create(user=customer, defaults={
        "phone": "+46 70 123 45 67", "birth_date": dt.date(1979, 3, 14), "national_id": "19790314-2389"})
    Address.objects.create(user=customer, full_name='=HYPERLINK("x")', line1="Gatan 1, \"B\"", line2="\tTab",
                           city="-2+3", postcode="753 20", is_default=True)
    Address.objects.create(user=customer, full_name="Ada", line1="Väg 2\r\nTrappa", city="Uppsala",
                           postcode="753 21", is_default=False)
    Review.objects.create(user=customer, product=product, display_name="A <b>&</b>", rating=5, title="@t",
                          body="multi\nline, \"quoted\"", created_at=timezone.now())
    NewsletterSignup.objects.create(user=customer, email=customer.email, created_at=MOMENTS[1], confirmed_at=None)
    record_event(Subject.for_user(customer), "data_corrected", "x",
                 data={"n": 1, "f": 1.5, "u": "ü", "none": None, "list": [1, "=2"], "t": True})
    return customer


def test_every_source_reads_the_same_rows_as_the_orm(tricky_customer):
    subject = Subject.for_user(tricky_customer)
    checked = 0
    for source in site:
        orm, fast = _orm_rows(source, subject), _fast_rows(source, subject)
        assert fast == orm, source.name
        assert [tuple(map(type, r)) for r in fast] == [tuple(map(type, r)) for r in orm], source.name
        checked += bool(orm)
    assert checked >= 8


def test_dates_decimals_and_nulls_read_as_python_writes_them(tricky_customer):
    subject = Subject.for_user(tricky_customer)
    orders = _fast_rows(site.get("shop_demo.order"), subject)
    keys = ["id", *(f.name for f in site.get("shop_demo.order").fields())]
    created = sorted(dict(zip(keys, r, strict=True))["created_at"] for r in orders)
    assert created == sorted(m.astimezone(dt.UTC).isoformat() for m in MOMENTS)
    prices = sorted(r[-1] for r in _fast_rows(site.get("shop_demo.orderline"), subject))
    assert prices == sorted(["-12.50", "-12.50", "0.00", "0.00", "99999999.99", "99999999.99", "0.10", "0.10"])
    [profile] = _fast_rows(site.get("shop_demo.customerprofile"), subject)
    assert "1979-03-14" in profile and profile[3].startswith("•")
    [signup] = _fast_rows(site.get("shop_demo.newslettersignup"), subject)
    assert None in signup  # confirmed_at stays null, not "None"


@pytest.mark.skipif("connection.vendor != 'sqlite'")
def test_sqlite_values_not_written_by_django_read_as_the_orm_reads_them(tricky_customer):
    """Rows written by something else (raw SQL, another tool): a 'T', an offset, milliseconds, '.000000', a
    decimal with more places than the field, one stored as text; the export reads them as Django does."""
    subject = Subject.for_user(tricky_customer)
    with connection.cursor() as cursor:
        ids = [r[0] for r in cursor.execute("SELECT id FROM shop_demo_order WHERE user_id = %s ORDER BY id",
                                            [tricky_customer.pk]).fetchall()]
        for pk, text in zip(ids, ["2026-01-02T03:04:05", "2026-01-02 03:04:05+02:00", "2026-01-02 03:04:05.123",
                                  "2026-01-02 03:04:05.000000"], strict=True):
            cursor.execute("UPDATE shop_demo_order SET created_at = %s WHERE id = %s", [text, pk])
        cursor.execute("UPDATE shop_demo_order SET total = 0.30000000000000004 WHERE id = %s", [ids[0]])
        cursor.execute("UPDATE shop_demo_order SET total = 2.675 WHERE id = %s", [ids[1]])
        cursor.execute("UPDATE shop_demo_customerprofile SET birth_date = '1979-3-14' WHERE user_id = %s",
                       [tricky_customer.pk])
    for name in ("shop_demo.order", "shop_demo.customerprofile"):
        source = site.get(name)
        assert _fast_rows(source, subject) == _orm_rows(source, subject), name
    created = {r[0]: r[2] for r in _fast_rows(site.get("shop_demo.order"), subject)}
    assert created[ids[1]] == "2026-01-02T03:04:05+02:00"
    assert created[ids[2]] == "2026-01-02T03:04:05.123000+00:00"
    assert created[ids[3]] == "2026-01-02T03:04:05+00:00"


def test_json_objects_are_the_encoders_text(tricky_customer):
    subject = Subject.for_user(tricky_customer)
    for source in site:
        rows = _fast_rows(source, subject)
        if rows:
            keys = ["id", *(f.name for f in source.fields())]
            expected = writers._encoder.encode([dict(zip(keys, r, strict=True)) for r in rows])[1:-1]
            assert writers.json_objects(keys, rows) == expected, source.name
    mixed = [(1, "a", None, True, 1.5, {"x": [1]}, Decimal("2.50"), dt.date(2026, 1, 1), "ü\"\\\n"),
             (2, None, "b", False, float("nan"), [], Decimal("-1"), None, "<&>")]
    keys = ["id", "s%d", "t", "b", "f", "j", "d", "day", "u"]
    assert writers.json_objects(keys, mixed) == json.dumps(
        [dict(zip(keys, r, strict=True)) for r in mixed], ensure_ascii=False, default=json_default,
        separators=(",", ":"))[1:-1]
    assert writers.json_objects(["id", "id"], [(1, 2)]) == '{"id":2}'  # a repeated key: the last wins


def _reference_csv(columns, rows, json_columns=()) -> bytes:
    """The CSV as the per-cell writer wrote it before."""
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(columns)
    for row in rows:
        values = list(row)
        for i in json_columns:
            values[i] = csv_cell(values[i])
        writer.writerow([writers.defuse_cell(v) for v in values])
    return text.getvalue().encode()


def _written_csv(columns, chunks, json_columns=()) -> bytes:
    import tempfile

    csv_writer = writers.CsvSourceWriter(tempfile.TemporaryFile(), columns, list(json_columns))
    for chunk in chunks:
        csv_writer.write_rows(chunk)
    out = io.BytesIO()
    csv_writer.copy_to(out)
    csv_writer.close()
    return out.getvalue()


@pytest.mark.parametrize("rows", [
    [(1, "Ada", "753 20", 3), (2, "Bob", "", 4)],  # nothing to defuse: one pass
    [(1, "+46 70", "x", -5), (2, "-12.50", "=1+1", 5)],  # defused text, a negative integer left alone
    [(1, "a,=b", '"=quoted"', 1), (2, "\rCR", "\ttab", 0)],  # inside quotes, a CR-led cell (quoted), a tab
    [(1, "@SUM(1)", None, None), (2, "x\n=y", "ok", 7)],  # null cells, a formula after a newline in a cell
    [(1, True, 1.5, "-"), (2, False, -0.5, "+")],  # booleans, floats, lone signs
])
def test_csv_chunks_are_defused_exactly_as_cell_by_cell(rows):
    columns = ["Id", "A", "B", "C"]
    assert _written_csv(columns, [rows]) == _reference_csv(columns, rows)
    assert _written_csv(columns, [[r] for r in rows]) == _reference_csv(columns, rows)  # chunk by chunk
    parsed = list(csv.reader(io.StringIO(_written_csv(columns, [rows]).decode(), newline="")))
    assert all(not str(cell).startswith(("=", "+", "-", "@", "\t", "\r")) or cell.lstrip("-").isdigit()
               or cell.startswith("-0.") for row in parsed[1:] for cell in row)


def test_csv_json_columns_are_written_as_before():
    rows = [(1, {"a": "=x", "n": -1}), (2, ["ü", None]), (3, "=text"), (4, None)]
    assert _written_csv(["Id", "J"], [rows], [1]) == _reference_csv(["Id", "J"], rows, [1])


def test_real_export_csvs_match_the_per_cell_writer(tricky_customer):
    subject = Subject.for_user(tricky_customer)
    for source in site:
        rows = _fast_rows(source, subject)
        info = source.describe()
        columns = ["Id", *(str(f.label) for f in info.fields)]
        json_columns = [i for i, f in enumerate(info.fields, start=1) if f.type == "json"]
        assert _written_csv(columns, [rows], json_columns) == _reference_csv(columns, rows, json_columns), \
            source.name


OLD_PREVIEW = ("{% for row in rows %}<tr>{% for cell in row %}<td>{% if cell is None %}—{% else %}{{ cell }}"
               "{% endif %}</td>{% endfor %}</tr>{% endfor %}")


@pytest.mark.parametrize("language", ["en", "sv", "de"])
@pytest.mark.parametrize("thousands", [False, True])
def test_index_preview_cells_render_as_the_template_loop_did(settings, language, thousands):
    settings.USE_THOUSAND_SEPARATOR = thousands
    rows = [(1234567, "A <b>&</b> \"q\" 'a'", None, True, 1.5, Decimal("2.50"), {"a": 1}, ["x"], -3, ""),
            (2, "ü", 0, False, -0.25, Decimal("-1234.5"), {}, [], 10**12, "—")]
    engine = engines["django"]
    new = engine.from_string("{% load privacy_center_export %}{% preview_rows rows %}")
    old = engine.from_string(OLD_PREVIEW)
    with translation.override(language):
        assert new.render({"rows": rows}) == old.render({"rows": rows})


def test_progress_is_written_once_per_interval_not_per_source(customer, make_order, monkeypatch, export_for):
    from privacy_center.services import export as export_service

    writes = []
    original = export_service._set_progress
    monkeypatch.setattr(export_service, "_set_progress", lambda pk, **kw: (writes.append(kw), original(pk, **kw)))
    make_order(user=customer)
    monkeypatch.setattr(export_service, "PROGRESS_INTERVAL_SECONDS", 3600)  # an export shorter than the interval
    assert export_for(user=customer).status == "ready"
    assert writes == []
    monkeypatch.setattr(export_service, "PROGRESS_INTERVAL_SECONDS", 0)
    export = export_for(user=customer)
    assert export.status == "ready" and export.progress == 100
    assert writes and {"progress", "current_source"} <= set(writes[0])
    assert [w["progress"] for w in writes] == sorted(w["progress"] for w in writes)
