from __future__ import annotations

from celery import shared_task


@shared_task(name="fazhi.core.casework.tasks.notify_deadlines")
def notify_deadlines() -> int:
    """Hourly: approaching and overdue deadlines become notifications for the staff concerned."""
    from .workbench import notify_deadlines as notify

    return notify()


@shared_task(name="fazhi.core.casework.tasks.recompute_provisional")
def recompute_provisional() -> int:
    """Daily: recompute provisional deadlines, in case a holiday change was missed by a crash."""
    from .deadlines import recompute_for_years

    return recompute_for_years([])


@shared_task(name="fazhi.core.casework.tasks.record_lapses")
def record_lapses() -> int:
    """Hourly: record, once, the legal consequence of deadlines that lapsed (e.g. 视为受理)."""
    from .deadlines import record_lapses as run

    return run()
