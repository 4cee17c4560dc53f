"""行政复议 (行政复议法 2023; the 1999 law as amended in 2009 and 2017 for applications received
before 2024-01-01), step by step, each by a person in a role.

收到申请 (登记) → 受理审查 (五个工作日, 第三十条) → 受理 / 不予受理 / 补正通知 (一次; 收到补正
后重新审查, 第三十一条) → 发送副本 (第四十八条) → 被申请人答复 (十个工作日, 第四十八条) → 决定
(普通程序六十日, 复议机构负责人批准可延长一次不超过三十日; 简易程序三十日不得延长, 第六十二条)
with its outcome; or 驳回复议申请 (受理后, 第三十三条), or 终止 (第四十一条).

The law of the case is chosen by the day the application was received (``law``): the periods
are the dated versions in ``fazhi.core.clock.statutes``; the gates cite the articles of that
law. 视为受理, 中止/恢复 and the switch of procedure are in ``clock.py``; 调解 and 和解 in
``agreement.py``.
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
from fazhi.core.casework.workflow import (
    STAY,
    Refusal,
    StepContext,
    TransitionError,
    Workflow,
    open_case,
    register,
)
from fazhi.core.clock import statutes
from fazhi.core.clock.periods import Period, PeriodKind, Unit
from fazhi.core.org.choices import Role
from fazhi.core.org.models import OrgUnit

from .choices import (
    DECISION_OUTCOMES,
    OPEN_STATES,
    UNRESUMED_GROUNDS,
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
# Steps that accept the application: the handler's 受理, or the law's when the review lapses.
ACCEPTANCE_STEPS = ("accept", "deem_accept")
# The 2023 law took effect on this day (第九十条); an application received before it is handled
# under the 1999 law as amended in 2009 and 2017.
LAW_2023_FROM = date(2024, 1, 1)
LAW_1999 = "1999"
LAW_2023 = "2023"
# The articles a gate cites, per law (1999: LawRefBook/Laws 行政复议法(2017-09-01).md).
ARTICLES = {
    LAW_1999: {
        "application": "行政复议法（1999）第九条",
        "acceptance": "行政复议法（1999）第十七条",
        "extension": "行政复议法（1999）第三十一条",
        "decision": "行政复议法（1999）第三十一条",
        "suspension": "行政复议法实施条例 第四十一条",
        "termination": "行政复议法实施条例 第四十二条第二款",
    },
    LAW_2023: {
        "application": "行政复议法 第二十条",
        "acceptance": "行政复议法 第三十条",
        "extension": "行政复议法 第六十二条第一款",
        "decision": "行政复议法 第六十二条",
        "suspension": "行政复议法 第三十九条",
        "termination": "行政复议法 第四十一条第一款第五项",
    },
}


# 第四十一条第一款第五项: 中止满六十日 (natural days, 民事诉讼法 第八十五条) — the earliest
# day the case may be terminated for a suspension unresumed; nothing moves past rest days.
SUSPENSION_LIMIT = statutes.register(
    statutes.StatutoryPeriod(
        "reconsideration.suspension_limit",
        "中止满六十日",
        (
            # 行政复议法实施条例 (施行2007-08-01) 第四十二条第二款: the same sixty days.
            statutes.Version(
                date(2007, 8, 1), Period(60, Unit.DAYS, "行政复议法实施条例 第四十二条第二款")
            ),
            statutes.Version(
                LAW_2023_FROM, Period(60, Unit.DAYS, "行政复议法 第四十一条第一款第五项")
            ),
        ),
        kind=PeriodKind.EARLIEST,
    )
).key


_DETAIL = "_reconsideration_detail"


def detail(case: Case) -> ReconsiderationCase:
    """The case's detail, read once per step: the gates and effects of one step ask for it
    several times on the step's own (locked) case instance."""
    rc = case.__dict__.get(_DETAIL)
    if rc is None:
        rc = ReconsiderationCase.objects.get(case=case)
        case.__dict__[_DETAIL] = rc
    return rc


def update_detail(case: Case, **fields: Any) -> None:
    """Write fields of the case's detail; the next ``detail(case)`` reads them back."""
    ReconsiderationCase.objects.filter(case=case).update(**fields)
    case.__dict__.pop(_DETAIL, None)


def law(case: Case) -> str:
    """The law the case is handled under, by the day the application was received."""
    return LAW_1999 if case.opened_on < LAW_2023_FROM else LAW_2023


def article(case: Case, what: str) -> str:
    return ARTICLES[law(case)][what]


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
            f"{rc.knew_on.isoformat()} 适用的申请期限未在本平台登记",
            article(ctx.case, "application"),
        )
    applied_on = ctx.case.opened_on
    if result.due is not None and applied_on > result.due:
        return Refusal(
            f"申请人于 {rc.knew_on.isoformat()} 知道该行政行为，申请期限至 "
            f"{result.due.isoformat()} 届满，{applied_on.isoformat()} 提出的申请已超过期限",
            article(ctx.case, "application"),
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
    if not ctx.case.events.filter(kind__in=ACCEPTANCE_STEPS).exists():
        return Refusal("复议申请尚未受理", article(ctx.case, "acceptance"), missing_step="accept")
    return None


def not_suspended(ctx: StepContext) -> Refusal | None:
    """第三十九条: while the case is suspended (中止) it is not decided, dismissed nor extended."""
    rc = detail(ctx.case)
    if rc.suspended_on is not None:
        return Refusal(
            f"本案已于 {rc.suspended_on.isoformat()} 中止（{rc.get_suspension_ground_display()}），"
            "须先恢复审理",
            article(ctx.case, "suspension"),
            missing_step="resume",
        )
    return None


def ordinary_procedure(ctx: StepContext) -> Refusal | None:
    """第六十二条第二款: 简易程序审理期限三十日, 不得延长."""
    if _simplified(ctx.case):
        return Refusal("适用简易程序的案件，审理期限不得延长", "行政复议法 第六十二条第二款")
    return None


def not_yet_extended(ctx: StepContext) -> Refusal | None:
    for d in _running(ctx.case, DECISION):
        if d.extension_amount:
            return Refusal("审理期限只能延长一次", article(ctx.case, "extension"))
    return None


def termination_grounds(ctx: StepContext) -> Refusal | None:
    """第四十一条第一款第五项: only a suspension on the grounds of 第三十九条第一款第一项、第二项、
    第四项 that has lasted sixty days without its cause removed ends the case."""
    if ctx.data.get("reason") != TerminationReason.SUSPENSION_UNRESUMED:
        return None
    basis = article(ctx.case, "termination")
    rc = detail(ctx.case)
    if rc.suspended_on is None or rc.suspension_ground not in UNRESUMED_GROUNDS:
        return Refusal(
            "只有因申请人死亡、丧失行为能力或者组织终止而中止的案件，中止满六十日原因仍未消除的，"
            "才能以此终止",
            basis,
        )
    limit = statutes.compute_statutory(SUSPENSION_LIMIT, rc.suspended_on).due
    if limit is not None and ctx.on <= limit:
        return Refusal(
            f"本案于 {rc.suspended_on.isoformat()} 中止，至 {limit.isoformat()} 方满六十日", basis
        )
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
    outcome = forms.ChoiceField(label="复议决定", choices=DECISION_OUTCOMES)
    reasons = forms.CharField(label="理由", widget=forms.Textarea, max_length=8000)


class TerminateForm(forms.Form):
    reason = forms.ChoiceField(label="终止理由", choices=TerminationReason.choices)
    reasons = forms.CharField(label="说明", widget=forms.Textarea, max_length=2000, required=False)


# -- effects ----------------------------------------------------------------------------------


def _create(actor: Any, unit: Any, data: Any, on: date) -> Case:
    """收到申请: the case exists from the day the application is received, and the five
    working days of the acceptance review (第三十条) run from it."""
    if data.get("procedure") == Procedure.SIMPLIFIED and on < LAW_2023_FROM:
        raise TransitionError(
            Refusal(
                f"{on.isoformat()} 收到的申请适用1999年行政复议法，该法未规定简易程序",
                "行政复议法 第五十三条",
            )
        )
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


def start_accepted(case: Case, on: date, actor: Any) -> None:
    """受理 on ``on`` (by the handler or by the law): the copy and the decision clocks of the
    case's procedure run from that day (第四十八条、第五十四条、第六十二条)."""
    update_detail(case, accepted_on=on)
    simplified = _simplified(case)
    start_deadline(case, SIMPLIFIED_COPY if simplified else COPY, on, actor=actor)
    start_deadline(case, SIMPLIFIED_DECISION if simplified else DECISION, on, actor=actor)


def _accepted(ctx: StepContext, event: Any) -> None:
    start_accepted(ctx.case, ctx.on, ctx.actor)


def _copy_sent(ctx: StepContext, event: Any) -> None:
    key = SIMPLIFIED_REPLY if _simplified(ctx.case) else REPLY
    rc = detail(ctx.case)
    start_deadline(ctx.case, key, ctx.on, org_unit=rc.respondent(), actor=ctx.actor)


def _extended(ctx: StepContext, event: Any) -> None:
    for d in _running(ctx.case, DECISION):
        extend(d, approved_by=ctx.actor, reason=ctx.data["reasons"], amount=ctx.data["days"])


def _end(ctx: StepContext, reason: str, **fields: Any) -> None:
    """The case ends: its fields, and the office's clocks that no longer run."""
    # A case that ends while suspended is no longer suspended; the 中止 stays on the record.
    update_detail(ctx.case, ended_on=ctx.on, suspension_ground="", suspended_on=None, **fields)
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
    "deem_accept",
    "视为受理",
    [S.RECEIVED],
    S.ACCEPTED,
    # The law accepts the application when the review lapses without 不予受理; taken by the
    # lapse job (clock.py), never by a person.
    staff_roles=[],
    basis="行政复议法 第三十条第三款",
    system=True,
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
    gates=[accepted, not_suspended, ordinary_procedure, not_yet_extended],
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
    gates=[accepted, not_suspended],
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
    gates=[accepted, not_suspended],
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
    gates=[termination_grounds],
    form=TerminateForm,
    closes=True,
    effect=_terminated,
)
