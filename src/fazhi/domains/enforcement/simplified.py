"""简易程序 (行政处罚法 第五十一、五十二条): a penalty decided on the spot.

违法事实确凿并有法定依据, 对公民处以二百元以下、对法人或者其他组织处以三千元以下罚款或者
警告的行政处罚 (1996年法第三十三条: 五十元、一千元). The officers show their credentials,
hand over a numbered decision on the spot (so it is served the same day), and file it with
their department (备案). A short path of its own: ``penalty_simplified``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django import forms

from fazhi.core.casework.deadlines import start_deadline
from fazhi.core.casework.models import Case, Event
from fazhi.core.casework.numbering import yearly_case_number
from fazhi.core.casework.workflow import Refusal, StepContext, Workflow, open_case, register
from fazhi.core.org.choices import Role
from fazhi.domains.lists.choices import PowerKind
from fazhi.domains.lists.models import PowerItem

from .choices import Outcome, PartyKind, PenaltyType, Procedure, SimplifiedState
from .models import EnforcementCase
from .penalty_steps.common import detail, money
from .workflow import (
    InvestigateForm,
    holds_the_power,
    two_credentialed_officers,
    within_limitation,
)

KIND = "penalty_simplified"
BASIS = "行政处罚法 第五十一条"
RECORD_BASIS = "行政处罚法 第五十二条"


@dataclass(frozen=True)
class SpotLimits:
    """The most a simplified procedure may fine, from ``effective_from``."""

    effective_from: date
    citizen: Decimal
    organisation: Decimal
    basis: str


LIMITS = (
    SpotLimits(date(1996, 10, 1), Decimal("50"), Decimal("1000"), "行政处罚法（1996）第三十三条"),
    SpotLimits(date(2021, 7, 15), Decimal("200"), Decimal("3000"), BASIS),
)


def limits_on(on: date) -> SpotLimits:
    current = LIMITS[0]
    for limits in LIMITS:
        if limits.effective_from <= on:
            current = limits
    return current


class SpotCaseForm(forms.Form):
    title = forms.CharField(label="案由", max_length=200)
    power_item = forms.ModelChoiceField(
        label="执法事项", queryset=PowerItem.objects.filter(kind=PowerKind.PENALTY)
    )
    violation_on = forms.DateField(label="违法行为发生日期")
    party_kind = forms.ChoiceField(label="当事人类别", choices=PartyKind.choices)
    facts = forms.CharField(label="违法事实", widget=forms.Textarea, max_length=8000)


class SpotDecisionForm(InvestigateForm):
    """The two officers (with their credential numbers), the facts and the decision."""

    penalty_type = forms.ChoiceField(
        label="处罚种类",
        choices=[(PenaltyType.WARNING, "警告"), (PenaltyType.FINE, "罚款")],
    )
    fine = forms.DecimalField(label="罚款金额（元）", min_value=0, decimal_places=2, required=False)
    decision = forms.CharField(label="当场处罚决定", widget=forms.Textarea, max_length=4000)
    facts_certain = forms.BooleanField(
        label="违法事实确凿并有法定依据",
        error_messages={"required": f"违法事实确凿并有法定依据的，方可当场作出决定（{BASIS}）"},
    )


def within_spot_limits(ctx: StepContext) -> Refusal | None:
    """第五十一条: only a warning, or a fine up to the limit for the party's kind."""
    limits = limits_on(ctx.on)
    if ctx.data.get("penalty_type") != PenaltyType.FINE:
        return None
    fine = money(ctx.data.get("fine"))
    if not fine:
        return Refusal("罚款须写明金额", limits.basis)
    citizen = detail(ctx.case).party_kind == PartyKind.CITIZEN
    limit = limits.citizen if citizen else limits.organisation
    if fine > limit:
        who = "公民" if citizen else "法人或者其他组织"
        return Refusal(
            f"简易程序对{who}罚款不得超过 {limit} 元（本案 {fine} 元），应当适用普通程序",
            limits.basis,
        )
    return None


def _save(ctx: StepContext, event: Event) -> None:
    """Decided and handed over on the spot: decided and served the same day."""
    fine = money(ctx.data.get("fine")) if ctx.data.get("penalty_type") == PenaltyType.FINE else None
    EnforcementCase.objects.filter(case=ctx.case).update(
        outcome=Outcome.PENALTY,
        penalty_type=PenaltyType.FINE if fine else PenaltyType.WARNING,
        fine=fine,
        decided_on=ctx.on,
        served_on=ctx.on,
        decision_no=ctx.case.number,
    )
    if fine:
        start_deadline(ctx.case, "penalty.payment", ctx.on, actor=ctx.actor)


class RecordForm(forms.Form):
    note = forms.CharField(label="备案说明", max_length=500, required=False)


def _create(actor: Any, unit: Any, data: Any, on: date) -> Case:
    case = open_case(KIND, title=data["title"], owner=unit, actor=actor, opened_on=on)
    EnforcementCase.objects.create(
        case=case,
        procedure=Procedure.SIMPLIFIED,
        power_item=data["power_item"],
        violation_on=data["violation_on"],
        party_kind=data["party_kind"],
        facts=data["facts"],
    )
    return case


WORKFLOW = register(
    Workflow(
        KIND,
        "行政处罚（简易程序）",
        SimplifiedState,
        SimplifiedState.SPOT,
        numbering=lambda case, on: yearly_case_number(case, "JY", on),
        detail=lambda case: EnforcementCase.objects.filter(case=case).first(),
        create_form=SpotCaseForm,
        create_roles=frozenset({Role.OFFICER, Role.CLERK}),
        create=_create,
    )
)
WORKFLOW.add(
    "decide_on_spot",
    "当场作出处罚决定",
    [SimplifiedState.SPOT],
    SimplifiedState.DECIDED,
    staff_roles=[Role.OFFICER, Role.CLERK],
    basis=RECORD_BASIS,
    form=SpotDecisionForm,
    gates=[holds_the_power, within_limitation, two_credentialed_officers, within_spot_limits],
    files_case=True,
    effect=_save,
)
WORKFLOW.add(
    "record",
    "报所属行政机关备案",
    [SimplifiedState.DECIDED],
    SimplifiedState.RECORDED,
    staff_roles=[Role.CLERK, Role.DEPARTMENT_HEAD],
    basis=RECORD_BASIS,
    form=RecordForm,
    closes=True,
)
