"""Writers for the parts of an export ZIP: data.json (streamed), CSV per source, index.html, manifest.

Everything is written incrementally: ``JsonExportWriter`` never holds more
than one chunk of rows, CSVs go to temporary files on local disk, and each
file's SHA-256 is computed while its bytes pass through ``HashingWriter``.

Both write a whole chunk at a time with C code doing the per-row work: the
JSON objects of a chunk are written column by column (see ``json_objects``);
a CSV chunk is written by
``csv.writer.writerows`` into a buffer, and cells that need defusing (see
``defuse_cell``) are looked for in the written text by one regular expression,
so only a chunk that has one pays for the cell-by-cell pass.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import operator
import re
import shutil
from collections.abc import Iterable, Sequence
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from typing import IO, Any

from django.template.loader import render_to_string

from ..declarations import SourceInfo
from ..values import csv_cell, json_default

SCHEMA_ID = "https://django-privacy-center.readthedocs.io/schemas/export-v1.json"
FORMAT_VERSION = 1

_encoder = json.JSONEncoder(ensure_ascii=False, default=json_default, separators=(",", ":"))
_JSON_BOOL = {True: "true", False: "false"}.__getitem__


def _json_values(column: Sequence[Any]) -> Iterable[str]:
    """Each value of a column as JSON text, exactly as ``_encoder`` writes it inside an object.

    All text, all integers or all booleans: one C function mapped over the column (``encode_basestring`` is the
    C encoder's own string function); anything else, value by value through ``_encoder``.
    """
    kinds = set(map(type, column))
    if len(kinds) == 1:
        kind = next(iter(kinds))
        if kind is str:
            return map(encode_basestring, column)
        if kind is int:
            return map(int.__repr__, column)
        if kind is bool:
            return map(_JSON_BOOL, column)
    if kinds == {str, type(None)}:
        return ["null" if v is None else encode_basestring(v) for v in column]
    return map(_encoder.encode, column)


def json_objects(keys: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """The rows as JSON objects ``{"key":value,...}`` separated by commas: the text of
    ``_encoder.encode([dict(zip(keys, row)) for row in rows])[1:-1]``, without a dict per row.

    Each column's values are encoded in one pass, then each row is one ``%`` of a template holding the keys.
    """
    if len(set(keys)) != len(keys):  # a repeated key: the last value wins, as in a dict
        return _encoder.encode([dict(zip(keys, row, strict=True)) for row in rows])[1:-1]
    template = "{" + ",".join(encode_basestring(k).replace("%", "%%") + ":%s" for k in keys) + "}"
    columns = [_json_values(column) for column in zip(*rows, strict=True)]
    return ",".join(map(template.__mod__, zip(*columns, strict=True)))


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
        body = json_objects(keys, rows)
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


# Where a cell written by ``csv.writer`` (excel dialect) can start: at the start of the text, or after a comma or
# a row's end, then either bare or after the opening quote of a quoted cell (a cell starting with "\r" is always
# quoted). No match in a chunk's text means no cell of it starts with one of ``_FORMULA_STARTS``; a match (also a
# negative number, or a comma and "=" inside a quoted cell) sends the chunk's text columns through ``defuse_cell``.
_FORMULA_AFTER_SEPARATOR = re.compile(r'[,\n](?:[=+\-@\t]|"[=+\-@\t\r])')
_FORMULA_CHARS = frozenset("".join(_FORMULA_STARTS))


def _needs_defusing(text: str) -> bool:
    return text[:1] in _FORMULA_CHARS or (text[:1] == '"' and text[1:2] in _FORMULA_CHARS) \
        or _FORMULA_AFTER_SEPARATOR.search(text) is not None


def _column_needs_defusing(column: Sequence[Any]) -> bool:
    """Whether a text cell of this column starts like a formula (a scan in C when the column is all text)."""
    kinds = set(map(type, column))
    if str not in kinds:
        return False
    if kinds <= {str, type(None)}:
        return not _FORMULA_CHARS.isdisjoint(map(operator.itemgetter(0), filter(None, column)))
    return any(defuse_cell(v) is not v for v in column)


def defused_rows(rows: Sequence[Sequence[Any]]) -> list[tuple[Any, ...]]:
    """The rows with ``defuse_cell`` applied, column by column: only columns holding such a cell are rewritten."""
    columns = list(zip(*rows, strict=True))
    for i, column in enumerate(columns):
        if _column_needs_defusing(column):
            columns[i] = tuple(map(defuse_cell, column))
    return list(zip(*columns, strict=True))


class CsvSourceWriter:
    """One source's CSV in a temporary file: a header row of the fields' labels (in the reader's language, as on
    index.html; data.json has the stable field names), then the rows.

    Text cells that a spreadsheet would evaluate (``=HYPERLINK(...)``) are written with a leading ``'``.
    """

    def __init__(self, tmp: IO[bytes], columns: Sequence[str], json_columns: Sequence[int]):
        self.tmp = tmp
        self.buffer = io.StringIO()
        self.writer = csv.writer(self.buffer)
        self.json_columns = list(json_columns)
        self._write([columns])

    def write_rows(self, rows: Sequence[Sequence[Any]]) -> None:
        if self.json_columns:
            rows = [self._json_cells(row) for row in rows]
        self._write(rows)

    def _write(self, rows: Sequence[Sequence[Any]]) -> None:
        buffer = self.buffer
        buffer.seek(0)
        buffer.truncate()
        self.writer.writerows(rows)
        text = buffer.getvalue()
        if _needs_defusing(text):
            buffer.seek(0)
            buffer.truncate()
            self.writer.writerows(defused_rows(rows))
            text = buffer.getvalue()
        self.tmp.write(text.encode())

    def _json_cells(self, row: Sequence[Any]) -> list[Any]:
        values = list(row)
        for i in self.json_columns:
            values[i] = csv_cell(values[i])
        return values

    def copy_to(self, target: IO[bytes]) -> tuple[str, int]:
        """Copy the finished CSV into ``target``; return its SHA-256 and size."""
        self.tmp.seek(0)
        hashing = HashingWriter(target)
        shutil.copyfileobj(self.tmp, hashing, 1024 * 1024)
        return hashing.hexdigest, hashing.size

    def close(self) -> None:
        self.tmp.close()


def render_index(context: dict[str, Any]) -> bytes:
    """The human-readable ``index.html``: supplementary information first, then a preview of each source."""
    return render_to_string("privacy_center/exports/archive_index.html", context).encode()


def render_manifest(manifest: dict[str, Any]) -> bytes:
    return json.dumps(manifest, ensure_ascii=False, indent=2, default=json_default).encode()
