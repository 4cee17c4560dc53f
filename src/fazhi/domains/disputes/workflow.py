"""行政复议 (行政复议法 2023), step by step, each by a person in a role.

收到申请 (登记) → 受理审查 (五个工作日, 第三十条) → 受理 / 不予受理 / 补正通知 (一次; 收到补正
后重新审查, 第三十一条) → 发送副本 (第四十八条) → 被申请人答复 (十个工作日, 第四十八条) → 决定
(普通程序六十日, 复议机构负责人批准可延长一次不超过三十日; 简易程序三十日不得延长, 第六十二条)
with its outcome; or 驳回复议申请 (受理后, 第三十三条), or 终止 (第四十一条).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from fazhi.core.casework.choices import DeadlineStatus, LinkKind
from fazhi.core.casework.deadlines import cancel, extend, pause, restart, start_deadline
from fazhi.core.casework.models import Case
from fazhi.core.casework.numbering import yearly_case_number
from fazhi.core.casework.services import link_cases
from fazhi.core.casework.workflow import STAY, Refusal, StepContext, Workflow, open_case, register
from fazhi.core.clock import statutes
from fazhi.core.org.choices import Role
from fazhi.core.org.models import OrgUnit

from .choices import (
    OPEN_STATES,
    Outcome,
    ProceduralEnd,
    Procedure,
    ReconsiderationState,
    TerminationReason,
)
from .models import ReconsiderationCase

KIND = "reconsideration"
S = ReconsiderationState
HANDLER = Role.RECONSIDERATION_HANDLER
HEAD = Role.RECONSIDERATION_HEAD

APPLICATION = "reconsideration.application"
REVIEW = "reconsideration.acceptance_review"
CORRECTION = "reconsideration.correction"
COPY = "reconsideration.copy_to_respondent"
SIMPLIFIED_COPY = "reconsideration.simplified_copy"
REPLY = "reconsideration.respondent_reply"
SIMPLIFIED_REPLY = "reconsideration.simplified_reply"
DECISION = "reconsideration.decision"
SIMPLIFIED_DECISION = "reconsideration.simplified_decision"
DECISION_KEYS = (DECISION, SIMPLIFIED_DECISION)


def detail(case: Case) -> ReconsiderationCase:
    return ReconsiderationCase.objects.get(case=case)


def _simplified(case: Case) -> bool:
    return detail(case).procedure == Procedure.SIMPLIFIED


def _running(case: Case, *keys: str) -> list[Any]:
    return list(
        case.deadlines.filter(
            key__in=keys, status__in=[DeadlineStatus.RUNNING, DeadlineStatus.PAUSED]
        )
    )


# -- gates ------------------------------------------------------------------------------------


def within_application_window(ctx: StepContext) -> Refusal | None:
    """第二十条第一款: 自知道或者应当知道该行政行为之日起六十日内提出行政复议申请."""
    rc = detail(ctx.case)
    try:
        result = statutes.compute_statutory(APPLICATION, rc.knew_on)
    except statutes.NotInForce:
        return Refusal(
            f"{rc.knew_on.isoformat()} 适用的申请期限未在本平台登记", "行政复议法 第二十条"
        )
    applied_on = ctx.case.opened_on
    if result.due is not None and applied_on > result.due:
        return Refusal(
            f"申请人于 {rc.knew_on.isoformat()} 知道该行政行为，申请期限至 "
            f"{result.due.isoformat()} 届满，{applied_on.isoformat()} 提出的申请已超过期限",
            result.basis,
        )
    return None


def correction_not_yet_requested(ctx: StepContext) -> Refusal | None:
    """第三十一条: 补正通知应当一次性载明需要补正的事项."""
    if ctx.case.events.filter(kind="request_correction").exists():
        return Refusal("补正通知只能发出一次，须一次性载明需要补正的事项", "行政复议法 第三十一条")
    return None


def review_not_lapsed(ctx: StepContext) -> Refusal | None:
    """第三十一条: 补正通知 within five days of receiving the application, while the review runs."""
    for d in ctx.case.deadlines.filter(key=REVIEW, status=DeadlineStatus.RUNNING):
        if d.due is not None and ctx.on > d.due:
            return Refusal(
                f"受理审查期限已于 {d.due.isoformat()} 届满，不能再通知补正",
                "行政复议法 第三十一条",
            )
    return None


def accepted(ctx: StepContext) -> Refusal | None:
    """No decision (nor dismissal) before acceptance: the state machine says so already; the
    event trail is checked as well, so a case can never carry a decision without an 受理."""
    if not ctx.case.events.filter(kind="accept").exists():
        return Refusal("复议申请尚未受理", "行政复议法 第三十条", missing_step="accept")
    return None


def ordinary_procedure(ctx: StepContext) -> Refusal | None:
    """第六十二条第二款: 简易程序审理期限三十日, 不得延长."""
    if _simplified(ctx.case):
        return Refusal("适用简易程序的案件，审理期限不得延长", "行政复议法 第六十二条第二款")
    return None


def not_yet_extended(ctx: StepContext) -> Refusal | None:
    for d in _running(ctx.case, DECISION):
        if d.extension_amount:
            return Refusal("审理期限只能延长一次", "行政复议法 第六十二条第一款")
    return None


# -- forms ------------------------------------------------------------------------------------


class ReconsiderationForm(forms.Form):
    title = forms.CharField(label="案由", max_length=200)
    act_complained = forms.CharField(
        label="被申请复议的行政行为", widget=forms.Textarea, max_length=4000
    )
    respondent = forms.ModelChoiceField(label="被申请人", queryset=OrgUnit.objects.all())
    knew_on = forms.DateField(label="申请人知道该行政行为之日")
    procedure = forms.ChoiceField(
        label="程序", choices=Procedure.choices, initial=Procedure.ORDINARY
    )
    reviewed_case = forms.ModelChoiceField(
        label="被复议的执法案件（本平台办理的）",
        queryset=Case.objects.filter(kind__in=["penalty", "coercion"]),
        required=False,
    )


class ReasonForm(forms.Form):
    reasons = forms.CharField(label="理由", widget=forms.Textarea, max_length=4000)


class CorrectionForm(forms.Form):
    items = forms.CharField(label="需要补正的事项", widget=forms.Textarea, max_length=4000)


class ExtendForm(forms.Form):
    days = forms.IntegerField(label="延长天数", min_value=1, max_value=30)
    reasons = forms.CharField(label="延长理由", widget=forms.Textarea, max_length=2000)


class DecideForm(forms.Form):
    outcome = forms.ChoiceField(label="复议决定", choices=Outcome.choices)
    reasons = forms.CharField(label="理由", widget=forms.Textarea, max_length=8000)


class TerminateForm(forms.Form):
    reason = forms.ChoiceField(label="终止理由", choices=TerminationReason.choices)
    reasons = forms.CharField(label="说明", widget=forms.Textarea, max_length=2000, required=False)


# -- effects ----------------------------------------------------------------------------------


def _create(actor: Any, unit: Any, data: Any, on: date) -> Case:
    """收到申请: the case exists from the day the application is received, and the five
    working days of the acceptance review (第三十条) run from it."""
    case = open_case(
        KIND,
        title=data["title"],
        owner=unit,
        actor=actor,
        opened_on=on,
        extra_participants=[(data["respondent"], "respondent")],
    )
    ReconsiderationCase.objects.create(
        case=case,
        act_complained=data["act_complained"],
        knew_on=data["knew_on"],
        procedure=data.get("procedure") or Procedure.ORDINARY,
    )
    if data.get("reviewed_case") is not None:
        link_cases(case, data["reviewed_case"], LinkKind.REVIEWS, actor=actor, on=on)
    start_deadline(case, REVIEW, on, actor=actor)
    return case


def _number(case: Case, on: date) -> str:
    return yearly_case_number(case, "FY", on)


def _correction_requested(ctx: StepContext, event: Any) -> None:
    # The review waits for the applicant: it restarts on receipt of the corrected material.
    for d in ctx.case.deadlines.filter(key=REVIEW, status=DeadlineStatus.RUNNING):
        pause(d, ctx.on, actor=ctx.actor, reason="通知补正（行政复议法 第三十一条）")


def _correction_received(ctx: StepContext, event: Any) -> None:
    for d in _running(ctx.case, REVIEW):
        restart(
            d, ctx.on, actor=ctx.actor, reason="收到补正材料，重新审查（行政复议法 第三十一条）"
        )


def _accepted(ctx: StepContext, event: Any) -> None:
    simplified = _simplified(ctx.case)
    start_deadline(ctx.case, SIMPLIFIED_COPY if simplified else COPY, ctx.on, actor=ctx.actor)
    start_deadline(
        ctx.case, SIMPLIFIED_DECISION if simplified else DECISION, ctx.on, actor=ctx.actor
    )


def _copy_sent(ctx: StepContext, event: Any) -> None:
    key = SIMPLIFIED_REPLY if _simplified(ctx.case) else REPLY
    rc = detail(ctx.case)
    start_deadline(ctx.case, key, ctx.on, org_unit=rc.respondent(), actor=ctx.actor)


def _extended(ctx: StepContext, event: Any) -> None:
    for d in _running(ctx.case, DECISION):
        extend(d, approved_by=ctx.actor, reason=ctx.data["reasons"], amount=ctx.data["days"])


def _end(ctx: StepContext, reason: str, **fields: Any) -> None:
    """The case ends: its fields, and the office's clocks that no longer run."""
    ReconsiderationCase.objects.filter(case=ctx.case).update(ended_on=ctx.on, **fields)
    for d in ctx.case.deadlines.filter(status__in=[DeadlineStatus.RUNNING, DeadlineStatus.PAUSED]):
        cancel(d, ctx.actor, reason)


def _not_accepted(ctx: StepContext, event: Any) -> None:
    _end(
        ctx,
        "不予受理",
        procedural_end=ProceduralEnd.NOT_ACCEPTED,
        end_reasons=ctx.data["reasons"],
    )


def _dismissed(ctx: StepContext, event: Any) -> None:
    _end(
        ctx,
        "驳回复议申请",
        procedural_end=ProceduralEnd.APPLICATION_DISMISSED,
        end_reasons=ctx.data["reasons"],
    )


def _terminated(ctx: StepContext, event: Any) -> None:
    _end(
        ctx,
        "行政复议终止",
        procedural_end=ProceduralEnd.TERMINATED,
        termination_reason=ctx.data["reason"],
        end_reasons=ctx.data.get("reasons", ""),
    )


def _decided(ctx: StepContext, event: Any) -> None:
    _end(ctx, "已作出复议决定", outcome=ctx.data["outcome"], end_reasons=ctx.data["reasons"])


# -- the workflow -----------------------------------------------------------------------------

WORKFLOW = register(
    Workflow(
        KIND,
        "行政复议案件",
        ReconsiderationState,
        ReconsiderationState.RECEIVED,
        numbering=_number,
        detail=lambda case: ReconsiderationCase.objects.filter(case=case).first(),
        create_form=ReconsiderationForm,
        create_roles=frozenset({HANDLER}),
        create=_create,
    )
)
WORKFLOW.add(
    "request_correction",
    "补正通知",
    [S.RECEIVED],
    S.CORRECTION,
    staff_roles=[HANDLER],
    basis="行政复议法 第三十一条",
    gates=[correction_not_yet_requested, review_not_lapsed],
    form=CorrectionForm,
    starts=(CORRECTION,),
    effect=_correction_requested,
)
WORKFLOW.add(
    "receive_correction",
    "收到补正材料",
    [S.CORRECTION],
    S.RECEIVED,
    staff_roles=[HANDLER],
    basis="行政复议法 第三十一条",
    meets=(CORRECTION,),
    effect=_correction_received,
)
WORKFLOW.add(
    "accept",
    "受理",
    [S.RECEIVED],
    S.ACCEPTED,
    staff_roles=[HANDLER],
    basis="行政复议法 第三十条",
    gates=[within_application_window],
    files_case=True,
    meets=(REVIEW,),
    effect=_accepted,
)
WORKFLOW.add(
    "not_accept",
    "不予受理",
    [S.RECEIVED],
    S.NOT_ACCEPTED,
    staff_roles=[HANDLER],
    basis="行政复议法 第三十条",
    form=ReasonForm,
    meets=(REVIEW,),
    closes=True,
    effect=_not_accepted,
)
WORKFLOW.add(
    "send_copy",
    "发送申请书副本",
    [S.ACCEPTED],
    STAY,
    staff_roles=[HANDLER],
    basis="行政复议法 第四十八条",
    gates=[accepted],
    meets=(COPY, SIMPLIFIED_COPY),
    effect=_copy_sent,
)
WORKFLOW.add(
    "reply",
    "被申请人答复",
    [S.ACCEPTED],
    S.REPLIED,
    # The respondent department answers on its own account.
    staff_roles=[Role.CLERK, Role.DEPARTMENT_HEAD],
    by_roles=["respondent"],
    basis="行政复议法 第四十八条",
    gates=[accepted],
    meets=(REPLY, SIMPLIFIED_REPLY),
)
WORKFLOW.add(
    "extend",
    "延长审理期限",
    [S.ACCEPTED, S.REPLIED],
    STAY,
    staff_roles=[HEAD],
    basis="行政复议法 第六十二条第一款",
    gates=[accepted, ordinary_procedure, not_yet_extended],
    form=ExtendForm,
    effect=_extended,
)
WORKFLOW.add(
    "decide",
    "作出行政复议决定",
    [S.ACCEPTED, S.REPLIED],
    S.DECIDED,
    staff_roles=[HEAD],
    basis="行政复议法 第六十二条",
    gates=[accepted],
    form=DecideForm,
    meets=DECISION_KEYS,
    closes=True,
    effect=_decided,
)
WORKFLOW.add(
    "dismiss",
    "驳回复议申请",
    [S.ACCEPTED, S.REPLIED],
    S.APPLICATION_DISMISSED,
    staff_roles=[HEAD],
    basis="行政复议法 第三十三条",
    gates=[accepted],
    form=ReasonForm,
    closes=True,
    effect=_dismissed,
)
WORKFLOW.add(
    "terminate",
    "终止行政复议",
    list(OPEN_STATES),
    S.TERMINATED,
    staff_roles=[HEAD],
    basis="行政复议法 第四十一条",
    form=TerminateForm,
    closes=True,
    effect=_terminated,
)
