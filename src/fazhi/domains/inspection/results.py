"""Publishing results (一公开), the inspection burden of an entity, repeat-inspection alerts and
how late results were published.

A department publishes the confirmed results of a campaign together, through the disclosure
gate, to the portal and — through the outbox — to 国家企业信用信息公示系统 (``gsxt``) and the
provincial random-inspection platform (``province_random``). Each task keeps its own deadline
(20 working days from the end of its inspection, ``rules.RESULTS_PUBLICITY``) and its publication
date, so lateness is counted per inspection with one aggregate query.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Count, F, Q, QuerySet
from django.dispatch import Signal
from django.utils import timezone

from fazhi.core.casework.choices import DeadlineStatus
from fazhi.core.casework.deadlines import mark_met
from fazhi.core.casework.models import Deadline
from fazhi.core.casework.workflow import Refusal, TransitionError
from fazhi.core.disclosure.gate import publish
from fazhi.core.disclosure.models import Publication

from . import rules
from .campaign_choices import ResultCategory, TaskState
from .models import InspectionTask

RESULT_KIND = "双随机抽查结果"
TARGETS = ["gsxt", "province_random"]


RESULT_COLUMNS = ["统一社会信用代码", "名称", "检查结束日期", "检查结果", "后续处理"]

# Sent once a department's results are published (in the publication's transaction), with
# ``publication``, ``tasks`` (the tasks it published), ``on`` and ``actor``: another app (credit
# records) reacts without this app knowing it.
results_published = Signal()


def result_row(task: InspectionTask) -> str:
    """One line of the public result, its columns (``RESULT_COLUMNS``) separated by "｜" (the
    entity is a legal person: its name and code are public). One text per row: the gate masks
    each text it is given, and a campaign publishes hundreds of rows."""
    return "｜".join(
        [
            task.entity.uscc,
            task.entity.name,
            task.ended_on.isoformat() if task.ended_on else "",
            str(ResultCategory(task.category).label) if task.category else "",
            task.get_follow_up_display() if task.follow_up else "",
        ]
    )


@transaction.atomic
def publish_results(
    campaign: Any, department: Any, *, actor: Any = None, on: date | None = None
) -> Publication:
    """Publish the campaign's confirmed, unpublished results of ``department`` in one record;
    meet each task's deadline on the publication date (late ones are recorded as late)."""
    on = on or timezone.localdate()
    tasks = list(
        InspectionTask.objects.select_for_update()
        .filter(
            target__campaign=campaign,
            department=department,
            case__state=TaskState.CONFIRMED,
            published_on__isnull=True,
        )
        .select_related("entity", "department")
        .order_by("target__rank", "pk")
    )
    if not tasks:
        raise TransitionError(
            Refusal(
                "没有已确认、尚未公示的检查结果（须两名检查人员确认后公示）",
                rules.RESULT_PUBLICATION_BASIS,
            )
        )
    due = min(t.due_on for t in tasks if t.due_on is not None)
    pub = publish(
        kind=RESULT_KIND,
        title=f"{campaign.code} {campaign.title} 抽查结果（{department.name}）",
        org_unit=department,
        subject=campaign,
        fields={
            "抽查任务": campaign.code,
            "任务名称": campaign.title,
            "检查部门": department.name,
            "公示依据": rules.RESULT_PUBLICATION_BASIS,
            "栏目": "｜".join(RESULT_COLUMNS),
            "抽查结果": [result_row(t) for t in tasks],
        },
        statutory_deadline=due,
        actor=actor,
        outbox_targets=TARGETS,
        published_on=on,
    )
    ids = [t.pk for t in tasks]
    InspectionTask.objects.filter(pk__in=ids).update(published_on=on, publication=pub)
    join_on_publication(tasks)
    meet_deadlines([t.case_id for t in tasks], on, actor)
    results_published.send(InspectionTask, publication=pub, tasks=tasks, on=on, actor=actor)
    return pub


def join_on_publication(tasks: list[InspectionTask]) -> None:
    """Once public, the department owns its tasks' cases and the joint visit's other departments
    take part as co-inspectors (so their staff and the supervisors above see them)."""
    from fazhi.core.casework.models import Participant

    by_target: dict[int, set[int]] = defaultdict(set)
    for target_id, dept_id in InspectionTask.objects.filter(
        target_id__in={t.target_id for t in tasks}
    ).values_list("target_id", "department_id"):
        by_target[target_id].add(dept_id)
    rows = []
    for t in tasks:
        rows.append(Participant(case_id=t.case_id, org_unit_id=t.department_id, role="owner"))
        for other in sorted(by_target[t.target_id] - {t.department_id}):
            rows.append(Participant(case_id=t.case_id, org_unit_id=other, role="co_inspector"))
    Participant.objects.bulk_create(rows, ignore_conflicts=True)


def meet_deadlines(case_ids: list[int], on: date, actor: Any = None) -> int:
    """The publication deadlines of these tasks are met on ``on`` (each records whether late)."""
    running = Deadline.objects.filter(
        case_id__in=case_ids,
        key=rules.RESULT_PUBLICATION_KEY,
        status__in=[DeadlineStatus.RUNNING, DeadlineStatus.PAUSED],
    )
    count = 0
    for d in running:
        mark_met(d, on, actor=actor)
        count += 1
    return count


# -- lateness ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Lateness:
    published: int
    late: int
    unpublished_overdue: int
    worst_days: int


def lateness(tasks: QuerySet[InspectionTask], today: date | None = None) -> Lateness:
    """How many results were published, how many after their deadline, how many are overdue
    and unpublished today, and the longest delay in days — aggregate queries."""
    today = today or timezone.localdate()
    published = tasks.filter(published_on__isnull=False)
    late = published.filter(published_on__gt=F("due_on"))
    worst = max(
        (
            (t.published_on - t.due_on).days
            for t in late.only("published_on", "due_on")[:10000]
            if t.published_on is not None and t.due_on is not None
        ),
        default=0,
    )
    return Lateness(
        published=published.count(),
        late=late.count(),
        unpublished_overdue=tasks.filter(published_on__isnull=True, due_on__lt=today).count(),
        worst_days=worst,
    )


# -- burden and repeat alerts --------------------------------------------------------------------


def visit_date(task: InspectionTask) -> date:
    return task.ended_on or task.assigned_on


def repeat_alerts(task: InspectionTask) -> list[InspectionTask]:
    """Other departments' inspections of the same entity within the alert window (30 days)
    before or after this one: 进一次门、查多项事 — they should have been joined."""
    window = timedelta(days=rules.repeat_alert_days())
    when = visit_date(task)
    return list(
        InspectionTask.objects.filter(entity_id=task.entity_id)
        .exclude(department_id=task.department_id)
        .exclude(target_id=task.target_id)  # the same joint visit is no repeat
        .filter(
            Q(ended_on__range=(when - window, when + window))
            | Q(ended_on__isnull=True, assigned_on__range=(when - window, when + window))
        )
        .select_related("department")
        .order_by("assigned_on")
    )


def repeat_alerts_for_campaign(campaign: Any, entity_ids: list[int]) -> dict[int, list[str]]:
    """For each target, other departments' inspections of it within the alert window (30 days)
    around the draw, outside this campaign (a joint visit's partners are the same visit)."""
    window = timedelta(days=rules.repeat_alert_days())
    on = campaign.drawn_on or timezone.localdate()
    found = (
        InspectionTask.objects.filter(
            entity_id__in=entity_ids, assigned_on__range=(on - window, on + window)
        )
        .exclude(department_id=campaign.department_id)
        .exclude(target__campaign=campaign)
        .order_by("assigned_on")
        .values_list("entity_id", "department__name", "assigned_on")
    )
    out: dict[int, list[str]] = defaultdict(list)
    for entity_id, name, assigned in found:
        text = f"{name} {assigned.isoformat()} 派发检查"
        if text not in out[entity_id]:
            out[entity_id].append(text)
    return dict(out)


def yearly_burden(
    tasks: QuerySet[InspectionTask], entity_id: int, year: int
) -> list[dict[str, Any]]:
    """An entity's inspections in a year, by department: visits (a joint visit counts once for
    each department taking part) — what the yearly cap of 国办发〔2024〕54号 is counted against."""
    return list(
        tasks.filter(entity_id=entity_id, assigned_on__year=year)
        .values("department__name")
        .annotate(n=Count("id"))
        .order_by("-n", "department__name")
    )


def visits_in_year(entity_id: int, year: int) -> int:
    """Distinct visits (targets) to the entity in the year: a joint visit is one."""
    return (
        InspectionTask.objects.filter(entity_id=entity_id, assigned_on__year=year)
        .order_by()
        .values("target_id")
        .distinct()
        .count()
    )


def published_tasks() -> QuerySet[InspectionTask]:
    """What the public may see of tasks: those whose result is published (and not withdrawn)."""
    return InspectionTask.objects.filter(
        published_on__isnull=False, publication__withdrawal__isnull=True
    )
