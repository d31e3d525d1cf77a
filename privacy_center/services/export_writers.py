"""Writers for the parts of an export ZIP: data.json (streamed), CSV per source, index.html, manifest.

Everything is written incrementally: ``JsonExportWriter`` never holds more
than one chunk of rows, CSVs go to temporary files on local disk, and each
file's SHA-256 is computed while its bytes pass through ``HashingWriter``.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
from collections.abc import Sequence
from typing import IO, Any

from django.template.loader import render_to_string

from ..declarations import SourceInfo
from ..values import csv_cell, json_default

SCHEMA_ID = "https://django-privacy-center.readthedocs.io/schemas/export-v1.json"
FORMAT_VERSION = 1

_encoder = json.JSONEncoder(ensure_ascii=False, default=json_default, separators=(",", ":"))


class HashingWriter(io.RawIOBase):
    """A binary stream that counts and hashes what passes through to ``target``."""

    def __init__(self, target: IO[bytes]) -> None:
        self.target = target
        self.sha256 = hashlib.sha256()
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.sha256.update(data)
        self.size += len(data)
        self.target.write(data)
        return len(data)

    @property
    def hexdigest(self) -> str:
        return self.sha256.hexdigest()


def source_header(info: SourceInfo) -> dict[str, Any]:
    """A source's description in data.json and the manifest (everything but the rows)."""
    return {
        "name": info.name,
        "label": info.label,
        "description": info.description,
        "category": info.category,
        "category_label": info.category_label,
        "purposes": info.purposes,
        "legal_basis": info.legal_basis,
        "legal_basis_label": info.legal_basis_label,
        "retention": info.retention,
        "retention_reason": info.retention_reason,
        "recipients": info.recipients,
        "origin": info.origin,
        "fields": [
            {"name": f.name, "label": f.label, "type": f.type, "masked": f.masked} for f in info.fields
        ],
    }


class JsonExportWriter:
    """Streams ``data.json``: a header, then each source's rows chunk by chunk.

    The document is ``{"$schema", "format_version", "generated_at", "subject",
    "controller", "sources": [{...header, "rows": [...], "count": n}]}``;
    ``count`` comes after the rows because it is known only then.
    """

    def __init__(self, stream: IO[bytes], *, header: dict[str, Any]) -> None:
        self.stream = stream
        self._first_source = True
        self._first_row = True
        head = {"$schema": SCHEMA_ID, "format_version": FORMAT_VERSION, **header}
        self._write(_encoder.encode(head)[:-1] + ',"sources":[')

    def _write(self, text: str) -> None:
        self.stream.write(text.encode())

    def begin_source(self, info: SourceInfo) -> None:
        prefix = "" if self._first_source else ","
        self._first_source = False
        self._first_row = True
        self._write(prefix + _encoder.encode(source_header(info))[:-1] + ',"rows":[')

    def write_rows(self, keys: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        body = _encoder.encode([dict(zip(keys, row, strict=True)) for row in rows])[1:-1]
        self._write(body if self._first_row else "," + body)
        self._first_row = False

    def end_source(self, count: int) -> None:
        self._write(f'],"count":{count}}}')

    def close(self) -> None:
        self._write("]}")


# A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def defuse_cell(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula, prefixed with ``'`` so it is shown as text.

    Only the CSVs get this: data.json keeps every value exactly as stored.
    """
    if value.__class__ is str and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


class CsvSourceWriter:
    """One source's CSV in a temporary file: a header row of the fields' labels (in the reader's language, as on
    index.html; data.json has the stable field names), then the rows.

    Text cells that a spreadsheet would evaluate (``=HYPERLINK(...)``) are written with a leading ``'``.
    """

    def __init__(self, tmp: IO[bytes], columns: Sequence[str], json_columns: Sequence[int]):
        self.tmp = tmp
        self.text = io.TextIOWrapper(tmp, encoding="utf-8", newline="", write_through=False)
        self.writer = csv.writer(self.text)
        self.json_columns = list(json_columns)
        self.writer.writerow(columns)

    def write_rows(self, rows: Sequence[Sequence[Any]]) -> None:
        self.writer.writerows([self._cells(row) for row in rows])

    def _cells(self, row: Sequence[Any]) -> list[Any]:
        values = list(row)
        for i in self.json_columns:
            values[i] = csv_cell(values[i])
        return [defuse_cell(v) for v in values]

    def copy_to(self, target: IO[bytes]) -> tuple[str, int]:
        """Copy the finished CSV into ``target``; return its SHA-256 and size."""
        self.text.flush()
        self.tmp.seek(0)
        hashing = HashingWriter(target)
        shutil.copyfileobj(self.tmp, hashing, 1024 * 1024)
        return hashing.hexdigest, hashing.size

    def close(self) -> None:
        self.text.detach()
        self.tmp.close()


def render_index(context: dict[str, Any]) -> bytes:
    """The human-readable ``index.html``: supplementary information first, then a preview of each source."""
    return render_to_string("privacy_center/exports/archive_index.html", context).encode()


def render_manifest(manifest: dict[str, Any]) -> bytes:
    return json.dumps(manifest, ensure_ascii=False, indent=2, default=json_default).encode()
