"""Building exports: contents, masking, isolation, schema, manifest, failures, expiry."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from datetime import timedelta
from pathlib import Path

import jsonschema
import pytest
from django.core import mail
from django.test import TestCase
from django.utils import timezone

from privacy_center.models import Export, PrivacyEvent
from privacy_center.registry import site
from privacy_center.services import export as export_service
from privacy_center.sources import BaseSource, Category
from privacy_center.subjects import Subject

SCHEMA = json.loads((Path(export_service.__file__).parent.parent / "schemas" / "export-v1.json").read_text())


def test_export_holds_every_source_and_validates_against_the_schema(customer, make_order, export_for, open_export):
    from shop_demo.models import Review, VisitLog

    order = make_order(user=customer, lines=3)
    Review.objects.create(user=customer, product=order.lines.first().product, display_name="Ada L.", rating=5,
                          title="Great PLA", body="Prints cleanly.", created_at=timezone.now())
    VisitLog.objects.create(user=customer, ip_address="198.51.100.7", user_agent="Firefox", path="/shop/",
                            created_at=timezone.now())

    export = export_for(user=customer)

    assert export.status == Export.Status.READY
    assert export.progress == 100
    archive = open_export(export)
    assert {"data.json", "index.html", "manifest.json"} <= set(archive.names)
    data = archive.json()
    jsonschema.validate(data, SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    assert [s["name"] for s in data["sources"]] == [s.name for s in site]
    for source in site:
        assert f"csv/{source.name}.csv" in archive.names
    orders = archive.source("shop_demo.order")
    assert orders["count"] == 1 and orders["rows"][0]["number"] == order.number
    assert orders["rows"][0]["total"] == "74.70"  # decimals as strings
    assert orders["rows"][0]["created_at"] == order.created_at.isoformat()
    assert archive.source("shop_demo.orderline")["count"] == 3
    assert archive.source("shop_demo.review")["rows"][0]["body"] == "Prints cleanly."
    assert archive.source("shop_demo.visitlog")["rows"][0]["ip_address"] == "198.51.100.7"
    assert "Bookkeeping" in " ".join(orders["purposes"])


def test_manifest_lists_rows_and_checksums_of_every_file(customer, make_order, export_for, open_export):
    make_order(user=customer, lines=2)
    export = export_for(user=customer)
    archive = open_export(export)
    manifest = archive.json("manifest.json")

    files = {f["name"]: f for f in manifest["files"]}
    assert set(files) == set(archive.names) - {"manifest.json"}
    for name, entry in files.items():
        content = archive.read(name)
        assert entry["sha256"] == hashlib.sha256(content).hexdigest()
        assert entry["size"] == len(content)
    counts = {s["name"]: s["rows"] for s in manifest["sources"]}
    assert counts["shop_demo.orderline"] == 2
    assert counts["shop_demo.order"] == 1
    assert export.sha256 == hashlib.sha256(archive.raw).hexdigest()
    assert export.size == len(archive.raw)


def test_csv_has_one_row_per_record_with_iso_dates(customer, make_order, export_for, open_export):
    make_order(user=customer)
    make_order(user=customer)
    archive = open_export(export_for(user=customer))
    rows = _csv_by_field(archive, "shop_demo.order")
    assert len(rows) == 2
    assert rows[0]["id"] and "T" in rows[0]["created_at"]
    assert rows[0]["email"] == "ada@example.com"


def test_national_id_and_tokens_stay_masked(customer, export_for, open_export):
    export = export_for(user=customer)
    archive = open_export(export)
    national_id = customer.profile.national_id
    assert national_id not in archive.text()
    profile = archive.source("shop_demo.customerprofile")["rows"][0]
    assert profile["national_id"].endswith(national_id[-4:])
    assert profile["national_id"].startswith("•")
    fields = {f["name"]: f for f in archive.source("shop_demo.customerprofile")["fields"]}
    assert fields["national_id"]["masked"] is True


def test_export_holds_only_the_subjects_rows(customer, other_customer, make_order, export_for, open_export):
    mine = make_order(user=customer)
    theirs = make_order(user=other_customer, full_name="Bob Builder")
    guest_other = make_order(email="someone.else@example.com", full_name="Carol Guest")
    guest_mine = make_order(email="ADA@example.com")  # my verified address, as a guest

    archive = open_export(export_for(user=customer))
    text = archive.text()

    numbers = {r["number"] for r in archive.source("shop_demo.order")["rows"]}
    assert numbers == {mine.number, guest_mine.number}
    for leaked in (theirs.number, guest_other.number, "Bob Builder", "Carol Guest", "bob@example.com",
                   "someone.else@example.com", other_customer.profile.national_id[-4:] + "\n"):
        assert leaked not in text


def test_unverified_address_does_not_reach_guest_rows(make_user, make_order, export_for, open_export):
    user = make_user(email="mallory@example.com", verified=False)
    victim_order = make_order(email="mallory@example.com", full_name="Real Owner")
    archive = open_export(export_for(user=user))
    assert victim_order.number not in archive.text()


def test_guest_export_has_guest_orders_only(customer, make_order, export_for, open_export):
    guest = make_order(email="guest.person@example.com")
    make_order(user=customer)
    export = export_for(email="Guest.Person@example.com")
    archive = open_export(export)
    assert [r["number"] for r in archive.source("shop_demo.order")["rows"]] == [guest.number]
    assert archive.source("auth.user")["count"] == 0
    assert export.user is None and export.email == "guest.person@example.com"


def test_subject_with_no_data_exports_empty_sections(db, export_for, open_export):
    export = export_for(email="nobody@example.com")
    data = open_export(export).json()
    jsonschema.validate(data, SCHEMA)
    own = {"privacy_center.export", "privacy_center.privacyevent"}  # the request itself is recorded
    assert all(s["count"] == 0 and s["rows"] == [] for s in data["sources"] if s["name"] not in own)
    assert all(s["count"] == len(s["rows"]) for s in data["sources"])


def test_second_request_while_pending_returns_the_first(customer):
    subject = Subject.for_user(customer)
    first, created = export_service.request_export(subject)  # not committed: the task has not run
    second, created_again = export_service.request_export(subject)
    assert created and not created_again
    assert first.pk == second.pk
    assert Export.objects.count() == 1


def test_ready_email_links_to_the_page_not_the_file(customer, export_for):
    export = export_for(user=customer)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ada@example.com"]
    assert f"/privacy/exports/{export.pk}/" in message.body
    assert export.file_name not in message.body
    html = message.alternatives[0][0]
    assert f"/privacy/exports/{export.pk}/" in html


def test_events_are_recorded(customer, export_for):
    export_for(user=customer)
    kinds = list(PrivacyEvent.objects.filter(subject_key=f"user:{customer.pk}").values_list("kind", flat=True))
    assert PrivacyEvent.Kind.EXPORT_REQUESTED in kinds and PrivacyEvent.Kind.EXPORT_READY in kinds


class ExplodingSource(BaseSource):
    name = "tests.exploding"
    label = "Exploding"
    category = Category.IDENTIFIERS
    calls = 0

    def fields(self):
        return []

    def count(self, subject):
        return 1

    def iter_rows(self, subject, chunk_size=2000):
        type(self).calls += 1
        raise RuntimeError("database on fire")
        yield {}  # pragma: no cover

    def page(self, subject, number, per_page):
        return []

    def preview(self, subject):
        raise NotImplementedError

    def erase(self, subject):
        raise NotImplementedError


def test_failing_source_is_retried_then_fails_the_export_naming_it(customer, caplog):
    from privacy_center import tasks

    ExplodingSource.calls = 0
    site.register(ExplodingSource)
    with TestCase.captureOnCommitCallbacks(execute=True):
        export, _ = export_service.request_export(Subject.for_user(customer))
    export.refresh_from_db()

    assert ExplodingSource.calls == tasks.EXPORT_MAX_RETRIES + 1
    assert export.status == Export.Status.FAILED
    assert "tests.exploding" in export.error
    assert export.file_name == ""
    storage = export_service.storage()
    assert not storage.exists("exports") or storage.listdir("exports")[1] == []
    assert any("tests.exploding" in r.getMessage() for r in caplog.records if r.levelname == "ERROR")
    assert PrivacyEvent.objects.filter(kind=PrivacyEvent.Kind.EXPORT_FAILED).exists()
    # A new request is possible after a failure.
    again, created = export_service.request_export(Subject.for_user(customer))
    assert created and again.pk != export.pk


def test_downloads_are_counted_and_expire(customer, export_for, settings):
    settings.PRIVACY_CENTER_EXPORT_MAX_DOWNLOADS = 2
    export = export_for(user=customer)
    for _ in range(2):
        export_service.open_download(export).close()
    export.refresh_from_db()
    assert export.downloads == 2 and not export.is_downloadable
    with pytest.raises(export_service.ExportUnavailable):
        export_service.open_download(export)
    assert PrivacyEvent.objects.filter(kind=PrivacyEvent.Kind.EXPORT_DOWNLOADED).count() == 2


def test_purge_deletes_expired_files(customer, export_for):
    export = export_for(user=customer)
    name = export.file_name
    assert export_service.storage().exists(name)
    assert export_service.purge_expired_exports() == 0
    Export.objects.filter(pk=export.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    from privacy_center.tasks import purge_expired_exports

    assert purge_expired_exports.delay().get() == 1
    export.refresh_from_db()
    assert export.status == Export.Status.EXPIRED and export.file_name == ""
    assert not export_service.storage().exists(name)


def test_expiry_defaults(settings, customer, export_for):
    export = export_for(user=customer)
    assert timedelta(hours=71, minutes=59) < export.expires_at - export.finished_at <= timedelta(hours=72)
    settings.PRIVACY_CENTER_EXPORT_EXPIRY_HOURS = 1
    Export.objects.all().delete()
    export = export_for(user=customer)
    assert export.expires_at - export.finished_at == timedelta(hours=1)


def test_beat_schedule_purges_exports(settings):
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "privacy_center.purge_expired_exports" in tasks


def test_export_queries_depend_on_sources_not_rows(make_user, make_order, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PRIVACY_CENTER_EXPORT_CHUNK_SIZE = 5  # many chunks for the heavy customer
    light, heavy = make_user(), make_user()
    make_order(user=light)
    for _ in range(12):
        make_order(user=heavy, lines=2)
    counts = []
    for user in (light, heavy):
        export, _ = export_service.request_export(Subject.for_user(user), enqueue=False)
        with CaptureQueriesContext(connection) as queries:
            export_service.build_export(export.pk)
        # Progress is written at most once a second, so on a slow machine a run may write it once: that is
        # time, not rows; every other statement is counted.
        counts.append(sum(1 for q in queries.captured_queries
                          if not (q["sql"].startswith("UPDATE") and '"progress" =' in q["sql"]
                                  and '"status"' not in q["sql"])))
    assert counts[0] == counts[1]


def _csv_by_field(archive, source: str) -> list[dict]:
    """The source's CSV rows keyed by field name: the CSV's header row holds the fields' labels (as data.json's
    ``fields`` give them, in the customer's language)."""
    labels = {"id": "Id", **{f["name"]: f["label"] for f in archive.source(source)["fields"]}}
    rows = list(csv.DictReader(io.StringIO(archive.read(f"csv/{source}.csv").decode())))
    assert rows and set(rows[0]) == set(labels.values())
    return [{name: row[label] for name, label in labels.items()} for row in rows]
