"""The penalty case handled in Fazhi (行政处罚 普通程序), step by step, each by a person in a role.

线索 → 立案 (or 不予立案) → 调查终结 → 裁量情节 → 法制审核 and 告知 (in the sector's order) →
陈述申辩 / 听证 → 集体讨论 → 负责人决定 → 送达 → 执行 (缴纳, 暂缓或分期, 催告, 申请强制执行) →
结案; or 不予处罚, or 移送. The stages' own steps live in ``penalty_steps``; this module is the
skeleton that wires them. The gates are the law's: the department holds the power on the day
(第十七条), the violation is within the limitation (第三十六条), every investigative act by at
least two officers with credentials valid that day (第四十二条), no major decision without a
passed legal review (第五十八条), no decision before the party's period to ask for a hearing
has closed (第六十四条), the decision within 90 days of filing (第六十条).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from fazhi.core.casework.choices import DeadlineStatus
from fazhi.core.casework.deadlines import cancel, not_before_gate, start_deadline
from fazhi.core.casework.models import Case
from fazhi.core.casework.numbering import yearly_case_number
from fazhi.core.casework.workflow import (
    STAY,
    Refusal,
    StepContext,
    Workflow,
    open_case,
    register,
)
from fazhi.core.clock import statutes
from fazhi.core.clock.periods import Period, PeriodKind, Unit
from fazhi.core.org.choices import Role
from fazhi.core.org.models import Officer
from fazhi.domains.lists.choices import PowerKind
from fazhi.domains.lists.models import PowerItem
from fazhi.domains.lists.services import as_of

from .choices import Outcome, PartyKind, PenaltyState, PenaltyType
from .models import EnforcementCase
from .officers import OfficerPair
from .penalty_steps import decision, discretion, execution, hearing, outcomes, periods
from .penalty_steps.common import detail

KIND = "penalty"

# 行政处罚法 第三十六条第一款: 违法行为在二年内未被发现的，不再给予行政处罚；涉及公民生命健康安全、
# 金融安全且有危害后果的，上述期限延长至五年。第二款: 从违法行为发生之日起计算；有连续或者继续
# 状态的，从行为终了之日起计算。(1996年法 第二十九条: 二年, 无五年之规定.) A limit on the power to
# punish, not an act due at an office: its last day does not move past rest days.
LIMITATION = statutes.register(
    statutes.StatutoryPeriod(
        "penalty.limitation",
        "行政处罚追责时效",
        (
            statutes.Version(
                date(1996, 10, 1), Period(2, Unit.YEARS, "行政处罚法（1996）第二十九条")
            ),
            statutes.Version(date(2021, 7, 15), Period(2, Unit.YEARS, "行政处罚法 第三十六条")),
        ),
        PeriodKind.BURDEN,
    )
)
LIMITATION_GRAVE = statutes.register(
    statutes.StatutoryPeriod(
        "penalty.limitation_grave",
        "行政处罚追责时效（涉及生命健康安全、金融安全且有危害后果）",
        (statutes.Version(date(2021, 7, 15), Period(5, Unit.YEARS, "行政处罚法 第三十六条")),),
        PeriodKind.BURDEN,
    )
)


# -- gates ------------------------------------------------------------------------------------


def holds_the_power(ctx: StepContext) -> Refusal | None:
    """第十七条: 行政处罚由具有行政处罚权的行政机关在法定职权范围内实施."""
    ec = detail(ctx.case)
    owner = ctx.case.owner_unit()
    if ec.power_item is None:
        return Refusal("本案未载明所行使的执法事项", "行政处罚法 第十七条")
    held = as_of(PowerItem, ctx.on).filter(
        item=ec.power_item, department=owner, kind=PowerKind.PENALTY
    )
    if held.exists():
        return None
    return Refusal(
        f"{owner}在 {ctx.on.isoformat()} 的权责清单中没有“{ec.power_item.name}”这一行政处罚职权",
        "行政处罚法 第十七条",
    )


def within_limitation(ctx: StepContext) -> Refusal | None:
    ec = detail(ctx.case)
    key = "penalty.limitation_grave" if ec.grave_harm else "penalty.limitation"
    try:
        result = statutes.compute_statutory(key, ec.violation_on)
    except statutes.NotInForce:  # a grave harm before 2021-07-15: the two-year rule applied
        result = statutes.compute_statutory("penalty.limitation", ec.violation_on)
    if result.due is not None and ctx.on > result.due:
        return Refusal(
            f"违法行为发生于 {ec.violation_on.isoformat()}，至 {result.due.isoformat()} "
            "未被发现，不再给予行政处罚",
            result.basis,
        )
    return None


def two_credentialed_officers(ctx: StepContext) -> Refusal | None:
    """第四十二条: 执法人员不得少于两人，且具有行政执法资格 (valid on the day of the act)."""
    ids = [o["id"] for o in ctx.data.get("officers", [])]
    owner = ctx.case.owner_unit()
    officers = list(Officer.objects.filter(pk__in=ids, department=owner))
    if len(set(ids)) < 2 or len(officers) < 2:
        return Refusal("调查取证须由本机关两名以上执法人员进行", "行政处罚法 第四十二条")
    lacking = [str(o) for o in officers if not o.has_valid_credential(ctx.on)]
    if lacking:
        return Refusal(
            f"{'、'.join(lacking)}在 {ctx.on.isoformat()} 没有有效的行政执法证件",
            "行政处罚法 第四十二条",
        )
    return None


def reviewed_if_major(ctx: StepContext) -> Refusal | None:
    """第五十八条: 重大执法决定未经法制审核或者审核未通过的，不得作出决定."""
    if detail(ctx.case).major and not ctx.case.events.filter(kind="review").exists():
        return Refusal(
            "重大执法决定须先经法制审核并通过", "行政处罚法 第五十八条", missing_step="review"
        )
    return None


# -- forms ------------------------------------------------------------------------------------


class NotFileForm(forms.Form):
    reason = forms.CharField(label="不予立案理由", widget=forms.Textarea, max_length=2000)


class InvestigateForm(OfficerPair):
    findings = forms.CharField(label="调查认定的事实", widget=forms.Textarea, max_length=8000)


class PenaltyCaseForm(forms.Form):
    title = forms.CharField(label="案由", max_length=200)
    power_item = forms.ModelChoiceField(
        label="执法事项", queryset=PowerItem.objects.filter(kind=PowerKind.PENALTY)
    )
    violation_on = forms.DateField(label="违法行为发生（终了）日期")
    grave_harm = forms.BooleanField(label="涉及生命健康安全、金融安全且有危害后果", required=False)
    major = forms.BooleanField(label="重大执法决定（须法制审核）", required=False)
    complex_case = forms.BooleanField(label="情节复杂（负责人集体讨论决定）", required=False)
    party_kind = forms.ChoiceField(
        label="当事人类别",
        choices=PartyKind.choices,
        required=False,
        initial=PartyKind.ORGANISATION,
    )
    facts = forms.CharField(label="线索内容", widget=forms.Textarea, max_length=8000)


def _create(actor: Any, unit: Any, data: Any, on: date) -> Case:
    case = open_case(KIND, title=data["title"], owner=unit, actor=actor, opened_on=on)
    EnforcementCase.objects.create(
        case=case,
        power_item=data["power_item"],
        violation_on=data["violation_on"],
        grave_harm=data["grave_harm"],
        major=data["major"],
        complex_case=data.get("complex_case", False),
        party_kind=data.get("party_kind") or PartyKind.ORGANISATION,
        facts=data["facts"],
    )
    return case


def _number(case: Case, on: date) -> str:
    return yearly_case_number(case, "LA", on)


def not_yet_published(ctx: StepContext) -> Refusal | None:
    if ctx.case.events.filter(kind="publicize").exists():
        return Refusal("本案处罚决定已经公开", "行政处罚法 第四十八条")
    return None


def _publish(ctx: StepContext, event: Any) -> None:
    """行政处罚法 第四十八条第一款: 具有一定社会影响的行政处罚决定应当依法公开 — by the sector's
    rules in force on the decision date, through the gate (``publicity.publish_decision``)."""
    from .publicity import publicize_effect

    publicize_effect(ctx, event)


def _decided(ctx: StepContext, event: Any) -> None:
    """The decision's fields, then the publicity deadlines its sector's rules set."""
    from .publicity import decide_effect

    _save_decision(ctx, event)
    # The party's window to ask for a hearing ran out unused (the gates let no decision in
    # before it closed): it is no deadline of the office's, so it leaves the running ones.
    for window in ctx.case.deadlines.filter(
        key="penalty.hearing_request", status=DeadlineStatus.RUNNING
    ):
        cancel(window, ctx.actor, "申请期限届满，当事人未要求听证（行政处罚法 第六十四条）")
    decide_effect(ctx, event)


def _save_decision(ctx: StepContext, event: Any) -> None:
    """The decision's fields on the case, where publicity, supervision and statistics read them."""
    fine = ctx.data.get("fine")
    fields: dict[str, Any] = {}
    if str(ctx.data.get("deviation_reason", "") or "").strip():
        fields["deviation_reason"] = ctx.data["deviation_reason"].strip()
    EnforcementCase.objects.filter(case=ctx.case).update(
        outcome=Outcome.PENALTY,
        penalty_type=PenaltyType.FINE if fine else PenaltyType.WARNING,
        decided_on=ctx.on,
        fine=fine,
        decision_no=ctx.case.number,
        **fields,
    )
    if ctx.data.get("party_absent"):
        # 第六十一条: 当事人不在场的, 行政机关应当在七日内依照民事诉讼法的有关规定送达.
        start_deadline(ctx.case, "penalty.service", ctx.on, actor=ctx.actor)


WORKFLOW = register(
    Workflow(
        KIND,
        "行政处罚案件",
        PenaltyState,
        PenaltyState.LEAD,
        numbering=_number,
        detail=lambda case: EnforcementCase.objects.filter(case=case).first(),
        create_form=PenaltyCaseForm,
        create_roles=frozenset({Role.CLERK, Role.OFFICER}),
        create=_create,
    )
)
WORKFLOW.add(
    "file",
    "立案",
    [PenaltyState.LEAD],
    PenaltyState.FILED,
    staff_roles=[Role.DEPARTMENT_HEAD],
    basis="行政处罚法 第五十四条",
    gates=[holds_the_power, within_limitation],
    files_case=True,
    starts=("penalty.decision",),
)
WORKFLOW.add(
    "not_file",
    "不予立案",
    [PenaltyState.LEAD],
    PenaltyState.NOT_FILED,
    staff_roles=[Role.DEPARTMENT_HEAD],
    basis="行政处罚法 第五十四条",
    form=NotFileForm,
    closes=True,
)
WORKFLOW.add(
    "investigate",
    "调查终结",
    [PenaltyState.FILED],
    PenaltyState.INVESTIGATED,
    staff_roles=[Role.OFFICER, Role.CLERK],
    basis="行政处罚法 第四十二条",
    form=InvestigateForm,
    gates=[two_credentialed_officers],
)
S = PenaltyState
OFFICERS = [Role.OFFICER, Role.CLERK]
HEAD = [Role.DEPARTMENT_HEAD]

WORKFLOW.add(
    "assess",
    "记录裁量情节",
    [S.INVESTIGATED, S.HEARD],
    STAY,
    staff_roles=OFFICERS,
    basis=discretion.DISCRETION_BASIS,
    form=discretion.AssessForm,
    gates=[discretion.facts_decide_the_tier],
    effect=discretion.record_assessment,
)
WORKFLOW.add(
    "review",
    "法制审核",
    [S.INVESTIGATED, S.HEARD],
    S.REVIEWED,
    staff_roles=[Role.LEGAL_REVIEWER],
    basis="行政处罚法 第五十八条",
    form=decision.ReviewForm,
    legal_review=True,
)
WORKFLOW.add(
    "review_return",
    "审核退回补充调查",
    [S.INVESTIGATED],
    STAY,
    staff_roles=[Role.LEGAL_REVIEWER],
    basis="行政处罚法 第五十八条",
    form=decision.ReviewForm,
    legal_review=True,
)
WORKFLOW.add(
    "notify",
    "告知",
    [S.INVESTIGATED, S.REVIEWED, S.HEARD],
    S.NOTIFIED,
    staff_roles=OFFICERS,
    basis="行政处罚法 第四十四条",
    form=decision.NotifyForm,
    gates=[
        reviewed_if_major,
        decision.reviewed_before_notice,
        decision.notice_carries_reviewed_penalty,
    ],
    starts=("penalty.hearing_request",),
)
WORKFLOW.add(
    "statement",
    "陈述申辩及复核",
    [S.NOTIFIED, S.HEARING_REQUESTED, S.HEARING_SCHEDULED, S.HEARD],
    STAY,
    staff_roles=OFFICERS,
    basis="行政处罚法 第四十五条",
    form=hearing.StatementForm,
)
WORKFLOW.add(
    "request_hearing",
    "当事人要求听证",
    [S.NOTIFIED],
    S.HEARING_REQUESTED,
    staff_roles=OFFICERS,
    basis=hearing.HEARING_BASIS,
    form=hearing.HearingRequestForm,
    gates=[hearing.may_request_hearing],
    effect=periods.pause_decision_period,
    meets=("penalty.hearing_request",),
)
WORKFLOW.add(
    "schedule_hearing",
    "通知听证",
    [S.HEARING_REQUESTED, S.HEARING_SCHEDULED],
    S.HEARING_SCHEDULED,
    staff_roles=[Role.DEPARTMENT_HEAD, Role.CLERK],
    basis=hearing.HEARING_BASIS,
    form=hearing.HearingScheduleForm,
    gates=[hearing.notice_seven_days_before, hearing.presider_did_not_investigate],
)
WORKFLOW.add(
    "hold_hearing",
    "举行听证",
    [S.HEARING_SCHEDULED],
    S.HEARD,
    staff_roles=OFFICERS,
    basis=hearing.HEARING_BASIS,
    form=hearing.HearingForm,
    gates=[hearing.on_the_hearing_date, hearing.presider_did_not_investigate],
    effect=periods.resume_decision_period,
)
WORKFLOW.add(
    "exclude_time",
    "登记不计入办案期限的期间",
    [S.FILED, S.INVESTIGATED, S.REVIEWED, S.NOTIFIED],
    STAY,
    staff_roles=OFFICERS,
    basis=periods.PERIOD_BASIS,
    form=periods.ExcludedTimeForm,
    gates=[periods.time_may_be_excluded],
    effect=periods.exclude_time,
)
WORKFLOW.add(
    "end_exclusion",
    "不计入办案期限的期间结束",
    [S.FILED, S.INVESTIGATED, S.REVIEWED, S.NOTIFIED],
    STAY,
    staff_roles=OFFICERS,
    basis=periods.PERIOD_BASIS,
    form=periods.ExcludedTimeEndForm,
    gates=[periods.excluded_time_open],
    effect=periods.end_exclusion,
)
WORKFLOW.add(
    "extend_decision",
    "延长办案期限",
    [S.FILED, S.INVESTIGATED, S.REVIEWED, S.NOTIFIED, S.HEARD],
    STAY,
    staff_roles=HEAD,
    basis=periods.PERIOD_BASIS,
    form=periods.ExtensionForm,
    gates=[periods.may_extend_decision_period],
    effect=periods.extend_decision_period,
)
WORKFLOW.add(
    "discuss",
    "负责人集体讨论",
    [S.NOTIFIED, S.HEARD, S.REVIEWED],
    STAY,
    staff_roles=HEAD,
    basis=decision.COLLECTIVE_BASIS,
    form=decision.DiscussForm,
)
WORKFLOW.add(
    "decide",
    "作出处罚决定",
    [S.NOTIFIED, S.HEARD, S.REVIEWED],
    S.DECIDED,
    staff_roles=HEAD,
    basis="行政处罚法 第五十七条",
    form=decision.DecideForm,
    gates=[
        decision.notified_first,
        reviewed_if_major,
        hearing.hearing_held_if_requested,
        periods.no_excluded_time_open,
        decision.hearing_findings_dealt_with,
        decision.not_heavier_than_notified,
        decision.discussed_if_complex_or_major,
        discretion.decided_within_discretion,
        not_before_gate("penalty.decision"),
    ],
    effect=_decided,
    meets=("penalty.decision",),
)
WORKFLOW.add(
    "no_penalty",
    "不予行政处罚",
    [S.INVESTIGATED, S.REVIEWED, S.NOTIFIED, S.HEARD],
    S.NO_PENALTY,
    staff_roles=HEAD,
    basis=outcomes.NO_PENALTY_BASIS,
    form=outcomes.NoPenaltyForm,
    gates=[outcomes.no_penalty_found, hearing.hearing_held_if_requested],
    effect=outcomes.save_no_penalty,
    meets=("penalty.decision",),
    closes=True,
)
WORKFLOW.add(
    "transfer",
    "移送",
    [S.LEAD, S.FILED, S.INVESTIGATED],
    S.TRANSFERRED,
    staff_roles=HEAD,
    basis=outcomes.CRIMINAL_BASIS,
    form=outcomes.TransferForm,
    effect=outcomes.save_transfer,
    meets=("penalty.decision",),
)
WORKFLOW.add(
    "transfer_received",
    "登记移送回执",
    [S.TRANSFERRED],
    S.CLOSED,
    staff_roles=OFFICERS,
    basis=outcomes.RECEIPT_BASIS,
    form=outcomes.ReceiptForm,
    gates=[outcomes.receipt_for_the_transfer],
    closes=True,
)
WORKFLOW.add(
    "publicize",
    "处罚决定公开",
    [S.DECIDED, S.SERVED, S.EXECUTED, S.ENFORCING, S.CLOSED],
    STAY,
    # A township's enforcement office has no clerk: its officers publish its decisions.
    staff_roles=[Role.CLERK, Role.OFFICER],
    basis="行政处罚法 第四十八条",
    gates=[not_yet_published],
    effect=_publish,
)
WORKFLOW.add(
    "serve",
    "送达处罚决定书",
    [S.DECIDED],
    S.SERVED,
    staff_roles=OFFICERS,
    basis=execution.SERVICE_BASIS,
    form=execution.ServeForm,
    gates=[execution.served_after_decision],
    effect=execution.serve,
    meets=("penalty.service",),
)
WORKFLOW.add(
    "relief",
    "批准暂缓或分期缴纳",
    [S.SERVED],
    STAY,
    staff_roles=HEAD,
    basis=execution.RELIEF_BASIS,
    form=execution.ReliefForm,
    gates=[execution.relief_in_time],
)
WORKFLOW.add(
    "pay_instalment",
    "分期缴纳",
    [S.SERVED],
    STAY,
    staff_roles=OFFICERS,
    basis=execution.RELIEF_BASIS,
    form=execution.PaymentForm,
    gates=[execution.instalments_approved],
)
WORKFLOW.add(
    "pay",
    "缴清罚款",
    [S.SERVED],
    S.EXECUTED,
    staff_roles=OFFICERS,
    basis=execution.PAYMENT_BASIS,
    form=execution.PaymentForm,
    gates=[execution.pays_in_full],
    effect=execution.record_payment,
    meets=("penalty.payment",),
)
WORKFLOW.add(
    "urge",
    "催告",
    [S.SERVED],
    STAY,
    staff_roles=OFFICERS,
    basis=execution.URGE_BASIS,
    form=execution.UrgeForm,
    gates=[execution.payment_period_over],
)
WORKFLOW.add(
    "apply_court",
    "申请人民法院强制执行",
    [S.SERVED],
    S.ENFORCING,
    staff_roles=HEAD,
    basis=execution.COURT_BASIS,
    form=execution.CourtForm,
    gates=[execution.court_application_in_time],
)
WORKFLOW.add(
    "close",
    "结案",
    [S.SERVED, S.EXECUTED, S.ENFORCING],
    S.CLOSED,
    staff_roles=[Role.CLERK, Role.OFFICER],
    basis="行政处罚法 第四十七条",
    gates=[execution.fine_dealt_with],
    closes=True,
)
