from __future__ import annotations

from celery import shared_task


@shared_task(name="fazhi.core.casework.tasks.deadline_alerts")
def deadline_alerts() -> dict[str, int]:
    """Count deadlines due within three days or overdue, per org unit (the workbench shows them)."""
    from django.db.models import Count
    from django.utils import timezone

    from .choices import DeadlineStatus
    from .models import Deadline

    today = timezone.localdate()
    qs = Deadline.objects.filter(status=DeadlineStatus.RUNNING, due__isnull=False).unrestricted(
        "定时任务：期限预警"
    )
    overdue = qs.filter(due__lt=today).values("org_unit").annotate(n=Count("id"))
    return {str(row["org_unit"]): row["n"] for row in overdue}


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
