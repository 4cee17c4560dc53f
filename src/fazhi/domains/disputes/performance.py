"""履行监督: the respondent performs the decision, the reconsideration body watches.

行政复议法 第七十七条: 被申请人应当履行行政复议决定书、调解书、意见书; 不履行或者无正当理由拖延
履行的, 行政复议机关或者有关上级行政机关应当责令其限期履行, 并可以约谈被申请人的有关负责人或者
予以通报批评. 第八十三条 makes the delay a matter of discipline.

- The decision sets the period (``decision_docs``); it runs from service on the respondent
  (第七十五条第二款), counted by the clock as a natural-day period.
- The respondent reports on its own account (clerk or head of the respondent unit), each report
  recorded; a report of completion ends the supervision (states and transitions in
  ``decision_choices``).
- A daily job (``remind_late``) notifies the respondent's and the body's staff once per due date
  when the period has run out; the body may order performance within a new period
  (责令限期履行), which is recorded and reminded again.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from fazhi.core.casework.choices import NotificationKind
from fazhi.core.casework.models import Case, Document, Event, Notification, Participant
from fazhi.core.clock.periods import Period, Unit, compute
from fazhi.core.org.choices import Role
from fazhi.core.org.models import RoleAssignment

from .decision_choices import PERFORMANCE_TRANSITIONS, PerformanceState, RecordKind
from .models import DecisionPerformance, PerformanceRecord

BASIS = "行政复议法 第七十七条"
RESPONDENT_ROLES = frozenset({Role.CLERK, Role.DEPARTMENT_HEAD})
BODY_ROLES = frozenset({Role.RECONSIDERATION_HANDLER, Role.RECONSIDERATION_HEAD})


class PerformanceError(ValidationError):
    """A report or order cannot be recorded; the message says why, with its article."""


def period_due(start: date, days: int) -> date:
    """The last day of a period of ``days`` natural days from ``start`` (the start day not
    counted; a last day on a rest day moves to the next working day), by the clock."""
    result = compute(start, Period(days, Unit.DAYS, BASIS))
    assert result.due is not None
    return result.due


def start_period(case: Case, document: Document, served_on: date, *, actor: Any = None) -> None:
    """On service on the respondent: the decision is in force and its period runs."""
    perf = DecisionPerformance.objects.select_for_update().filter(case=case).first()
    if perf is None or perf.served_on is not None:
        return
    perf.served_on = served_on
    perf.decision_document = document
    perf.due = period_due(served_on, perf.period_days)
    perf.save(update_fields=["served_on", "decision_document", "due"])
    Event.objects.create(
        case=case,
        actor=actor,
        kind="performance_started",
        occurred_on=served_on,
        note=f"履行期限至 {perf.due}：{perf.required_act}"[:500],
        data={"due": perf.due.isoformat(), "basis": BASIS},
    )


def _units(actor: Any, roles: frozenset[str]) -> set[int]:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return set()
    return {r.org_unit_id for r in actor.role_rows() if r.role in roles}


def may_report(perf: DecisionPerformance, actor: Any) -> bool:
    units = _units(actor, RESPONDENT_ROLES)
    return Participant.objects.filter(
        case_id=perf.case_id, role="respondent", org_unit_id__in=units
    ).exists()


def may_order(perf: DecisionPerformance, actor: Any) -> bool:
    units = _units(actor, BODY_ROLES)
    return Participant.objects.filter(
        case_id=perf.case_id, role="owner", org_unit_id__in=units
    ).exists()


def _move(perf: DecisionPerformance, target: str) -> None:
    if target not in PERFORMANCE_TRANSITIONS[perf.state]:
        raise PerformanceError(
            f"履行状态为“{perf.get_state_display()}”，不能再变为"
            f"“{PerformanceState(target).label}”（{BASIS}）"
        )
    perf.state = target


def _open(perf: DecisionPerformance) -> None:
    if perf.served_on is None:
        raise PerformanceError(
            "决定书尚未送达被申请人，尚未发生法律效力（行政复议法 第七十五条第二款）"
        )


def report(
    perf: DecisionPerformance,
    *,
    actor: Any,
    on: date,
    content: str,
    completed: bool,
    document: Document | None = None,
) -> PerformanceRecord:
    """The respondent reports how it performed; ``completed`` ends the supervision."""
    if not may_report(perf, actor):
        raise PermissionDenied("履行情况须由被申请人的经办人或者负责人报告")
    if not content.strip():
        raise PerformanceError("须写明履行情况")
    with transaction.atomic():
        perf = DecisionPerformance.objects.select_for_update().get(pk=perf.pk)
        _open(perf)
        if on < perf.served_on:  # type: ignore[operator]
            raise PerformanceError(f"报告日期不能早于决定书送达日期（{perf.served_on}）")
        _move(perf, PerformanceState.COMPLETED if completed else PerformanceState.REPORTED)
        if completed:
            perf.completed_on = on
        perf.save(update_fields=["state", "completed_on"])
        record = PerformanceRecord.objects.create(
            performance=perf,
            kind=RecordKind.REPORT,
            on=on,
            content=content,
            completed=completed,
            document=document,
            actor=actor,
        )
        Event.objects.create(
            case_id=perf.case_id,
            actor=actor,
            kind="performance_reported",
            occurred_on=on,
            note=("履行完毕：" if completed else "履行进展：") + content[:200],
            data={"completed": completed, "late": perf.late, "basis": BASIS},
            document_ids=[document.pk] if document is not None else [],
        )
    return record


def order(
    perf: DecisionPerformance, *, actor: Any, on: date, days: int, content: str
) -> PerformanceRecord:
    """责令限期履行 (第七十七条第二款): the body sets a new period for a late respondent."""
    if not may_order(perf, actor):
        raise PermissionDenied("责令限期履行须由行政复议机构的承办人或者负责人办理")
    with transaction.atomic():
        perf = DecisionPerformance.objects.select_for_update().get(pk=perf.pk)
        _open(perf)
        if perf.due is not None and on <= perf.due:
            raise PerformanceError(
                f"履行期限至 {perf.due} 届满，届满前不能责令限期履行（{BASIS}第二款）"
            )
        _move(perf, PerformanceState.ORDERED)
        perf.due = period_due(on, days)
        perf.save(update_fields=["state", "due"])
        record = PerformanceRecord.objects.create(
            performance=perf,
            kind=RecordKind.ORDER,
            on=on,
            content=content or f"责令被申请人于 {perf.due} 前履行",
            new_due=perf.due,
            actor=actor,
        )
        Event.objects.create(
            case_id=perf.case_id,
            actor=actor,
            kind="performance_ordered",
            occurred_on=on,
            note=f"责令限期履行，期限至 {perf.due}",
            data={"due": perf.due.isoformat(), "basis": f"{BASIS}第二款"},
        )
    return record


def late(today: date | None = None) -> Any:
    """Performances whose period has run out and that are not complete (system code)."""
    today = today or timezone.localdate()
    return (
        DecisionPerformance.objects.unrestricted("定时任务：复议决定履行逾期提醒")
        .filter(due__lt=today)
        .exclude(state=PerformanceState.COMPLETED)
    )


def remind_late(today: date | None = None) -> int:
    """One reminder per late performance and due date: a notification to the staff of the
    respondent (clerks, heads) and of the body (handlers, heads), and a record of it."""
    today = today or timezone.localdate()
    count = 0
    for perf in late(today).exclude(reminded_due=F("due")).select_related("case"):
        units = dict(
            Participant.objects.filter(
                case=perf.case, role__in=["owner", "respondent"]
            ).values_list("role", "org_unit_id")
        )
        staff = set(
            RoleAssignment.objects.filter(
                org_unit_id=units.get("respondent"),
                role__in=RESPONDENT_ROLES,
                active=True,
                staff__is_active=True,
            ).values_list("staff_id", flat=True)
        ) | set(
            RoleAssignment.objects.filter(
                org_unit_id=units.get("owner"),
                role__in=BODY_ROLES,
                active=True,
                staff__is_active=True,
            ).values_list("staff_id", flat=True)
        )
        what = perf.case.number or perf.case.title
        title = f"复议决定逾期未履行：{what}（履行期限 {perf.due} 届满）"[:200]
        with transaction.atomic():
            Notification.objects.bulk_create(
                [
                    Notification(
                        recipient_id=s,
                        kind=NotificationKind.OVERDUE,
                        case=perf.case,
                        due=perf.due,
                        title=title,
                    )
                    for s in sorted(staff)
                ]
            )
            PerformanceRecord.objects.create(
                performance=perf, kind=RecordKind.REMINDER, on=today, content=title
            )
            DecisionPerformance.objects.filter(pk=perf.pk).update(reminded_due=perf.due)
        count += 1
    return count
