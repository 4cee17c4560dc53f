"""The penalty case handled in Fazhi (行政处罚 普通程序), step by step, each by a person in a role.

线索 → 立案 (or 不予立案) → 调查终结 → 法制审核 (required for a major case) → 告知 → 负责人决定 →
结案. The gates are the law's: the department holds the power on the day (第十七条), the
violation is within the limitation (第三十六条), every investigative act by at least two
officers with credentials valid that day (第四十二条), no major decision without a passed legal
review (第五十八条), no decision before the party's period to ask for a hearing has closed
(第六十四条), the decision within 90 days of filing (第六十条).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from fazhi.core.casework.deadlines import not_before_gate
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

from .choices import Outcome, PenaltyState, PenaltyType
from .models import EnforcementCase

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


def detail(case: Case) -> EnforcementCase:
    return EnforcementCase.objects.select_related("power_item").get(case=case)


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


class InvestigateForm(forms.Form):
    # Unbound, the form offers no officer: only bind_case() opens the case's own department's.
    officer_a = forms.ModelChoiceField(label="执法人员（一）", queryset=Officer.objects.none())
    officer_b = forms.ModelChoiceField(label="执法人员（二）", queryset=Officer.objects.none())
    findings = forms.CharField(label="调查认定的事实", widget=forms.Textarea, max_length=8000)

    def bind_case(self, case: Case) -> None:
        """The officers of the department handling the case, with an issued credential."""
        officers = Officer.objects.filter(
            department=case.owner_unit(), status="issued"
        ).select_related("person")
        for name in ("officer_a", "officer_b"):
            field = self.fields[name]
            if isinstance(field, forms.ModelChoiceField):
                field.queryset = officers

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chosen = [data.get("officer_a"), data.get("officer_b")]
        # Recorded on the event: who acted, with the credential number they held.
        data["officers"] = [
            {"id": o.pk, "name": str(o), "credential_no": o.credential_no} for o in chosen if o
        ]
        data.pop("officer_a", None)
        data.pop("officer_b", None)
        return data


class ReviewForm(forms.Form):
    opinion = forms.CharField(label="法制审核意见", widget=forms.Textarea, max_length=4000)


class DecideForm(forms.Form):
    decision = forms.CharField(label="处罚决定", widget=forms.Textarea, max_length=4000)
    fine = forms.DecimalField(label="罚款金额（元）", min_value=0, decimal_places=2, required=False)


class PenaltyCaseForm(forms.Form):
    title = forms.CharField(label="案由", max_length=200)
    power_item = forms.ModelChoiceField(
        label="执法事项", queryset=PowerItem.objects.filter(kind=PowerKind.PENALTY)
    )
    violation_on = forms.DateField(label="违法行为发生（终了）日期")
    grave_harm = forms.BooleanField(label="涉及生命健康安全、金融安全且有危害后果", required=False)
    major = forms.BooleanField(label="重大执法决定（须法制审核）", required=False)
    facts = forms.CharField(label="线索内容", widget=forms.Textarea, max_length=8000)


def _create(actor: Any, unit: Any, data: Any, on: date) -> Case:
    case = open_case(KIND, title=data["title"], owner=unit, actor=actor, opened_on=on)
    EnforcementCase.objects.create(
        case=case,
        power_item=data["power_item"],
        violation_on=data["violation_on"],
        grave_harm=data["grave_harm"],
        major=data["major"],
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
    decide_effect(ctx, event)


def _save_decision(ctx: StepContext, event: Any) -> None:
    """The decision's fields on the case, where publicity, supervision and statistics read them."""
    fine = ctx.data.get("fine")
    EnforcementCase.objects.filter(case=ctx.case).update(
        outcome=Outcome.PENALTY,
        penalty_type=PenaltyType.FINE if fine else PenaltyType.WARNING,
        decided_on=ctx.on,
        fine=fine,
        decision_no=ctx.case.number,
    )


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
WORKFLOW.add(
    "review",
    "法制审核",
    [PenaltyState.INVESTIGATED],
    PenaltyState.REVIEWED,
    staff_roles=[Role.LEGAL_REVIEWER],
    basis="行政处罚法 第五十八条",
    form=ReviewForm,
    legal_review=True,
)
WORKFLOW.add(
    "review_return",
    "审核退回补充调查",
    [PenaltyState.INVESTIGATED],
    STAY,
    staff_roles=[Role.LEGAL_REVIEWER],
    basis="行政处罚法 第五十八条",
    form=ReviewForm,
    legal_review=True,
)
WORKFLOW.add(
    "notify",
    "告知",
    [PenaltyState.INVESTIGATED, PenaltyState.REVIEWED],
    PenaltyState.NOTIFIED,
    staff_roles=[Role.OFFICER, Role.CLERK],
    basis="行政处罚法 第四十四条",
    gates=[reviewed_if_major],
    starts=("penalty.hearing_request",),
)
WORKFLOW.add(
    "decide",
    "作出处罚决定",
    [PenaltyState.NOTIFIED],
    PenaltyState.DECIDED,
    staff_roles=[Role.DEPARTMENT_HEAD],
    basis="行政处罚法 第五十七条",
    form=DecideForm,
    gates=[reviewed_if_major, not_before_gate("penalty.decision")],
    effect=_decided,
    meets=("penalty.decision",),
)
WORKFLOW.add(
    "publicize",
    "处罚决定公开",
    [PenaltyState.DECIDED, PenaltyState.CLOSED],
    STAY,
    staff_roles=[Role.CLERK],
    basis="行政处罚法 第四十八条",
    gates=[not_yet_published],
    effect=_publish,
)
WORKFLOW.add(
    "close",
    "结案",
    [PenaltyState.DECIDED],
    PenaltyState.CLOSED,
    staff_roles=[Role.CLERK, Role.OFFICER],
    basis="行政处罚法 第四十七条",
    closes=True,
)
