from __future__ import annotations

from celery import shared_task


@shared_task(name="fazhi.domains.enforcement.tasks.escalate_hotline_orders")
def escalate_hotline_orders() -> int:
    """Hourly: hotline work orders past their reply deadline become overdue, supervisors told."""
    from .hotline import escalate_overdue

    return escalate_overdue()
