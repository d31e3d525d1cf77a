"""``manage.py privacy_export``."""

from __future__ import annotations

import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from privacy_center.models import Export, PrivacyEvent


def test_output_path_writes_the_zip(customer, make_order, tmp_path, capsys):
    order = make_order(user=customer)
    target = tmp_path / "ada.zip"
    call_command("privacy_export", "--user", str(customer.pk), "--output", str(target))
    with zipfile.ZipFile(target) as archive:
        assert order.number.encode() in archive.read("data.json")
        assert {"index.html", "manifest.json"} <= set(archive.namelist())
    assert "shop_demo.order: 1" in capsys.readouterr().out
    assert not Export.objects.exists()
    assert PrivacyEvent.objects.filter(kind=PrivacyEvent.Kind.EXPORT_READY, method="command").exists()


def test_without_output_stores_an_export(make_order, db, capsys):
    make_order(email="guest@example.com")
    call_command("privacy_export", "--email", "guest@example.com")
    export = Export.objects.get()
    assert export.status == Export.Status.READY and export.email == "guest@example.com"
    assert str(export.pk) in capsys.readouterr().out


def test_bad_arguments(db):
    with pytest.raises(CommandError, match="No user"):
        call_command("privacy_export", "--user", "999999")
    with pytest.raises(CommandError):
        call_command("privacy_export", "--email", "nonsense")
    with pytest.raises(CommandError):
        call_command("privacy_export")
