from __future__ import annotations

import io
import json
import zipfile

import pytest


class Archive:
    """An export ZIP opened for assertions."""

    def __init__(self, data: bytes):
        self.raw = data
        self.zip = zipfile.ZipFile(io.BytesIO(data))

    @property
    def names(self) -> list[str]:
        return self.zip.namelist()

    def read(self, name: str) -> bytes:
        return self.zip.read(name)

    def json(self, name: str = "data.json"):
        return json.loads(self.read(name))

    def source(self, name: str) -> dict:
        return next(s for s in self.json()["sources"] if s["name"] == name)

    def text(self) -> str:
        return "\n".join(self.read(n).decode() for n in self.names)


@pytest.fixture
def open_export():
    """``open_export(export)``: the stored ZIP of a ready export."""
    from privacy_center.services.export import storage

    def do(export):
        export.refresh_from_db()
        with storage().open(export.file_name, "rb") as handle:
            return Archive(handle.read())

    return do


@pytest.fixture
def export_for(db):
    """``export_for(user=None, email=None)``: request and (eagerly) build an export; the Export."""
    from django.test import TestCase

    from privacy_center.services.export import request_export
    from privacy_center.subjects import Subject

    def do(user=None, email=None):
        subject = Subject.for_user(user) if user is not None else Subject.for_email(email)
        with TestCase.captureOnCommitCallbacks(execute=True):
            export, _created = request_export(subject)
        export.refresh_from_db()
        return export

    return do
