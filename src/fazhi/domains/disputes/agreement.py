"""Ending a reconsideration by agreement.

- 调解 (行政复议法 第七十三条): the parties agree; the 调解书, signed by all and sealed by the
  reconsideration body, takes effect and closes the case with the outcome ``mediate`` (the
  seed's "以调解意见结案"). It may conclude a case suspended for mediation (第三十九条第一款第六项).
- 和解 (第七十四条): the parties settle before the decision; the settlement is recorded, then the
  applicant withdraws and the case is terminated (reason withdrawn, 第四十一条第一款第一项) — no
  outcome of its own, and the applicant may not apply again on the same facts and reasons.
"""

from __future__ import annotations

from typing import Any

from django import forms

from fazhi.core.casework.choices import DeadlineStatus
from fazhi.core.casework.deadlines import mark_met
from fazhi.core.casework.workflow import STAY, Refusal, StepContext

from .choices import Outcome, ReconsiderationState
from .workflow import DECISION_KEYS, HANDLER, HEAD, WORKFLOW, _end, accepted, detail, update_detail

S = ReconsiderationState
ACTIVE = [S.ACCEPTED, S.REPLIED]


class MediationForm(forms.Form):
    terms = forms.CharField(label="调解协议内容", widget=forms.Textarea, max_length=8000)
    signed = forms.BooleanField(label="调解书已经各方当事人签字或者签章")


class SettlementForm(forms.Form):
    terms = forms.CharField(label="和解内容", widget=forms.Textarea, max_length=8000)


def not_yet_settled(ctx: StepContext) -> Refusal | None:
    rc = detail(ctx.case)
    if rc.settled_on is not None:
        return Refusal(
            f"本案已于 {rc.settled_on.isoformat()} 达成和解，请办理撤回申请、终止行政复议",
            "行政复议法 第七十四条",
            missing_step="terminate",
        )
    return None


def _mediated(ctx: StepContext, event: Any) -> None:
    # The 调解书 concludes the case on its day: the decision clock is met, even if it was
    # paused for the mediation (第三十九条第一款第六项).
    for d in ctx.case.deadlines.filter(key__in=DECISION_KEYS, status=DeadlineStatus.PAUSED):
        mark_met(d, ctx.on, actor=ctx.actor)
    _end(ctx, "调解结案", outcome=Outcome.MEDIATE, end_reasons=ctx.data["terms"])


def _settled(ctx: StepContext, event: Any) -> None:
    update_detail(ctx.case, settled_on=ctx.on)


WORKFLOW.add(
    "mediate",
    "制作行政复议调解书",
    ACTIVE,
    S.MEDIATED,
    staff_roles=[HEAD],
    basis="行政复议法 第七十三条",
    gates=[accepted],
    form=MediationForm,
    meets=DECISION_KEYS,
    closes=True,
    effect=_mediated,
)
WORKFLOW.add(
    "settle",
    "记录和解",
    ACTIVE,
    STAY,
    staff_roles=[HANDLER],
    basis="行政复议法 第七十四条",
    gates=[accepted, not_yet_settled],
    form=SettlementForm,
    effect=_settled,
)
