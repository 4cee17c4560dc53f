"""Daily: the justice bureau hears of every department late with its rectification (案卷评查) or
its reply to a supervision opinion. The department's own staff are told by casework's hourly
deadline job (the deadline is the department's); this tells the supervising bureau."""

from __future__ import annotations

from datetime import date

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from fazhi.core.casework.choices import DeadlineStatus, NotificationKind
from fazhi.core.casework.models import Deadline, Notification, Participant
from fazhi.core.org.choices import Role
from fazhi.core.org.models import RoleAssignment

SUPERVISED_KEYS = ("enforcement.file_review_rectification", "enforcement.supervision_reply")
BUREAU_ROLES = (Role.CLERK, Role.DEPARTMENT_HEAD)


def _title(d: Deadline) -> str:
    what = d.case.number or d.case.title
    return f"{d.org_unit}逾期未反馈：{what}（{d.name}，届满日 {d.due}）"[:200]


def notify_late(today: date | None = None) -> int:
    """One notification per (bureau staff member, late deadline, due date); a second run the
    same day adds nothing. Returns the number of new notifications."""
    today = today or timezone.localdate()
    late = list(
        Deadline.objects.unrestricted("定时任务：监督整改逾期提醒")
        .filter(key__in=SUPERVISED_KEYS, status=DeadlineStatus.RUNNING, due__lt=today)
        .select_related("case", "org_unit")
    )
    if not late:
        return 0
    owners = dict(
        Participant.objects.filter(case__in=[d.case_id for d in late], role="owner").values_list(
            "case_id", "org_unit_id"
        )
    )
    staff: dict[int, list[int]] = {}
    for unit_id, staff_id in RoleAssignment.objects.filter(
        org_unit_id__in=set(owners.values()),
        role__in=BUREAU_ROLES,
        active=True,
        staff__is_active=True,
    ).values_list("org_unit_id", "staff_id"):
        staff.setdefault(unit_id, []).append(staff_id)
    rows = [
        Notification(
            recipient_id=staff_id,
            kind=NotificationKind.OVERDUE,
            case_id=d.case_id,
            deadline=d,
            due=d.due,
            title=_title(d),
        )
        for d in late
        for staff_id in staff.get(owners.get(d.case_id, 0), [])
    ]
    before = Notification.objects.count()
    with transaction.atomic():
        Notification.objects.bulk_create(rows, ignore_conflicts=True)
    return Notification.objects.count() - before


@shared_task(name="fazhi.domains.enforcement.supervision_tasks.notify_late")
def notify_late_task() -> int:
    return notify_late()
