"""The reconsideration clocks beyond the main path: 视为受理 when the acceptance review lapses,
中止 and 恢复 (the decision clock paused and resumed), and the switch from the simplified to the
ordinary procedure.

- 视为受理 (行政复议法 第三十条第三款): the review period declares a ``Lapse``; the casework
  lapse job records it and calls ``deem_accepted``, which takes the system step ``deem_accept``
  on the day the law names — the lapse day under the 2023 law, the day of receipt under the
  1999 law (第十七条第二款: 自收到之日起即为受理). The copy and decision clocks run from it.
- 中止 (第三十九条; 1999 law: 实施条例 第四十一条) pauses the decision clock from its day; 恢复
  resumes it with the days it had left; neither is possible once the clock has run out.
- 转为普通程序 (第五十五条, approved by the head of the reconsideration body): the law says
  nothing of a new start, so the ordinary periods run from the days the simplified ones did —
  the decision (第六十二条第一款) from acceptance, the copy (第四十八条) from acceptance while it
  is unsent, the reply from the day the copy was sent; periods already met stay met.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from fazhi.core.casework.choices import DeadlineStatus
from fazhi.core.casework.deadlines import (
    cancel,
    pause,
    register_lapse_hook,
    resume,
    start_deadline,
)
from fazhi.core.casework.models import Case, Deadline
from fazhi.core.casework.workflow import STAY, Refusal, StepContext, take_system
from fazhi.core.clock import statutes

from .choices import Procedure, ReconsiderationState, SuspensionGround
from .workflow import (
    COPY,
    DECISION,
    DECISION_KEYS,
    HEAD,
    KIND,
    LAW_2023_FROM,
    REPLY,
    REVIEW,
    SIMPLIFIED_COPY,
    SIMPLIFIED_DECISION,
    SIMPLIFIED_REPLY,
    WORKFLOW,
    _running,
    accepted,
    article,
    detail,
    not_suspended,
    update_detail,
)

S = ReconsiderationState
ACTIVE = [S.ACCEPTED, S.REPLIED]


# -- 视为受理 ---------------------------------------------------------------------------------


def deem_accepted(deadline: Deadline, lapse: statutes.Lapse, effective_on: date) -> None:
    """The lapse hook of ``reconsideration.acceptance_review``: the application is accepted by
    the law on ``effective_on``. A case no longer waiting for its review (not accepted,
    withdrawn) is left alone; the lapse event is on its record either way."""
    case = Case.objects.get(pk=deadline.case_id)
    if case.kind != KIND or case.state != S.RECEIVED:
        return
    take_system(case, "deem_accept", on=effective_on, note=f"{lapse.consequence}（{lapse.basis}）")


register_lapse_hook(REVIEW, deem_accepted)


# -- 中止 / 恢复 ------------------------------------------------------------------------------


def _decision_clocks(case: Case) -> list[Deadline]:
    return _running(case, *DECISION_KEYS)


def not_already_suspended(ctx: StepContext) -> Refusal | None:
    rc = detail(ctx.case)
    if rc.suspended_on is not None:
        return Refusal(
            f"本案已于 {rc.suspended_on.isoformat()} 中止", article(ctx.case, "suspension")
        )
    return None


def decision_clock_running(ctx: StepContext) -> Refusal | None:
    """A clock that has run out cannot be paused out of the overdue list after the fact."""
    for d in _decision_clocks(ctx.case):
        if d.status == DeadlineStatus.RUNNING and d.due is not None and ctx.on > d.due:
            return Refusal(
                f"审理期限已于 {d.due.isoformat()} 届满，不能再中止",
                article(ctx.case, "decision"),
            )
        if d.start > ctx.on:
            return Refusal("中止日期不能早于受理日期", article(ctx.case, "suspension"))
    return None


def suspended(ctx: StepContext) -> Refusal | None:
    rc = detail(ctx.case)
    if rc.suspended_on is None:
        return Refusal("本案未中止，无需恢复", article(ctx.case, "suspension"))
    if ctx.on < rc.suspended_on:
        return Refusal(
            f"恢复日期不能早于中止日期 {rc.suspended_on.isoformat()}",
            article(ctx.case, "suspension"),
        )
    return None


class SuspendForm(forms.Form):
    ground = forms.ChoiceField(label="中止情形", choices=SuspensionGround.choices)
    reasons = forms.CharField(label="说明", widget=forms.Textarea, max_length=2000, required=False)


def _suspended(ctx: StepContext, event: Any) -> None:
    ground = ctx.data["ground"]
    update_detail(ctx.case, suspension_ground=ground, suspended_on=ctx.on)
    label = SuspensionGround(ground).label
    for d in _decision_clocks(ctx.case):
        pause(d, ctx.on, actor=ctx.actor, reason=f"行政复议中止：{label}")


def _resumed(ctx: StepContext, event: Any) -> None:
    update_detail(ctx.case, suspension_ground="", suspended_on=None)
    for d in _decision_clocks(ctx.case):
        if d.status == DeadlineStatus.PAUSED:
            resume(d, ctx.on, actor=ctx.actor)


WORKFLOW.add(
    "suspend",
    "中止行政复议",
    ACTIVE,
    STAY,
    staff_roles=[HEAD],
    basis="行政复议法 第三十九条",
    gates=[accepted, not_already_suspended, decision_clock_running],
    form=SuspendForm,
    effect=_suspended,
)
WORKFLOW.add(
    "resume",
    "恢复审理",
    ACTIVE,
    STAY,
    staff_roles=[HEAD],
    basis="行政复议法 第三十九条第二款",
    gates=[suspended],
    effect=_resumed,
)


# -- 简易程序转为普通程序 -----------------------------------------------------------------------


def simplified_procedure(ctx: StepContext) -> Refusal | None:
    if detail(ctx.case).procedure != Procedure.SIMPLIFIED:
        return Refusal("本案适用普通程序，无需转换", "行政复议法 第五十五条")
    return None


def within_simplified_period(ctx: StepContext) -> Refusal | None:
    """A case past its thirty days is late under the simplified procedure; switching then would
    hide the lateness under the longer ordinary period."""
    for d in _running(ctx.case, SIMPLIFIED_DECISION):
        if d.due is not None and ctx.on > d.due:
            return Refusal(
                f"简易程序审理期限已于 {d.due.isoformat()} 届满，不能再转为普通程序",
                "行政复议法 第六十二条第二款",
            )
    return None


class SwitchForm(forms.Form):
    reasons = forms.CharField(
        label="不宜适用简易程序的理由", widget=forms.Textarea, max_length=2000
    )


def _rebase(case: Case, old: str, new: str, actor: Any, reason: str, **kwargs: Any) -> None:
    for d in _running(case, old):
        start = d.start
        cancel(d, actor, reason)
        start_deadline(case, new, start, actor=actor, **kwargs)


def _switched(ctx: StepContext, event: Any) -> None:
    case = ctx.case
    update_detail(case, procedure=Procedure.ORDINARY)
    reason = "转为普通程序审理（行政复议法 第五十五条）"
    _rebase(case, SIMPLIFIED_COPY, COPY, ctx.actor, reason)
    _rebase(case, SIMPLIFIED_REPLY, REPLY, ctx.actor, reason, org_unit=detail(case).respondent())
    _rebase(case, SIMPLIFIED_DECISION, DECISION, ctx.actor, reason)


WORKFLOW.add(
    "switch_to_ordinary",
    "转为普通程序",
    ACTIVE,
    STAY,
    staff_roles=[HEAD],
    basis="行政复议法 第五十五条",
    gates=[accepted, simplified_procedure, not_suspended, within_simplified_period],
    form=SwitchForm,
    effect=_switched,
)

__all__ = ["LAW_2023_FROM", "deem_accepted"]
