"""Validity periods of normative documents and the acts ending a text's force (STATUTES.md I5).

A normative document gets its validity period when promulgated (``set_validity``: the local
setting, 5 years, 2 for 暂行/试行, counted by the clock from the effective date); the daily job
(``apply_expiries``) marks it 失效 on the day after its last day, and tells the issuing unit
six months before that the evaluation is due (``remind_evaluations``). Repeal and 宣布失效 are
separate acts of the issuing body (or of the cleanup that decided them), each recorded as a
``TextAct`` with its date and basis.
"""

from __future__ import annotations

from contextlib import suppress
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from fazhi.core.casework.choices import NotificationKind
from fazhi.core.casework.models import Notification
from fazhi.core.casework.workflow import Refusal, StepRefused, TransitionError
from fazhi.core.clock.periods import Period, PeriodKind, Unit, compute, day_after
from fazhi.core.org.choices import Role
from fazhi.core.org.models import RoleAssignment

from .choices import TEXT_TRANSITIONS, TextKind, TextState
from .filing import filing_office
from .filing_choices import TextActKind
from .models import TextAct, TextVersion, Validity
from .periods_filing import VALIDITY_BASIS, evaluation_due, validity_years

CLEANUP_BASIS = "规章制定程序条例 第三十七条"
NORMATIVE_END_BASIS = "国办发〔2018〕37号"
# Who may declare a text repealed or invalid for its issuing body: the unit's clerks and head,
# and the filing office (the justice bureau) of its government.
END_ROLES = frozenset({Role.CLERK, Role.DEPARTMENT_HEAD})


def end_basis(version: TextVersion) -> str:
    return CLEANUP_BASIS if version.text.kind == TextKind.GOVERNMENT_RULE else NORMATIVE_END_BASIS


@transaction.atomic
def set_validity(version: TextVersion, *, years: int | None = None) -> Validity | None:
    """The validity period of a promulgated normative document (None for other texts)."""
    if version.text.kind != TextKind.NORMATIVE_DOCUMENT or version.effective_from is None:
        return None
    years = years or validity_years(version.text.title)
    # The last day in force: ``years`` counted from the effective date, which is itself a day of
    # force (so the period starts the day before); a burden on no one, it does not move.
    start = date.fromordinal(version.effective_from.toordinal() - 1)
    until = compute(start, Period(years, Unit.YEARS, VALIDITY_BASIS), kind=PeriodKind.BURDEN).due
    assert until is not None
    validity, _ = Validity.objects.update_or_create(
        version=version,
        defaults={
            "years": years,
            "valid_until": until,
            "basis": VALIDITY_BASIS,
            "evaluation_due": evaluation_due(until),
        },
    )
    return validity


def _may_end(version: TextVersion, actor: Any, basis: str) -> None:
    if actor is None:
        raise StepRefused(Refusal("宣布失效、废止须由工作人员办理", basis))
    unit = version.text.issuing_unit
    units = {unit.pk} if unit is not None else set()
    if unit is not None:
        with suppress(TransitionError):  # a government without a justice bureau
            units.add(filing_office(unit.government).pk)
    if not any(r.role in END_ROLES and r.org_unit_id in units for r in actor.role_rows()):
        raise StepRefused(
            Refusal("宣布失效、废止须由制定机关或其法制机构的经办人、负责人办理", basis)
        )


def _end(
    version: TextVersion,
    state: str,
    kind: str,
    on: date,
    *,
    last_day: date,
    basis: str,
    reason: str = "",
    actor: Any = None,
    cleanup_entry: Any = None,
) -> TextAct:
    locked = TextVersion.objects.select_for_update().select_related("text").get(pk=version.pk)
    if state not in TEXT_TRANSITIONS[locked.state]:
        raise TransitionError(
            Refusal(
                f"“{locked}”当前为“{locked.get_state_display()}”，不能改为“"
                f"{TextState(state).label}”",
                basis,
            )
        )
    assert locked.effective_from is not None
    locked.state = state
    locked.effective_until = max(last_day, locked.effective_from)
    locked.save(update_fields=["state", "effective_until"])
    text = locked.text
    latest = text.versions.exclude(state=TextState.DRAFT).order_by("-effective_from", "-id").first()
    if latest is not None and latest.pk == locked.pk:
        text.state = state
        text.save(update_fields=["state"])
    version.state, version.effective_until = locked.state, locked.effective_until
    return TextAct.objects.create(
        version=locked,
        kind=kind,
        on=on,
        basis=basis,
        reason=reason,
        actor=actor,
        cleanup_entry=cleanup_entry,
    )


def _terminate(
    version: TextVersion,
    state: str,
    kind: str,
    act: str,
    *,
    on: date,
    actor: Any,
    reason: str,
    cleanup_entry: Any,
) -> TextAct:
    """An act of the issuing body that ends the version from ``on`` (its last day in force is
    the day before), with its reason."""
    basis = end_basis(version)
    _may_end(version, actor, basis)
    if not reason.strip():
        raise TransitionError(Refusal(f"{act}须说明理由", basis))
    return _end(
        version,
        state,
        kind,
        on,
        last_day=date.fromordinal(on.toordinal() - 1),
        basis=basis,
        reason=reason,
        actor=actor,
        cleanup_entry=cleanup_entry,
    )


@transaction.atomic
def declare_invalid(
    version: TextVersion, *, on: date, actor: Any, reason: str, cleanup_entry: Any = None
) -> TextAct:
    """宣布失效 from ``on``."""
    return _terminate(
        version,
        TextState.DECLARED_INVALID,
        TextActKind.DECLARED_INVALID,
        "宣布失效",
        on=on,
        actor=actor,
        reason=reason,
        cleanup_entry=cleanup_entry,
    )


@transaction.atomic
def repeal(
    version: TextVersion, *, on: date, actor: Any, reason: str, cleanup_entry: Any = None
) -> TextAct:
    """废止 from ``on``."""
    return _terminate(
        version,
        TextState.REPEALED,
        TextActKind.REPEALED,
        "废止",
        on=on,
        actor=actor,
        reason=reason,
        cleanup_entry=cleanup_entry,
    )


def apply_expiries(today: date | None = None) -> int:
    """失效: every normative document in force whose validity ended before ``today``; returns
    how many. Run daily; the act's date is the day after the last day in force."""
    today = today or timezone.localdate()
    count = 0
    due = (
        Validity.objects.unrestricted("定时任务：规范性文件有效期届满失效")
        .filter(valid_until__lt=today, version__state=TextState.IN_FORCE)
        .select_related("version__text")
    )
    for validity in due:
        with transaction.atomic():
            _end(
                validity.version,
                TextState.EXPIRED,
                TextActKind.EXPIRED,
                day_after(validity.valid_until),
                last_day=validity.valid_until,
                basis=validity.basis,
                reason=f"有效期{validity.years}年届满",
            )
        count += 1
    return count


def remind_evaluations(today: date | None = None) -> int:
    """Tell the issuing unit's clerks and head, once, that the evaluation before expiry is due."""
    today = today or timezone.localdate()
    due = (
        Validity.objects.unrestricted("定时任务：有效期届满前评估提醒")
        .filter(
            evaluation_due__lte=today,
            evaluation_reminded_on__isnull=True,
            evaluated_on__isnull=True,
            version__state=TextState.IN_FORCE,
        )
        .select_related("version__text")
    )
    sent = 0
    for validity in due:
        text = validity.version.text
        staff = RoleAssignment.objects.filter(
            org_unit=text.issuing_unit, role__in=END_ROLES, active=True, staff__is_active=True
        ).values_list("staff_id", flat=True)
        title = (
            f"《{text.title}》有效期至 {validity.valid_until.isoformat()}，"
            f"请于 {validity.evaluation_due.isoformat()} 前完成评估"
        )
        Notification.objects.bulk_create(
            Notification(recipient_id=s, kind=NotificationKind.AWAITING, title=title[:200])
            for s in set(staff)
        )
        Validity.objects.filter(pk=validity.pk).update(evaluation_reminded_on=today)
        sent += 1
    return sent


@transaction.atomic
def record_evaluation(validity: Validity, *, on: date, actor: Any, conclusion: str) -> TextAct:
    """The evaluation before expiry (continue, amend, or let it lapse), by the issuing body."""
    version = validity.version
    _may_end(version, actor, VALIDITY_BASIS)
    if not conclusion.strip():
        raise TransitionError(Refusal("评估须写明结论", VALIDITY_BASIS))
    Validity.objects.filter(pk=validity.pk).update(evaluated_on=on, evaluation=conclusion)
    return TextAct.objects.create(
        version=version,
        kind=TextActKind.EVALUATED,
        on=on,
        basis=VALIDITY_BASIS,
        reason=conclusion,
        actor=actor,
    )
