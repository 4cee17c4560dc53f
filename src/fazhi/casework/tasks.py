from __future__ import annotations

from celery import shared_task


@shared_task(name="fazhi.casework.tasks.deadline_alerts")
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
