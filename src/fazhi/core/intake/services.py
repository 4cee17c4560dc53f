"""Running an import: store the file, check and validate every row, write, audit once.

A run has two phases. Checking (reading, validating, resolving references, finding existing
records) happens outside any transaction, with progress written to the job. Writing happens in
one transaction, with per-row model audit switched off: the whole import is one audit event
carrying the file's digest, row count and changes. Progress during writing goes to the cache,
because the job row's own updates are invisible to other connections until the commit.
"""

from __future__ import annotations

import io
import logging
import time
from datetime import date
from typing import IO, Any

from auditlog.context import disable_auditlog
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from fazhi.core.integrity.audit import file_digest, record_bulk_import

from .choices import ImportMode, ImportStatus
from .excel import FileRefused, Table, build_table, check_upload, error_workbook, read_sheet
from .models import ImportJob
from .specs import REGISTRY, Context, ImportSpec, Outcome

log = logging.getLogger(__name__)
# The job page lists errors up to this many; the error workbook always has all of them.
MAX_STORED_ERRORS = 20_000
_PROGRESS_EVERY = 0.5  # seconds between progress writes


def progress_key(job_id: int) -> str:
    return f"intake:progress:{job_id}"


def create_job(
    spec: str,
    *,
    department: Any,
    upload: IO[bytes],
    file_name: str,
    actor: Any = None,
    mode: str = ImportMode.ALL_OR_NOTHING,
    valid_from: date | None = None,
    reason: str = "",
) -> ImportJob:
    """Check the upload, keep it with its SHA-256 and queue nothing yet (see ``enqueue``).

    Raises ``FileRefused`` for a file that is not a plausible .xlsx; nothing is stored then.
    """
    if spec not in REGISTRY:
        raise FileRefused(f"不支持导入“{spec}”。")
    data = upload.read()
    check_upload(file_name, len(data), io.BytesIO(data))
    job = ImportJob(
        spec=spec,
        department=department,
        created_by=actor,
        file_name=file_name[:255],
        sha256=file_digest(data),
        size=len(data),
        mode=mode,
        valid_from=valid_from,
        reason=reason,
    )
    job.file.save(file_name[-100:], ContentFile(data), save=False)
    job.save()
    return job


def enqueue(job: ImportJob) -> None:
    """Run the job on a worker once the job row is committed (at once outside a transaction)."""
    from .tasks import run_import

    transaction.on_commit(lambda: run_import.delay(job.pk))


class _Progress:
    """Progress of a run: to the cache always, to the job row only outside the transaction."""

    def __init__(self, job: ImportJob) -> None:
        self.job = job
        self.phase = ImportStatus.CHECKING
        self.total = 0
        self.last = 0.0

    def __call__(self, done: int, *, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self.last < _PROGRESS_EVERY:
            return
        self.last = now
        cache.set(progress_key(self.job.pk), (str(self.phase), done, self.total), 3600)
        if not transaction.get_connection().in_atomic_block:
            ImportJob.objects.filter(pk=self.job.pk).update(
                status=self.phase, rows_done=done, total_rows=self.total
            )


def read_progress(job: ImportJob) -> tuple[str, int, int]:
    """(status, rows done, rows in this phase) as fresh as anything knows it."""
    if not job.finished:
        cached = cache.get(progress_key(job.pk))
        if cached:
            return cached[0], cached[1], cached[2]
    return job.status, job.rows_done, job.total_rows


def _finish(job: ImportJob, status: str, **fields: Any) -> ImportJob:
    for name, value in fields.items():
        setattr(job, name, value)
    job.status = status
    job.finished_at = timezone.now()
    job.save()
    cache.delete(progress_key(job.pk))
    return job


def _store_errors(job: ImportJob, table: Table, spec: ImportSpec) -> None:
    errors = table.row_errors()
    job.error_total = len(errors)
    job.bad_rows = len(table.bad)
    job.errors = [e.as_list() for e in errors[:MAX_STORED_ERRORS]]
    if errors:
        if job.error_file:  # stored before the write found more
            job.error_file.delete(save=False)
        data = error_workbook(table, spec.label)
        stem = job.file_name.rsplit(".", 1)[0][:60]
        job.error_file.save(f"{stem}-错误行.xlsx", ContentFile(data), save=False)


class _Rejected(Exception):
    """The write found new row errors in all-or-nothing mode: roll back, write nothing."""


def _rejected(job: ImportJob, table: Table) -> ImportJob:
    return _finish(
        job,
        ImportStatus.REJECTED,
        rows_done=len(table),
        message=(
            f"共 {len(table):,} 行，其中 {len(table.bad):,} 行有错误，未写入任何数据。"
            "请按错误原因修改后重新导入（可直接修改下载的错误行文件）。"
        ),
    )


def run(job_id: int) -> ImportJob:
    """Run one import to its end; the job says how it ended (it never raises for bad data)."""
    # The job is fetched by its id for the worker, not listed for anyone: no scope applies.
    job = ImportJob.objects.select_related("department", "created_by").get(pk=job_id)
    if job.finished:
        return job
    # Claim the job: of two workers handed the same job (a redelivered task), one runs it.
    claimed = ImportJob.objects.filter(pk=job.pk, status=ImportStatus.PENDING).update(
        status=ImportStatus.CHECKING, updated_at=timezone.now()
    )
    if not claimed:
        return job
    job.status = ImportStatus.CHECKING
    spec = REGISTRY[job.spec]
    progress = _Progress(job)
    try:
        with job.file.open("rb") as fh:
            rows = read_sheet(fh, prefer=spec.label)
        progress.total = max(len(rows) - 1, 0)
        progress(0, force=True)
        table = build_table(rows, spec.columns, spec.label, needed=spec.needed, progress=progress)
        del rows
        job.total_rows = progress.total = len(table)
        ctx = Context(
            job=job,
            actor=job.created_by,
            department=job.department,
            allowed=None if job.created_by_id is None else {job.department_id},
            valid_from=job.valid_from or timezone.localdate(),
            reason=job.reason,
            progress=progress,
        )
        plan = spec.prepare(table, ctx)
        progress(len(table), force=True)
        _store_errors(job, table, spec)
        if table.errors and job.mode == ImportMode.ALL_OR_NOTHING:
            return _rejected(job, table)
        progress.phase = ImportStatus.WRITING
        progress.total = len(table) - len(table.bad)
        progress(0, force=True)
        found = len(table.errors)
        try:
            outcome = _write(job, spec, plan, table, ctx)
        except _Rejected:
            _store_errors(job, table, spec)
            return _rejected(job, table)
        if len(table.errors) > found:
            _store_errors(job, table, spec)
    except FileRefused as exc:
        return _finish(job, ImportStatus.REFUSED, message=exc.reason)
    except Exception as exc:
        log.exception("import %s failed", job.pk)
        return _finish(
            job,
            ImportStatus.FAILED,
            message=f"导入时发生系统错误，未写入任何数据（{type(exc).__name__}: {exc}）。",
        )
    skipped = len(table.bad)
    return _finish(
        job,
        ImportStatus.DONE,
        rows_done=len(table),
        created=outcome.created,
        updated=outcome.updated,
        unchanged=outcome.unchanged,
        missing=outcome.missing,
        message=(
            f"新增 {outcome.created:,} 条，修改 {outcome.updated:,} 条，"
            f"未变化 {outcome.unchanged:,} 条"
            + (f"；{skipped:,} 行有错误未导入，见错误行文件" if skipped else "")
            + (
                f"；文件中缺少 {len(outcome.missing):,} 个原有事项（未删除）"
                if outcome.missing
                else ""
            )
            + "。"
        ),
    )


def _write(job: ImportJob, spec: ImportSpec, plan: Any, table: Table, ctx: Context) -> Outcome:
    # One transaction: a database error leaves nothing half-written. Per-row model audit is
    # off (it would be one entry per row); the import itself is the one audit event.
    with transaction.atomic(), disable_auditlog():
        # What was checked outside the transaction is checked again under it (an item may
        # have been transferred to another department meanwhile).
        found = len(table.errors)
        spec.recheck(plan, table, ctx)
        if len(table.errors) > found and job.mode == ImportMode.ALL_OR_NOTHING:
            raise _Rejected
        outcome = spec.write(plan, table, ctx)
        record_bulk_import(
            spec.audit_label,
            rows=len(table),
            digest=job.sha256,
            source=f"intake:{job.spec}:{job.pk}:{job.file_name}"[:300],
            staff=job.created_by,
            changes={**outcome.audit(), "bad_rows": len(table.bad), "mode": job.mode},
        )
    return outcome
