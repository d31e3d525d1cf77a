"""The record of processing (Art. 30(1)) from the registry and recipients: admin page, downloads in three
formats, a version per change with a diff, the data map, and the public notice listing the same recipients."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import call_command

from privacy_center.models import ProcessingRecordVersion
from privacy_center.recipients import Recipient, Role, Safeguard
from privacy_center.registry import site
from privacy_center.services import processing_record

pytestmark = pytest.mark.django_db
ADMIN = "/admin/privacy_center/processingrecordversion/"


def test_the_record_holds_what_article_30_asks(settings):
    record = processing_record.build_record()
    assert record["controller"]["name"] == "Filament & Form AB"
    assert "Ada Lindqvist" in record["controller"]["officer"]
    orders = next(a for a in record["activities"] if a["source"] == "shop_demo.order")
    assert orders["recipients"] == ["stripe", "postnord", "accountants"]
    assert "Bookkeeping" in orders["purposes"] and "7 years" in orders["retention"] + orders["retention_reason"]
    assert "Guest customers (by e-mail address)" in orders["data_subjects"]
    transfers = {t["recipient"]: t for t in record["transfers"]}
    assert set(transfers) == {"stripe", "mailgun"}
    assert "Standard contractual clauses" in transfers["stripe"]["safeguard"]
    assert record["security_measures"] and "TLS" in record["security_measures"][0]


def test_downloads_in_three_formats_and_the_admin_page(admin_client):
    page = admin_client.get(ADMIN + "record/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Record of processing activities" in html and "PostNord Sverige AB (delivery)" in html
    as_json = admin_client.get(ADMIN + "record/download/json/")
    assert as_json["Content-Disposition"].endswith('.json"')
    data = json.loads(as_json.content)
    assert {r["name"] for r in data["recipients"]} >= {"klarna", "postnord", "stripe"}
    as_csv = admin_client.get(ADMIN + "record/download/csv/")
    rows = list(csv.reader(io.StringIO(as_csv.content.decode())))
    assert any(row[:2] == ["Stripe Payments Europe Ltd. (payment provider)", "Processor (acts on our instructions)"]
               for row in rows)
    as_html = admin_client.get(ADMIN + "record/download/html/")
    assert as_html["Content-Type"].startswith("text/html") and b"<h1>Record of processing" in as_html.content
    assert admin_client.get(ADMIN + "record/download/xml/").status_code == 404


def test_a_new_version_per_declaration_change_and_what_changed(admin_client, monkeypatch):
    first, stored = processing_record.store_version()
    again, stored_again = processing_record.store_version()
    assert again.pk == first.pk and not stored_again  # nothing changed: no new version

    @site.register
    class Ledger(Recipient):
        name = "ledger_cloud"
        label = "Ledger Cloud Inc. (bookkeeping software)"
        role = Role.PROCESSOR
        country = "US"
        safeguard = Safeguard.SCC

    monkeypatch.setattr(site.get("shop_demo.payment"), "recipients", ["stripe", "ledger_cloud"])
    second, stored = processing_record.store_version(reason="deploy")
    assert stored and second.number == first.number + 1
    rows = processing_record.diff(first.record, second.record)
    assert {"section": "recipient", "item": "ledger_cloud", "change": "added", "field": "", "old": "",
            "new": "Ledger Cloud Inc. (bookkeeping software)"} in rows
    changed = next(r for r in rows if r["item"] == "shop_demo.payment" and r["field"] == "recipients")
    assert changed["old"] == "stripe; accountants" and changed["new"] == "stripe; ledger_cloud"
    page = admin_client.get(ADMIN + f"record/diff/?old={first.number}&new={second.number}").content.decode()
    assert "ledger_cloud" in page and "<ins>stripe; ledger_cloud</ins>" in page
    call_command("privacy_record", "--diff", str(first.number), str(second.number))


def test_migrate_stores_a_version_when_the_declarations_changed(capsys):
    ProcessingRecordVersion.objects.all().delete()
    call_command("migrate", "privacy_center", verbosity=0)
    assert ProcessingRecordVersion.objects.count() == 1
    call_command("migrate", "privacy_center", verbosity=0)
    assert ProcessingRecordVersion.objects.count() == 1
    call_command("privacy_record", "--store")
    assert "No change since version" in capsys.readouterr().out


def test_the_data_map_is_server_rendered_svg(admin_client):
    html = admin_client.get(ADMIN + "data-map/").content.decode()
    assert "<svg" in html and 'role="img"' in html and "<script" not in html.split("<svg")[1].split("</svg>")[0]
    assert "Address book → PostNord Sverige AB (delivery)" in html  # the line's title and the list
    assert html.count("<line ") == len(processing_record.data_map()["edges"]) > 5


def test_viewing_the_record_needs_permission(client, make_user):
    staff = make_user(email="clerk@example.com")
    staff.is_staff = True
    staff.save()
    client.force_login(staff)
    assert client.get(ADMIN + "record/").status_code == 403
    assert client.get(ADMIN + "data-map/").status_code == 403


def test_the_public_notice_lists_the_recipients_from_the_same_data(client):
    html = client.get("/privacy/notice/").content.decode()
    assert "Who receives your data" in html
    for r in processing_record.public_recipients():
        assert r["label"].replace("&", "&amp;") in html
    assert "Standard contractual clauses" in html and "Hetzner Online GmbH (hosting)" in html
