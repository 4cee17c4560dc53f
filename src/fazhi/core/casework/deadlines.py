"""Starting, pausing, resuming, extending, restarting and closing a case's deadlines.

Every computation goes through the clock (``fazhi.core.clock``); nothing here adds days itself.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from fazhi.core.clock import statutes
from fazhi.core.clock.periods import Computation, Pause, Period, Unit, compute

from .choices import DeadlineStatus
from .models import Case, Deadline, Event


def _pauses(deadline: Deadline) -> list[Pause]:
    return [
        Pause(
            date.fromisoformat(p["start"]), date.fromisoformat(p["end"]) if p.get("end") else None
        )
        for p in deadline.pauses
    ]


def computation(deadline: Deadline) -> Computation:
    extension = (
        Period(deadline.extension_amount, Unit(deadline.extension_unit), deadline.basis)
        if deadline.extension_amount
        else None
    )
    return compute(
        deadline.start,
        Period(deadline.amount, Unit(deadline.unit), deadline.basis),
        pauses=_pauses(deadline),
        extension=extension,
        notes=(deadline.note,) if deadline.note else (),
    )


def _apply(deadline: Deadline) -> None:
    if any(p.get("end") is None for p in deadline.pauses):
        # A clock paused without an end has no due date until it resumes.
        deadline.due = deadline.unrolled_due = None
        deadline.provisional = False
        return
    result = computation(deadline)
    deadline.unrolled_due = result.unrolled_due
    deadline.due = result.due
    deadline.provisional = result.provisional


def _event(deadline: Deadline, kind: str, actor: Any, note: str = "", **data: Any) -> None:
    Event.objects.create(
        case_id=deadline.case_id,
        actor=actor,
        kind=kind,
        note=note,
        data={"deadline": deadline.pk, "key": deadline.key, "due": str(deadline.due), **data},
    )


def start_deadline(
    case: Case,
    key: str,
    start: date,
    *,
    org_unit: Any = None,
    actor: Any = None,
) -> Deadline:
    """Start the statutory period ``key`` (declared in ``fazhi.core.clock.statutes``)
    on ``start``."""
    period, note = statutes.period_in_force(key, start)
    spec = statutes.get(key)
    if org_unit is None:
        owner = case.participants.filter(role="owner").select_related("org_unit").first()
        if owner is None:
            raise ValueError("案件没有承办机关，无法确定期限的责任机构")
        org_unit = owner.org_unit
    deadline = Deadline(
        case=case,
        org_unit=org_unit,
        key=key,
        name=spec.name,
        basis=period.basis,
        start=start,
        amount=period.amount,
        unit=period.unit,
        note=note or "",
    )
    _apply(deadline)
    deadline.save()
    _event(deadline, "deadline_started", actor, f"{spec.name}：{deadline.due}")
    return deadline


def _locked(deadline: Deadline) -> Deadline:
    return Deadline.objects.select_for_update().get(pk=deadline.pk)


def pause(deadline: Deadline, on: date, *, actor: Any = None, reason: str = "") -> Deadline:
    """中止: the clock stops after ``on`` and later resumes with the days it had left."""
    with transaction.atomic():
        d = _locked(deadline)
        if d.status != DeadlineStatus.RUNNING:
            raise ValueError("只有计时中的期限可以中止")
        if on < d.start:
            raise ValueError("中止日期不能早于起算日")
        if d.due is not None and on > d.due:
            # An overdue deadline cannot be paused out of the overdue list after the fact.
            raise ValueError(f"期限已于 {d.due} 届满，不能再中止")
        d.pauses = [*d.pauses, {"start": on.isoformat(), "end": None, "reason": reason}]
        d.status = DeadlineStatus.PAUSED
        _apply(d)
        d.save()
        _event(d, "deadline_paused", actor, reason, on=on.isoformat())
        return d


def resume(deadline: Deadline, on: date, *, actor: Any = None) -> Deadline:
    with transaction.atomic():
        d = _locked(deadline)
        if d.status != DeadlineStatus.PAUSED:
            raise ValueError("只有中止的期限可以恢复")
        last = dict(d.pauses[-1])
        last["end"] = on.isoformat()
        d.pauses = [*d.pauses[:-1], last]
        d.status = DeadlineStatus.RUNNING
        _apply(d)
        d.save()
        _event(d, "deadline_resumed", actor, on=on.isoformat())
        return d


def extend(deadline: Deadline, *, approved_by: Any, reason: str) -> Deadline:
    """A one-time extension with its approval recorded (e.g. 行政许可法 第四十二条 +10 工作日).

    How much may be added, and whether at all, is part of the statutory version in force.
    """
    if not reason.strip():
        raise ValueError("延长期限须说明理由")
    with transaction.atomic():
        d = _locked(deadline)
        if d.status != DeadlineStatus.RUNNING:
            raise ValueError("只有计时中的期限可以延长")
        if d.extension_amount:
            raise ValueError("期限只能延长一次")
        version, _ = statutes.version_in_force(d.key, d.start)
        if version.extension is None:
            raise ValueError(f"{d.name}（{d.basis}）依法不得延长")
        d.extension_amount, d.extension_unit = version.extension.amount, version.extension.unit
        d.extension_approved_by, d.extension_reason = approved_by, reason
        _apply(d)
        d.save()
        _event(d, "deadline_extended", approved_by, reason, basis=version.extension.basis)
        return d


def restart(deadline: Deadline, start: date, *, actor: Any = None, reason: str = "") -> Deadline:
    """补正 and the like restart the clock from a new start date, with no days carried over."""
    with transaction.atomic():
        d = _locked(deadline)
        if d.status in (DeadlineStatus.MET, DeadlineStatus.CANCELLED):
            raise ValueError("已完成或已撤销的期限不能重新起算")
        # A restart is a new clock: no pauses and no extension carry over.
        d.start, d.pauses = start, []
        d.extension_amount, d.extension_unit = 0, ""
        d.extension_approved_by, d.extension_reason = None, ""
        d.status = DeadlineStatus.RUNNING
        _apply(d)
        d.save()
        _event(d, "deadline_restarted", actor, reason, start=start.isoformat())
        return d


def mark_met(deadline: Deadline, on: date | None = None, *, actor: Any = None) -> Deadline:
    with transaction.atomic():
        d = _locked(deadline)
        if d.status != DeadlineStatus.RUNNING:
            raise ValueError("只有计时中的期限可以标记完成")
        d.status = DeadlineStatus.MET
        d.met_on = on or timezone.localdate()
        d.save(update_fields=["status", "met_on"])
        _event(
            d, "deadline_met", actor, on=d.met_on.isoformat(), late=bool(d.due and d.met_on > d.due)
        )
        return d


def recompute_for_years(years: list[int]) -> int:
    """The holiday table changed for ``years``: recompute every open deadline whose span
    touches them, and every provisional one (a guess made before the year was entered)."""
    from django.db.models import Q

    touched = Q(provisional=True)
    if years:
        touched |= Q(start__year__lte=max(years), due__year__gte=min(years))
    qs = Deadline.objects.filter(touched).exclude(
        status__in=[DeadlineStatus.MET, DeadlineStatus.CANCELLED]
    )
    changed = 0
    ids = list(qs.unrestricted("节假日安排变更后重算期限").values_list("pk", flat=True))
    for pk in ids:
        # One row at a time under its lock: a concurrent extension or pause is not overwritten
        # with a due date computed from stale fields.
        with transaction.atomic():
            d = Deadline.objects.select_for_update().get(pk=pk)
            before, was_provisional = d.due, d.provisional
            _apply(d)
            if d.due != before or d.provisional != was_provisional:
                d.save(update_fields=["due", "unrolled_due", "provisional"])
                _event(
                    d, "deadline_recomputed", None, "节假日安排变更，重新计算", before=str(before)
                )
                changed += 1
    return changed


def overdue(user: Any, today: date | None = None) -> Any:
    """What is overdue in the user's org units: an indexed query on (org_unit, status, due)."""
    today = today or timezone.localdate()
    return Deadline.objects.restrict(user, "view").filter(
        status=DeadlineStatus.RUNNING, due__lt=today
    )
