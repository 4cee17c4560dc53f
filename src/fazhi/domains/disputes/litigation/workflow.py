"""行政应诉 (行政诉讼法), step by step, each by a person in a role of a defendant (or of the
unit that registered the lawsuit, e.g. the justice bureau for the city government).

收到起诉状副本 (登记; 十五日内答辩举证, 第六十七条) → 提交答辩状及证据 → 开庭 (每次庭审记录
负责人是否出庭, 第三条第三款) → 一审判决或裁定 (送达后上诉期: 判决十五日、裁定十日, 第八十五条)
→ 上诉 (二审) or 生效结案; 二审、再审终审裁判; 原告撤诉、调解结案; 再审. 司法建议 may be received
at any stage and is answered by its deadline.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from fazhi.core.casework.choices import DeadlineStatus, LinkKind
from fazhi.core.casework.deadlines import cancel, mark_met, start_deadline
from fazhi.core.casework.models import Case, Participant
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
from fazhi.core.org.choices import Role
from fazhi.core.org.models import OrgUnit

from ..litigation_choices import (
    HEAD_APPEARERS,
    Appearer,
    DecisionType,
    DefendantCapacity,
    InstanceLevel,
    LawsuitOutcome,
    LawsuitState,
)
from ..models import (
    Appearance,
    CourtInstance,
    CourtSession,
    JudicialSuggestion,
    LawsuitCase,
    LawsuitDefendant,
)
from . import periods
from .forms import (
    AppealForm,
    DefenceForm,
    EndForm,
    HearingForm,
    JudgeForm,
    LawsuitForm,
    RetrialForm,
    SuggestionForm,
    SuggestionReplyForm,
)

KIND = "lawsuit"
S = LawsuitState
# A defendant department's clerk (经办人) or head acts for it; the defendants take part in the
# case as respondents (the generic role of the body answering a complaint).
ACTORS = (Role.CLERK, Role.DEPARTMENT_HEAD)
UNITS = ("owner", "respondent")
DEFENDANT_ROLE = "respondent"
# 2018解释 第一百三十三条: 维持 includes 驳回复议请求 (but not a dismissal of the application
# as inadmissible).
UPHOLD_SET = frozenset({"uphold", "claim_rejected"})
CO_DEFENDANT_BASIS = "行政诉讼法 第二十六条第二款"
APPEARANCE_BASIS = "行政诉讼法 第三条第三款"
HEAD_RULE_2020 = date(2020, 7, 1)


def detail(case: Case) -> LawsuitCase:
    return LawsuitCase.objects.get(case=case)


def current_instance(case: Case) -> CourtInstance:
    instance = detail(case).current_instance()
    if instance is None:  # every lawsuit is registered with its first instance
        raise TransitionError("本案没有审级记录")
    return instance


def absence_basis(on: date) -> str:
    """The rule on the reasons a head may give, by the date of the hearing."""
    if on >= HEAD_RULE_2020:
        return "最高人民法院关于行政机关负责人出庭应诉若干问题的规定 第八条"
    return "最高人民法院关于适用《中华人民共和国行政诉讼法》的解释 第一百二十九条第三款"


# -- gates ------------------------------------------------------------------------------------


def _defendant(ctx: StepContext) -> LawsuitDefendant:
    return LawsuitDefendant.objects.get(lawsuit__case=ctx.case, org_unit=ctx.data["defendant"])


def defence_not_filed(ctx: StepContext) -> Refusal | None:
    if "defendant" not in ctx.data:  # the form's own refusal says what is missing
        return None
    d = _defendant(ctx)
    if d.defence_filed_on is not None:
        return Refusal(
            f"{d.org_unit}已于 {d.defence_filed_on.isoformat()} 提交答辩状和证据",
            "行政诉讼法 第六十七条",
        )
    return None


def reason_when_head_absent(ctx: StepContext) -> Refusal | None:
    """行政诉讼法 第三条第三款: the head appears; when not, the reason is recorded."""
    if "appearer" not in ctx.data or ctx.data["appearer"] in HEAD_APPEARERS:
        return None
    if not ctx.data.get("absence_reason"):
        return Refusal(
            "负责人未出庭应诉的，须选择不能出庭的理由（不可抗力、意外事件、需要履行他人不能代替"
            "的公务或者其他正当事由）并说明",
            absence_basis(ctx.on),
        )
    return None


def appearer_named(ctx: StepContext) -> Refusal | None:
    if ctx.data.get("appearer", Appearer.NOBODY) != Appearer.NOBODY and not ctx.data.get("name"):
        return Refusal(
            "须填写出庭人员的姓名和职务",
            "最高人民法院关于适用《中华人民共和国行政诉讼法》的解释 第一百三十一条",
        )
    return None


def not_recorded_twice(ctx: StepContext) -> Refusal | None:
    if "defendant" not in ctx.data:
        return None
    instance = current_instance(ctx.case)
    if Appearance.objects.filter(
        hearing__instance=instance, hearing__held_on=ctx.on, defendant=ctx.data["defendant"]
    ).exists():
        return Refusal(f"{ctx.data['defendant']} {ctx.on.isoformat()} 的出庭情况已经记录")
    return None


def not_before_instance(ctx: StepContext) -> Refusal | None:
    instance = current_instance(ctx.case)
    if ctx.on < instance.started_on:
        return Refusal(
            f"{instance.get_level_display()}自 {instance.started_on.isoformat()} 开始，"
            f"{ctx.on.isoformat()} 早于该日期"
        )
    return None


def within_appeal_period(ctx: StepContext) -> Refusal | None:
    for d in _appeal_deadlines(ctx.case):
        if d.due is not None and ctx.on > d.due:
            return Refusal(
                f"上诉期限已于 {d.due.isoformat()} 届满，一审裁判已发生法律效力", d.basis
            )
    return None


def appeal_period_over(ctx: StepContext) -> Refusal | None:
    for d in _appeal_deadlines(ctx.case):
        if d.due is None or ctx.on <= d.due:
            until = d.due.isoformat() if d.due else "—"
            return Refusal(f"上诉期限至 {until} 届满，届满前一审裁判尚未生效", d.basis)
    return None


def suggestion_due(ctx: StepContext) -> Refusal | None:
    if "defendant" not in ctx.data:
        return None
    if ctx.data.get("reply_due") is not None:
        if ctx.data["reply_due"] < ctx.on:
            return Refusal("答复期限不能早于收到司法建议之日")
        return None
    if ctx.on < periods.SUGGESTION_RULE_FROM:
        return Refusal(
            f"{periods.SUGGESTION_RULE_FROM.isoformat()} 前收到的司法建议没有统一的答复期限，"
            "须填写建议书载明的答复期限",
            periods.SUGGESTION_RULE,
        )
    return None


def _appeal_deadlines(case: Case) -> list[Any]:
    return list(
        case.deadlines.filter(
            key__in=[periods.APPEAL_JUDGMENT, periods.APPEAL_RULING],
            status=DeadlineStatus.RUNNING,
        )
    )


# -- effects ----------------------------------------------------------------------------------


def _co_defendant_refusal(data: Any) -> Refusal | None:
    """第二十六条第二款: 复议机关决定维持原行政行为的, 作出原行政行为的行政机关和复议机关是共同
    被告; 复议机关改变原行政行为的, 复议机关是被告."""
    recon = data.get("reconsideration_case")
    if recon is None:
        return None
    from ..models import ReconsiderationCase

    rc = ReconsiderationCase.objects.filter(case=recon).first()
    # The 复议机关 is the government whose 复议机构 (the justice bureau) handled the case.
    owner = recon.owner_unit()
    body = owner.government if owner is not None else None
    if rc is None or not rc.outcome:
        return Refusal("所关联的复议案件尚未作出复议决定", CO_DEFENDANT_BASIS)
    named = data.get("reconsideration_body")
    if rc.outcome in UPHOLD_SET and named != body:
        return Refusal(
            f"复议机关决定维持原行政行为的，作出原行政行为的行政机关和复议机关（{body}）是共同被告",
            CO_DEFENDANT_BASIS,
        )
    if rc.outcome not in UPHOLD_SET and data["defendant"] != body:
        return Refusal(f"复议机关改变原行政行为的，复议机关（{body}）是被告", CO_DEFENDANT_BASIS)
    return None


def _create(actor: Any, unit: Any, data: Any, on: date) -> Case:
    """收到起诉状副本: registered on the day of service; each defendant's fifteen days (第六十七条)
    run from it."""
    refusal = _co_defendant_refusal(data)
    if refusal is not None:
        raise TransitionError(refusal)
    served = data["served_on"]
    recon = data.get("reconsideration_case")
    changed = recon is not None and not data.get("reconsideration_body")
    defendants: list[tuple[OrgUnit, str]] = [
        (
            data["defendant"],
            DefendantCapacity.RECONSIDERATION_CHANGED if changed else DefendantCapacity.ACTING_BODY,
        )
    ]
    if data.get("reconsideration_body") is not None:
        defendants.append((data["reconsideration_body"], DefendantCapacity.RECONSIDERATION_UPHELD))
    for other in data.get("other_defendants") or ():
        defendants.append((other, DefendantCapacity.OTHER))
    unique: list[tuple[OrgUnit, str]] = []
    for u, c in defendants:
        if all(u.pk != other.pk for other, _ in unique):
            unique.append((u, c))
    case = open_case(
        KIND,
        title=data["title"],
        owner=unit,
        actor=actor,
        opened_on=served,
        extra_participants=[(u, DEFENDANT_ROLE) for u, _ in unique],
    )
    case.number = yearly_case_number(case, "YS", served)
    case.save(update_fields=["number"])
    lawsuit = LawsuitCase.objects.create(
        case=case, cause=data["title"], plaintiffs=data["plaintiffs"], served_on=served
    )
    for u, capacity in unique:
        LawsuitDefendant.objects.create(lawsuit=lawsuit, org_unit=u, capacity=capacity)
        start_deadline(case, periods.DEFENCE, served, org_unit=u, actor=actor)
    CourtInstance.objects.create(
        lawsuit=lawsuit,
        level=InstanceLevel.FIRST,
        court=data["court"],
        court_number=data["court_number"],
        started_on=served,
    )
    for linked in (recon, data.get("enforcement_case")):
        if linked is not None:
            link_cases(case, linked, LinkKind.LITIGATES, actor=actor, on=on)
    return case


def _defence_filed(ctx: StepContext, event: Any) -> None:
    d = _defendant(ctx)
    late = False
    for dl in ctx.case.deadlines.filter(
        key=periods.DEFENCE, org_unit=d.org_unit, status=DeadlineStatus.RUNNING
    ):
        late = dl.due is not None and ctx.on > dl.due
        mark_met(dl, ctx.on, actor=ctx.actor)
    LawsuitDefendant.objects.filter(pk=d.pk).update(defence_filed_on=ctx.on, defence_late=late)


def _hearing_recorded(ctx: StepContext, event: Any) -> None:
    hearing, _ = CourtSession.objects.get_or_create(
        instance=current_instance(ctx.case), held_on=ctx.on
    )
    data = ctx.data
    head = data["appearer"] in HEAD_APPEARERS
    Appearance.objects.create(
        hearing=hearing,
        defendant=data["defendant"],
        appearer=data["appearer"],
        name=data.get("name", ""),
        post=data.get("post", ""),
        absence_reason="" if head else data.get("absence_reason", ""),
        absence_note="" if head else data.get("absence_note", ""),
        head_requested=bool(data.get("head_requested")),
    )


def _decide_instance(ctx: StepContext, outcome: str, decision_type: str) -> CourtInstance:
    instance = current_instance(ctx.case)
    CourtInstance.objects.filter(pk=instance.pk).update(
        outcome=outcome, decision_type=decision_type, decided_on=ctx.on
    )
    return instance


def _end(ctx: StepContext, outcome: str, reason: str) -> None:
    LawsuitCase.objects.filter(case=ctx.case).update(outcome=outcome, ended_on=ctx.on)
    # A judicial suggestion is answered whatever becomes of the case: its clock keeps running.
    running = ctx.case.deadlines.filter(
        status__in=[DeadlineStatus.RUNNING, DeadlineStatus.PAUSED]
    ).exclude(key=periods.SUGGESTION_REPLY)
    for d in running:
        cancel(d, ctx.actor, reason)


def _judged(ctx: StepContext, event: Any) -> None:
    _decide_instance(ctx, ctx.data["outcome"], ctx.data["decision_type"])
    key = (
        periods.APPEAL_JUDGMENT
        if ctx.data["decision_type"] == DecisionType.JUDGMENT
        else periods.APPEAL_RULING
    )
    start_deadline(ctx.case, key, ctx.on, actor=ctx.actor)


def _appealed(ctx: StepContext, event: Any) -> None:
    for d in _appeal_deadlines(ctx.case):
        mark_met(d, ctx.on, actor=ctx.actor)
    CourtInstance.objects.create(
        lawsuit=detail(ctx.case),
        level=InstanceLevel.SECOND,
        court=ctx.data["court"],
        court_number=ctx.data["court_number"],
        started_on=ctx.on,
    )


def _took_effect(ctx: StepContext, event: Any) -> None:
    for d in _appeal_deadlines(ctx.case):
        mark_met(d, ctx.on, actor=ctx.actor)
    _end(ctx, current_instance(ctx.case).outcome, "一审裁判生效")


def _finally_judged(ctx: StepContext, event: Any) -> None:
    _decide_instance(ctx, ctx.data["outcome"], ctx.data["decision_type"])
    _end(ctx, ctx.data["outcome"], "终审裁判")


def _withdrawn(ctx: StepContext, event: Any) -> None:
    _decide_instance(ctx, LawsuitOutcome.WITHDRAWN, DecisionType.RULING)
    _end(ctx, LawsuitOutcome.WITHDRAWN, "原告撤诉")


def _mediated(ctx: StepContext, event: Any) -> None:
    _decide_instance(ctx, LawsuitOutcome.MEDIATED, DecisionType.MEDIATION)
    _end(ctx, LawsuitOutcome.MEDIATED, "调解结案")


def _retrial(ctx: StepContext, event: Any) -> None:
    # 再审 reopens the case: the earlier end no longer stands until the retrial ends it.
    Case.objects.filter(pk=ctx.case.pk).update(closed_on=None)
    ctx.case.closed_on = None
    LawsuitCase.objects.filter(case=ctx.case).update(outcome="", ended_on=None)
    CourtInstance.objects.create(
        lawsuit=detail(ctx.case),
        level=InstanceLevel.RETRIAL,
        court=ctx.data["court"],
        court_number=ctx.data["court_number"],
        started_on=ctx.on,
    )


def _suggestion_received(ctx: StepContext, event: Any) -> None:
    due = ctx.data.get("reply_due")
    basis = "司法建议书载明的答复期限"
    if due is None:
        result = statutes.compute_statutory(periods.SUGGESTION_REPLY, ctx.on)
        due, basis = result.due, periods.SUGGESTION_RULE
        # The declared period is a clock on the addressee's workbench; a date the court set
        # is kept on the suggestion (``reply_due``, an indexed date) only.
        start_deadline(
            ctx.case, periods.SUGGESTION_REPLY, ctx.on, org_unit=ctx.data["defendant"],
            actor=ctx.actor,
        )  # fmt: skip
    assert due is not None  # an act's period always ends (no pause here)
    JudicialSuggestion.objects.create(
        lawsuit=detail(ctx.case),
        addressed_to=ctx.data["defendant"],
        court=ctx.data["court"],
        received_on=ctx.on,
        content=ctx.data["content"],
        reply_due=due,
        due_basis=basis,
    )


def _suggestion_replied(ctx: StepContext, event: Any) -> None:
    suggestion = ctx.data["suggestion"]
    JudicialSuggestion.objects.filter(pk=suggestion.pk).update(
        replied_on=ctx.on, reply=ctx.data["reply"]
    )
    clock = (
        ctx.case.deadlines.filter(
            key=periods.SUGGESTION_REPLY,
            org_unit=suggestion.addressed_to,
            start=suggestion.received_on,
            status=DeadlineStatus.RUNNING,
        )
        .order_by("id")
        .first()
    )
    if clock is not None:
        mark_met(clock, ctx.on, actor=ctx.actor)


def _suggestion_actor(ctx: StepContext) -> Refusal | None:
    """The addressee answers for itself (or the unit that registered the lawsuit)."""
    if "suggestion" not in ctx.data:
        return None
    s = ctx.data["suggestion"]
    units = {r.org_unit_id for r in ctx.actor.role_rows() if r.role in ACTORS}
    owner = Participant.objects.filter(case=ctx.case, role="owner", org_unit_id__in=units)
    if s.addressed_to_id in units or owner.exists():
        return None
    return Refusal(f"司法建议由被建议单位（{s.addressed_to}）答复")


# -- the workflow -----------------------------------------------------------------------------

WORKFLOW = register(
    Workflow(
        KIND,
        "行政应诉案件",
        LawsuitState,
        LawsuitState.FIRST_INSTANCE,
        detail=lambda case: LawsuitCase.objects.filter(case=case).first(),
        create_form=LawsuitForm,
        create_roles=frozenset({Role.CLERK}),
        create=_create,
    )
)
HEARINGS = [S.FIRST_INSTANCE, S.SECOND_INSTANCE, S.RETRIAL]
ANY = [s.value for s in LawsuitState]

WORKFLOW.add(
    "file_defence",
    "提交答辩状及证据",
    [S.FIRST_INSTANCE],
    STAY,
    staff_roles=ACTORS,
    unit_roles=UNITS,
    basis="行政诉讼法 第六十七条",
    gates=[defence_not_filed],
    form=DefenceForm,
    effect=_defence_filed,
)
WORKFLOW.add(
    "record_hearing",
    "开庭（记录出庭应诉情况）",
    HEARINGS,
    STAY,
    staff_roles=ACTORS,
    unit_roles=UNITS,
    basis=APPEARANCE_BASIS,
    gates=[not_before_instance, reason_when_head_absent, appearer_named, not_recorded_twice],
    form=HearingForm,
    effect=_hearing_recorded,
)
WORKFLOW.add(
    "judge",
    "一审判决、裁定",
    [S.FIRST_INSTANCE],
    S.FIRST_DECIDED,
    staff_roles=ACTORS,
    unit_roles=UNITS,
    basis="行政诉讼法 第八十五条",
    gates=[not_before_instance],
    form=JudgeForm,
    effect=_judged,
)
WORKFLOW.add(
    "appeal",
    "上诉（二审）",
    [S.FIRST_DECIDED],
    S.SECOND_INSTANCE,
    staff_roles=ACTORS,
    unit_roles=UNITS,
    basis="行政诉讼法 第八十五条",
    gates=[within_appeal_period],
    form=AppealForm,
    effect=_appealed,
)
WORKFLOW.add(
    "take_effect",
    "一审裁判生效（结案）",
    [S.FIRST_DECIDED],
    S.CLOSED,
    staff_roles=ACTORS,
    unit_roles=UNITS,
    basis="行政诉讼法 第八十五条",
    gates=[appeal_period_over],
    closes=True,
    effect=_took_effect,
)
WORKFLOW.add(
    "final_judgment",
    "二审、再审判决或裁定（结案）",
    [S.SECOND_INSTANCE, S.RETRIAL],
    S.CLOSED,
    staff_roles=ACTORS,
    unit_roles=UNITS,
    basis="行政诉讼法 第八十八条",
    gates=[not_before_instance],
    form=JudgeForm,
    closes=True,
    effect=_finally_judged,
)
WORKFLOW.add(
    "withdraw",
    "原告撤诉（准予撤诉裁定）",
    HEARINGS,
    S.CLOSED,
    staff_roles=ACTORS,
    unit_roles=UNITS,
    basis="行政诉讼法 第六十二条",
    gates=[not_before_instance],
    form=EndForm,
    closes=True,
    effect=_withdrawn,
)
WORKFLOW.add(
    "mediate",
    "调解结案",
    HEARINGS,
    S.CLOSED,
    staff_roles=ACTORS,
    unit_roles=UNITS,
    basis="行政诉讼法 第六十条",
    gates=[not_before_instance],
    form=EndForm,
    closes=True,
    effect=_mediated,
)
WORKFLOW.add(
    "retrial",
    "再审",
    [S.CLOSED],
    S.RETRIAL,
    staff_roles=ACTORS,
    unit_roles=UNITS,
    basis="行政诉讼法 第九十条",
    form=RetrialForm,
    effect=_retrial,
)
WORKFLOW.add(
    "receive_suggestion",
    "收到司法建议",
    ANY,
    STAY,
    staff_roles=ACTORS,
    unit_roles=UNITS,
    basis=periods.SUGGESTION_RULE,
    gates=[suggestion_due],
    form=SuggestionForm,
    effect=_suggestion_received,
)
WORKFLOW.add(
    "reply_suggestion",
    "答复司法建议",
    ANY,
    STAY,
    staff_roles=ACTORS,
    unit_roles=UNITS,
    basis=periods.SUGGESTION_RULE,
    gates=[_suggestion_actor],
    form=SuggestionReplyForm,
    effect=_suggestion_replied,
)
