from __future__ import annotations

from datetime import date

from celery import shared_task


@shared_task(name="fazhi.core.clock.tasks.compute_due")
def compute_due(start: str, amount: int, unit: str) -> dict[str, object]:
    """Compute a due date in the background (used by bulk recomputation and the job test)."""
    from .periods import Period, Unit, compute

    result = compute(date.fromisoformat(start), Period(amount, Unit(unit), "后台计算"))
    due = result.due.isoformat() if result.due is not None else None
    return {"due": due, "provisional": result.provisional}
