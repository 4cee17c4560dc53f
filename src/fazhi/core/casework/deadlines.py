"""Starting, pausing, resuming, extending, restarting, meeting and cancelling a case's
deadlines; recording what the law makes of a lapsed one; and the "not before" gate.

Every computation goes through the clock (``fazhi.core.clock``); nothing here adds days itself.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from fazhi.core.clock import statutes
from fazhi.core.clock.periods import Computation, Pause, Period, PeriodKind, Unit, compute

from .choices import DeadlineStatus
from .models import Case, Deadline, Event

log = logging.getLogger(__name__)


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
        kind=PeriodKind(deadline.kind or PeriodKind.ACT),
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


def _event(
    deadline: Deadline,
    kind: str,
    actor: Any,
    note: str = "",
    *,
    occurred_on: date | None = None,
    **data: Any,
) -> None:
    """A deadline's change on the case's timeline, with the business date it concerns (the
    day started, paused, met …), apart from the time the row is written."""
    if occurred_on is None:
        for key in ("on", "start", "effective_on"):
            if isinstance(data.get(key), str):
                occurred_on = date.fromisoformat(data[key])
                break
    Event.objects.create(
        case_id=deadline.case_id,
        actor=actor,
        kind=kind,
        occurred_on=occurred_on or timezone.localdate(),
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
        kind=spec.kind,
    )
    _apply(deadline)
    deadline.save()
    _event(deadline, "deadline_started", actor, f"{spec.name}：{deadline.due}", occurred_on=start)
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


def extend(
    deadline: Deadline,
    *,
    approved_by: Any,
    reason: str,
    amount: int | None = None,
    cap: Period | None = None,
) -> Deadline:
    """A one-time extension with its approval recorded.

    The approver enters ``amount`` (in the statute's unit), at most the cap of the version in
    force (行政复议法 第六十二条 ≤30 日; 行政许可法 第四十二条 10 工作日); ``None`` grants the
    cap. It runs from the legal end date, after any move past rest days.

    ``cap``: where the statute leaves the period to another provision (行政处罚法 第六十条
    "法律、法规、规章另有规定的，从其规定") and that provision allows an extension, the domain
    passes it, with its basis, in place of the statute's.
    """
    if not reason.strip():
        raise ValueError("延长期限须说明理由")
    with transaction.atomic():
        d = _locked(deadline)
        if d.status != DeadlineStatus.RUNNING:
            raise ValueError("只有计时中的期限可以延长")
        if d.extension_amount:
            raise ValueError("期限只能延长一次")
        if cap is None:
            ext = statutes.extension_for(d.key, d.start, amount)
        elif amount is not None and (amount < 1 or amount > cap.amount):
            raise ValueError(f"延长不得超过 {cap}（{cap.basis}）")
        else:
            ext = Period(amount or cap.amount, cap.unit, cap.basis)
        d.extension_amount, d.extension_unit = ext.amount, ext.unit
        d.extension_approved_by, d.extension_reason = approved_by, reason
        _apply(d)
        d.save()
        _event(d, "deadline_extended", approved_by, reason, basis=ext.basis, amount=ext.amount)
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
    """The act was done on ``on``. An act done while the clock is paused meets the deadline
    too: the pause ends that day, and the act is not late."""
    with transaction.atomic():
        d = _locked(deadline)
        if d.status not in (DeadlineStatus.RUNNING, DeadlineStatus.PAUSED):
            raise ValueError("只有计时中或中止中的期限可以标记完成")
        met_on = on or timezone.localdate()
        during_pause = d.status == DeadlineStatus.PAUSED
        if during_pause:
            last = dict(d.pauses[-1])
            last["end"] = max(met_on, date.fromisoformat(last["start"])).isoformat()
            d.pauses = [*d.pauses[:-1], last]
            _apply(d)
        d.status = DeadlineStatus.MET
        d.met_on = met_on
        d.save()
        _event(
            d,
            "deadline_met",
            actor,
            "中止期间完成" if during_pause else "",
            on=met_on.isoformat(),
            late=bool(d.due and met_on > d.due),
            during_pause=during_pause,
        )
        return d


def cancel(deadline: Deadline, actor: Any, reason: str) -> Deadline:
    """撤销: the deadline no longer applies (the application was withdrawn, the party waived
    the hearing…). The reason is required and kept on the deadline and in the case record."""
    if not reason.strip():
        raise ValueError("撤销期限须说明理由")
    with transaction.atomic():
        d = _locked(deadline)
        if d.status in (DeadlineStatus.MET, DeadlineStatus.CANCELLED):
            raise ValueError("已完成或已撤销的期限不能撤销")
        d.status = DeadlineStatus.CANCELLED
        d.cancel_reason = reason.strip()[:200]
        d.save(update_fields=["status", "cancel_reason"])
        _event(d, "deadline_cancelled", actor, d.cancel_reason)
        return d


# --- lapse: what the law makes of a period that ran out ---------------------------------------

LapseHook = Callable[[Deadline, statutes.Lapse, date], None]
_LAPSE_HOOKS: dict[str, LapseHook] = {}


def register_lapse_hook(key: str, fn: LapseHook) -> LapseHook:
    """A domain's reaction when the period ``key`` lapses with a declared consequence (e.g. the
    reconsideration domain moves the case to 已受理 when 行政复议法 第三十条 deems it accepted).

    Called inside the transaction that records the lapse event, with the deadline, the lapse
    and the date the consequence takes effect; if it raises, nothing is recorded and the next
    run tries again. One hook per key.
    """
    statutes.get(key)  # a typo fails at registration, not silently at lapse time
    existing = _LAPSE_HOOKS.get(key)
    if existing is not None and existing is not fn:
        raise ValueError(f"期间 {key} 已登记届满处理函数")
    _LAPSE_HOOKS[key] = fn
    return fn


def record_lapses(today: date | None = None, *, keys: Iterable[str] | None = None) -> int:
    """Record, once, the consequence of every running deadline whose due date has passed and
    whose statute declares one: an event ``deadline_lapsed`` on the case, then the domain's
    hook. Returns how many were recorded; safe to run any number of times.

    ``keys`` narrows the run to those periods (a domain's scenario walking its own history on
    a past ``today``, without touching other domains' clocks)."""
    today = today or timezone.localdate()
    wanted = None if keys is None else set(keys)
    lapsing = [k for k in statutes.keys_with_lapse() if wanted is None or k in wanted]
    if not lapsing:
        return 0
    ids = list(
        Deadline.objects.filter(
            key__in=lapsing,
            status=DeadlineStatus.RUNNING,
            due__lt=today,
            lapse_recorded_at__isnull=True,
        )
        .unrestricted("定时任务：记录期限届满的法律后果")
        .values_list("pk", flat=True)
    )
    recorded = 0
    for pk in ids:
        try:
            with transaction.atomic():
                recorded += _record_lapse(pk, today)
        except Exception:  # one domain's failing hook must not stop the others
            log.exception("期限 %s 届满后果记录失败，下次重试", pk)
    return recorded


def _record_lapse(pk: int, today: date) -> int:
    d = Deadline.objects.select_for_update().get(pk=pk)
    # Re-checked under the lock: a second worker, a concurrent mark_met or pause.
    if (
        d.lapse_recorded_at is not None
        or d.status != DeadlineStatus.RUNNING
        or d.due is None
        or d.due >= today
    ):
        return 0
    version, _ = statutes.version_in_force(d.key, d.start)
    lapse = version.lapse
    if lapse is None:
        return 0  # the version in force on the start date declares no consequence
    effective_on = d.start if lapse.as_of == "start" else d.due
    d.lapse_recorded_at = timezone.now()
    d.save(update_fields=["lapse_recorded_at"])
    _event(
        d,
        "deadline_lapsed",
        None,
        f"{lapse.consequence}（{lapse.basis}）",
        consequence=lapse.consequence,
        basis=lapse.basis,
        effective_on=effective_on.isoformat(),
    )
    hook = _LAPSE_HOOKS.get(d.key)
    if hook is not None:
        hook(d, lapse, effective_on)
    return 1


# --- "not before": the earliest date of an act ------------------------------------------------


def not_before(case: Case, act: str, on: date | None = None) -> str | None:
    """A Chinese reason, naming the article, when ``act`` (e.g. ``"penalty.decision"``) done on
    ``on`` would be too early for this case; None when it may be done.

    Each rule (``statutes.register_not_before``) waits for a period on the case: the act may be
    done from the day after that period's legal end. A period that was met (the party asked for
    the hearing) or cancelled (the party waived it) no longer holds the act back; a case without
    that period has nothing to wait for here.
    """
    on = on or timezone.localdate()
    reasons = []
    for rule in statutes.not_before_rules(act):
        # The case is the caller's (a workflow transition has checked access to it); these are
        # its own deadlines.
        waiting = Deadline.objects.filter(
            case_id=case.pk,
            key=rule.after,
            status__in=[DeadlineStatus.RUNNING, DeadlineStatus.PAUSED],
        )
        for d in waiting:
            reason = statutes.not_before_reason(rule, d.due, on)
            if reason:
                reasons.append(reason)
    return "；".join(reasons) or None


def not_before_gate(act: str) -> Callable[[Any], str | None]:
    """A workflow gate: ``wf.add("decide", …, gates=[not_before_gate("penalty.decision")])``.
    The step is refused, with the reason, while the act would be too early on the step's
    business date."""

    def gate(ctx: Any) -> str | None:
        return not_before(ctx.case, act, ctx.on)

    gate.__name__ = f"not_before_{act.replace('.', '_')}"
    return gate


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
