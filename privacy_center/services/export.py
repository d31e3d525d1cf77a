"""Exports: request one, build the ZIP source by source, serve downloads, expire them.

The only code that changes ``Export`` rows. Pages, the API, the command and
the task all call these functions, so each path records the same events and
sends the same signals.

Building (``build_export``) writes to a temporary file on local disk, then
saves the finished ZIP to the private storage under a random name; a failure
at any point leaves no file behind. A source that raises becomes an
``ExportSourceError`` naming it; the task retries and finally calls
``fail_export``.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import tempfile
import time
import zipfile
from collections.abc import Callable
from contextlib import contextmanager
from datetime import timedelta
from typing import IO, Any, cast

from django.core.files import File
from django.core.files.storage import storages
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ..adapter import get_adapter
from ..app_settings import app_settings
from ..celery import enqueue_on_commit
from ..models import Export, PrivacyEvent
from ..registry import site
from ..signals import subject_exported
from ..sources import BaseSource
from ..subjects import Subject
from ..tokens import make_export_token
from . import export_writers as writers
from .language import language_of, written_in
from .timeline import record_event

logger = logging.getLogger("privacy_center.export")

ZIP_COMPRESSLEVEL = 1


class ExportError(Exception):
    """Building an export failed; ``source`` names the section when one was at fault."""

    def __init__(self, message: str, source: str = "") -> None:
        super().__init__(message)
        self.source = source


class ExportSourceError(ExportError):
    pass


class ExportUnavailable(Exception):
    """The export cannot be downloaded (expired, used up, not ready)."""


def storage():
    return storages[app_settings.STORAGE_ALIAS]


def subject_of(export: Export) -> Subject:
    if export.user_id is not None:
        return Subject.for_user(export.user)
    return Subject.for_email(export.email)


# -- requesting ------------------------------------------------------------------

def active_export(subject: Subject) -> Export | None:
    """The subject's export in progress; one stuck waiting to start is failed first and never blocks."""
    fail_stuck_exports(subject_key=subject.key)
    return Export.objects.filter(subject_key=subject.key, status__in=Export.ACTIVE).first()


def fail_stuck_exports(subject_key: str | None = None) -> int:
    """Mark failed the exports still waiting to start after ``EXPORT_START_TIMEOUT_MINUTES``.

    A task that was never sent (no broker, no worker) or lost leaves its export
    "Waiting to start"; the subject is told it failed and can ask again.
    """
    cutoff = timezone.now() - timedelta(minutes=app_settings.EXPORT_START_TIMEOUT_MINUTES)
    stuck = Export.objects.filter(status=Export.Status.PENDING, created_at__lt=cutoff)
    if subject_key is not None:
        stuck = stuck.filter(subject_key=subject_key)
    failed = 0
    for export_id in list(stuck.values_list("pk", flat=True)):
        fail_export(export_id, ExportError(_("It did not start in time; please ask for a new copy.")))
        failed += 1
    return failed


def request_export(subject: Subject, *, actor=None, method: str = "web", enqueue: bool = True) -> tuple[Export, bool]:
    """Start an export for the subject, or return the one already pending or running.

    Returns ``(export, created)``. The task is enqueued after the transaction
    commits, so it never starts before its row exists; ``enqueue=False`` leaves
    building to the caller (the management command builds in-process).
    """
    existing = active_export(subject)
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            export = Export.objects.create(
                user=subject.user, email="" if subject.user is not None else (subject.email or ""),
                subject_key=subject.key,
            )
            record_event(subject, PrivacyEvent.Kind.EXPORT_REQUESTED, _("Copy of your data requested"),
                         method=method, data={"export": str(export.pk)}, actor=actor)
    except IntegrityError:  # a concurrent request won the race (one active export per subject)
        existing = active_export(subject)
        if existing is None:
            raise
        return existing, False
    if enqueue:
        export_id = str(export.pk)
        enqueue_on_commit("privacy_center.build_export", export_id,
                          on_failure=lambda exc: fail_export(export_id, ExportError(_("It could not be started."))))
    return export, True


# -- building --------------------------------------------------------------------

def _set_progress(export_id, **fields) -> None:
    Export.objects.filter(pk=export_id).update(**fields)


def build_export(export_id) -> Export | None:
    """Build the export's ZIP and store it; ``None`` when there is nothing to do.

    Safe to run twice (a redelivered task): a finished export is left alone.
    """
    started = Export.objects.filter(pk=export_id, status__in=Export.ACTIVE).update(
        status=Export.Status.RUNNING, progress=0, current_source="", error=""
    )
    if not started:
        return None
    export = Export.objects.select_related("user").get(pk=export_id)
    subject = subject_of(export)
    # index.html, the CSV headers and the labels in data.json are in the subject's language, whatever the
    # worker's (data.json's keys are field names, the same in every language).
    with tempfile.TemporaryFile(prefix="privacy-export-") as tmp, written_in(language_of(subject)):
        manifest = write_archive(subject, tmp, export_id=str(export.pk),
                                 on_progress=lambda **kw: _set_progress(export.pk, **kw))
        tmp.seek(0)
        digest, size = _hash_file(tmp)
        tmp.seek(0)
        name = storage().save(f"exports/{secrets.token_urlsafe(32)}.zip", File(tmp))
    now = timezone.now()
    try:
        updated = Export.objects.filter(pk=export.pk, status=Export.Status.RUNNING).update(
            status=Export.Status.READY, progress=100, current_source="", file_name=name, size=size,
            sha256=digest, finished_at=now, expires_at=now + timedelta(hours=app_settings.EXPORT_EXPIRY_HOURS),
        )
    except Exception:
        storage().delete(name)
        raise
    if not updated:  # cancelled or failed meanwhile: keep no file
        storage().delete(name)
        return None
    export.refresh_from_db()
    record_event(subject, PrivacyEvent.Kind.EXPORT_READY, _("Copy of your data is ready"),
                 method="task", data={"export": str(export.pk), "sha256": digest, "size": size,
                                      "rows": {s["name"]: s["rows"] for s in manifest["sources"]}})
    subject_exported.send(sender=Export, subject=subject, export=export)
    notify_ready(export, subject)
    logger.info("Export %s ready: %s bytes", export.pk, size)
    return export


def _hash_file(fileobj: IO[bytes]) -> tuple[str, int]:
    sha, size = hashlib.sha256(), 0
    while block := fileobj.read(1024 * 1024):
        sha.update(block)
        size += len(block)
    return sha.hexdigest(), size


def write_archive(
    subject: Subject,
    target: IO[bytes],
    *,
    export_id: str = "",
    sources: list[BaseSource] | None = None,
    on_progress: Callable[..., Any] | None = None,
) -> dict[str, Any]:
    """Write the ZIP for ``subject`` into the binary file ``target``; return the manifest.

    Each source is read once: its chunks go both to data.json (streamed into
    the ZIP) and to a CSV in a temporary file, copied into the ZIP afterwards.
    """
    sources = list(site) if sources is None else sources
    chunk_size = app_settings.EXPORT_CHUNK_SIZE
    progress = _Progress(sources, subject, on_progress)
    generated_at = timezone.now()
    header = {
        "generated_at": generated_at.isoformat(),
        "export_id": export_id,
        "subject": {"user_id": getattr(subject.user, "pk", None), "emails": sorted(subject.emails)},
        "controller": app_settings.CONTROLLER,
    }
    sections: list[dict[str, Any]] = []
    files: list[dict[str, Any]] = []
    csvs: list[tuple[str, writers.CsvSourceWriter]] = []
    try:
        with _plan_for_all_rows(), \
                zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=ZIP_COMPRESSLEVEL) as archive:
            with archive.open("data.json", "w", force_zip64=True) as entry:
                hashing = writers.HashingWriter(entry)
                data = writers.JsonExportWriter(cast(IO[bytes], hashing), header=header)
                for source in sources:
                    section, csv_writer = _write_source(source, subject, data, chunk_size, progress)
                    sections.append(section)
                    csvs.append((section["file"], csv_writer))
                data.close()
            files.append({"name": "data.json", "sha256": hashing.hexdigest, "size": hashing.size})
            for name, csv_writer in csvs:
                with archive.open(name, "w", force_zip64=True) as entry:
                    digest, size = csv_writer.copy_to(entry)
                files.append({"name": name, "sha256": digest, "size": size})
            index = writers.render_index({
                "generated_at": generated_at, "subject": subject, "controller": app_settings.CONTROLLER,
                "sections": sections, "preview_rows": INDEX_PREVIEW_ROWS,
            })
            archive.writestr("index.html", index)
            files.append({"name": "index.html", "sha256": hashlib.sha256(index).hexdigest(), "size": len(index)})
            manifest = {
                "format_version": writers.FORMAT_VERSION,
                "export_id": export_id,
                "generated_at": generated_at.isoformat(),
                "sources": [{"name": s["name"], "label": s["label"], "rows": s["rows"], "file": s["file"]}
                            for s in sections],
                "files": files,
            }
            archive.writestr("manifest.json", writers.render_manifest(manifest))
    finally:
        for _name, csv_writer in csvs:
            csv_writer.close()
    return manifest


INDEX_PREVIEW_ROWS = 100


@contextmanager
def _plan_for_all_rows():
    """On PostgreSQL, plan the export's cursors for reading every row.

    Server-side cursors are planned for the first 10% of rows by default
    (``cursor_tuple_fraction``), which picks nested loops that are fast to
    start and very slow to finish (measured: 6.6 s instead of 0.1 s for 40k
    order lines). An export reads everything, so it says so.
    """
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET cursor_tuple_fraction = 1.0")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET cursor_tuple_fraction")


def _write_source(source: BaseSource, subject: Subject, data: writers.JsonExportWriter, chunk_size: int,
                  progress: _Progress) -> tuple[dict[str, Any], writers.CsvSourceWriter]:
    info = source.describe()
    keys = ["id", *(f.name for f in info.fields)]
    columns = [str(_("Id")), *(str(f.label) for f in info.fields)]  # the reader's language, as on index.html
    json_columns = [i for i, f in enumerate(info.fields, start=1) if f.type == "json"]
    csv_writer = writers.CsvSourceWriter(tempfile.TemporaryFile(prefix="privacy-export-csv-"), columns,
                                         json_columns)
    progress.begin(source)
    data.begin_source(info)
    count, preview = 0, cast(list[Any], [])
    try:
        for chunk in source.iter_chunks(subject, chunk_size):
            data.write_rows(keys, chunk)
            csv_writer.write_rows(chunk)
            if len(preview) < INDEX_PREVIEW_ROWS:
                preview.extend(chunk[: INDEX_PREVIEW_ROWS - len(preview)])
            count += len(chunk)
            progress.advance(len(chunk))
    except Exception as exc:
        csv_writer.close()
        raise ExportSourceError(f"{source.name}: {type(exc).__name__}", source=source.name) from exc
    data.end_source(count)
    section = {**writers.source_header(info), "info": info, "rows": count, "preview": preview,
               "file": f"csv/{source.name}.csv", "columns": columns}
    return section, csv_writer


PROGRESS_INTERVAL_SECONDS = 1.0


class _Progress:
    """Progress 0-99, weighted by row counts (one COUNT per source), written at most once a second.

    Each write is a committed UPDATE (on SQLite a synced journal, 10-30 ms on a busy disk), and the page asks
    for the progress every 1.5 s: writing it as each of the 35 sources started cost more than reading a heavy
    customer's data. It is written when a source starts or a chunk is done and a second has passed since the
    last write, so a long export moves within a large source too, a short one writes none, and the number of
    queries never depends on the number of rows (at most one a second).
    """

    def __init__(self, sources: list[BaseSource], subject: Subject, callback: Callable[..., Any] | None) -> None:
        self.callback = callback
        self.done = 0
        self.total = 0
        self.label = ""
        self.written_at = time.monotonic()
        if callback is not None:
            for source in sources:
                try:
                    self.total += source.count(subject)
                except Exception as exc:
                    raise ExportSourceError(f"{source.name}: {type(exc).__name__}", source=source.name) from exc

    def _percent(self) -> int:
        return min(99, int(99 * self.done / self.total)) if self.total else 0

    def _write(self) -> None:
        if self.callback is not None and time.monotonic() - self.written_at >= PROGRESS_INTERVAL_SECONDS:
            self.callback(progress=self._percent(), current_source=self.label)
            self.written_at = time.monotonic()

    def begin(self, source: BaseSource) -> None:
        self.label = str(source.label)[:100]
        self._write()

    def advance(self, rows: int) -> None:
        self.done += rows
        self._write()


def fail_export(export_id, error: Exception) -> None:
    """Mark the export failed after its last retry, naming the section; no file is kept."""
    source = getattr(error, "source", "")
    message = (_("The section “%(source)s” could not be exported.") % {"source": source}) if source else \
        _("The copy could not be built.")
    Export.objects.filter(pk=export_id).exclude(status=Export.Status.READY).update(
        status=Export.Status.FAILED, error=f"{message} ({error})"[:2000], current_source=source[:100],
        finished_at=timezone.now(),
    )
    logger.error("Export %s failed in source %r", export_id, source or "-", exc_info=error)
    export = Export.objects.select_related("user").filter(pk=export_id).first()
    if export is not None:
        record_event(subject_of(export), PrivacyEvent.Kind.EXPORT_FAILED, _("Copy of your data failed"),
                     method="task", data={"export": str(export_id), "source": source})


def note_retry(export_id, error: Exception) -> None:
    """A try failed and the task will run again: show it as waiting, with the reason."""
    Export.objects.filter(pk=export_id, status=Export.Status.RUNNING).update(
        status=Export.Status.PENDING, error=str(error)[:2000]
    )
    logger.warning("Export %s will be retried: %s", export_id, error)


# -- telling the subject ------------------------------------------------------------

def download_page_url(export: Export) -> str:
    """Where the e-mail sends the subject: the page, never the file."""
    if export.user_id is not None:
        return reverse("privacy_center:export_detail", args=[export.pk])

    return reverse("privacy_center:export_guest", args=[make_export_token(export)])


def notify_ready(export: Export, subject: Subject) -> None:
    to = subject.contact_email
    if not to:
        return
    adapter = get_adapter()
    adapter.send_mail("privacy_center/emails/export_ready", to, {
        "export": export,
        "url": adapter.build_absolute_uri(None, download_page_url(export)),
        "expiry_hours": app_settings.EXPORT_EXPIRY_HOURS,
        "max_downloads": app_settings.EXPORT_MAX_DOWNLOADS,
        "controller": app_settings.CONTROLLER,
    }, language=language_of(subject))


# -- downloading and expiry ---------------------------------------------------------

def open_download(export: Export, *, actor=None, method: str = "web") -> IO[bytes]:
    """Count one download and open the file; ``ExportUnavailable`` when it may not be served."""
    now = timezone.now()
    counted = Export.objects.filter(
        Q(expires_at__isnull=True) | Q(expires_at__gt=now), pk=export.pk, status=Export.Status.READY,
        downloads__lt=app_settings.EXPORT_MAX_DOWNLOADS,
    ).exclude(file_name="").update(downloads=F("downloads") + 1)
    if not counted:
        raise ExportUnavailable(export.pk)
    export.refresh_from_db(fields=["downloads", "file_name"])
    try:
        handle = storage().open(export.file_name, "rb")
    except FileNotFoundError:
        Export.objects.filter(pk=export.pk).update(status=Export.Status.EXPIRED, file_name="")
        raise ExportUnavailable(export.pk) from None
    record_event(subject_of(export), PrivacyEvent.Kind.EXPORT_DOWNLOADED, _("Copy of your data downloaded"),
                 method=method, actor=actor, data={"export": str(export.pk), "download": export.downloads})
    logger.info("Export %s downloaded (%s of %s)", export.pk, export.downloads, app_settings.EXPORT_MAX_DOWNLOADS)
    return handle


def download_filename(export: Export) -> str:
    return f"my-data-{export.created_at:%Y-%m-%d}.zip"


def expire_export(export: Export) -> None:
    if export.file_name:
        storage().delete(export.file_name)
    Export.objects.filter(pk=export.pk).update(status=Export.Status.EXPIRED, file_name="")


def purge_expired_exports() -> int:
    """Delete the files of exports past their time or downloads and mark them expired; fail stuck ones."""
    fail_stuck_exports()
    now = timezone.now()
    stale = Export.objects.filter(status=Export.Status.READY).filter(
        Q(expires_at__lte=now) | Q(downloads__gte=app_settings.EXPORT_MAX_DOWNLOADS)
    )
    purged = 0
    for export in stale.iterator():
        expire_export(export)
        purged += 1
    if purged:
        logger.info("Purged %s expired exports", purged)
    return purged
