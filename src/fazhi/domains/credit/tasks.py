from __future__ import annotations

from celery import shared_task


@shared_task(name="fazhi.domains.credit.tasks.expire_records")
def expire_records() -> int:
    """Daily: credit records past their longest publication period stop (on that very day)."""
    from .records import expire_records as expire

    return expire()
