"""The import job on a worker (eager under test and with FAZHI_TASKS_EAGER)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="fazhi.core.intake.tasks.run_import")
def run_import(job_id: int) -> str:
    from .services import run

    return str(run(job_id).status)
