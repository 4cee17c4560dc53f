"""裁量 inside the case (行政处罚法 第三十二至三十四条).

The officer records the circumstances as the benchmark's declared facts;
``lists.discretion.tier_for`` proposes the tier and its range (or finds 不予处罚, 第三十三条);
the case keeps what it proposed. A penalty proposed or decided outside the range, or in another
tier, needs a recorded reason (第三十四条: 裁量基准 binds the agency's discretion), which the
legal review sees (``review_context``) and which stays on the decision's event.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from django import forms

from fazhi.core.casework.models import Case, Event
from fazhi.core.casework.workflow import Refusal, StepContext
from fazhi.domains.lists.discretion import (
    FactsNeeded,
    NoBenchmark,
    NoPenaltyFinding,
    NotAPenaltyItem,
    TierFinding,
    UnknownFactor,
    tier_for,
)

from ..models import EnforcementCase
from .common import detail, money

DISCRETION_BASIS = "行政处罚法 第三十四条"
NO_PENALTY_BASIS = "行政处罚法 第三十三条"


class AssessForm(forms.Form):
    facts = forms.JSONField(
        label="裁量情节（裁量基准声明的因素及其取值）",
        help_text='例如 {"first_offence": true, "corrected": true, "harm": "none"}',
    )
    proposed_fine = forms.DecimalField(
        label="拟罚款金额（元）", min_value=0, decimal_places=2, required=False
    )
    tier = forms.CharField(label="拟适用的裁量阶次（不同于建议阶次时填写）", required=False)
    deviation_reason = forms.CharField(
        label="偏离裁量基准的理由", widget=forms.Textarea, max_length=4000, required=False
    )

    def clean_facts(self) -> dict[str, Any]:
        facts = self.cleaned_data.get("facts")
        if isinstance(facts, str):
            facts = json.loads(facts)
        if not isinstance(facts, dict):
            raise forms.ValidationError("裁量情节须为“因素: 取值”的集合")
        return facts


def _finding(ctx: StepContext) -> Any:
    ec = detail(ctx.case)
    if ec.power_item is None:
        return Refusal("本案未载明所行使的执法事项", "行政处罚法 第十七条")
    try:
        return tier_for(ec.power_item, ctx.data.get("facts") or {}, on=ctx.on)
    except (UnknownFactor, NotAPenaltyItem) as error:
        return Refusal(str(error), DISCRETION_BASIS)


def facts_decide_the_tier(ctx: StepContext) -> Refusal | None:
    """The facts given must let the benchmark decide; a penalty outside it needs a reason."""
    found = _finding(ctx)
    if isinstance(found, Refusal):
        return found
    if isinstance(found, FactsNeeded):
        return Refusal(f"裁量情节不全，尚需：{'、'.join(found.factors)}", DISCRETION_BASIS)
    fine = money(ctx.data.get("proposed_fine"))
    if isinstance(found, TierFinding):
        outside = _outside(fine, found.fine_min, found.fine_max)
        other_tier = bool(ctx.data.get("tier")) and ctx.data["tier"] != found.tier.label
        if (outside or other_tier) and not str(ctx.data.get("deviation_reason", "")).strip():
            what = (
                f"拟罚款 {fine} 元超出“{found.tier.label}”的幅度 {_range(found)}"
                if outside
                else f"拟适用“{ctx.data['tier']}”而非建议的“{found.tier.label}”"
            )
            return Refusal(f"{what}，须记录理由", DISCRETION_BASIS)
    return None


def _outside(fine: Decimal | None, low: Decimal | None, high: Decimal | None) -> bool:
    if fine is None:
        return False
    return (low is not None and fine < low) or (high is not None and fine > high)


def _range(found: TierFinding) -> str:
    low = "" if found.fine_min is None else f"{found.fine_min}"
    high = "" if found.fine_max is None else f"{found.fine_max}"
    return f"{low}—{high} 元"


def record_assessment(ctx: StepContext, event: Event) -> None:
    """The tier and range ``tier_for`` proposed, on the case (what review and decision read)."""
    found = _finding(ctx)
    fields: dict[str, Any] = {
        "discretion_facts": ctx.data.get("facts") or {},
        "proposed_fine": money(ctx.data.get("proposed_fine")),
        "deviation_reason": str(ctx.data.get("deviation_reason", "") or "").strip(),
        "proposed_tier": "",
        "proposed_fine_min": None,
        "proposed_fine_max": None,
        "no_penalty_basis": "",
        "no_penalty_mandatory": False,
    }
    penalty = found
    if isinstance(found, NoPenaltyFinding):
        fields["no_penalty_basis"] = found.basis[:200]
        fields["no_penalty_mandatory"] = found.mandatory
        penalty = found.fallback
    if isinstance(penalty, TierFinding):
        fields["proposed_tier"] = (ctx.data.get("tier") or penalty.tier.label)[:80]
        fields["proposed_fine_min"] = penalty.fine_min
        fields["proposed_fine_max"] = penalty.fine_max
    elif isinstance(penalty, NoBenchmark):
        fields["proposed_tier"] = "无适用的裁量基准（在法定幅度内裁量并说明理由）"
    EnforcementCase.objects.filter(case=ctx.case).update(**fields)


def discretion_summary(ec: EnforcementCase) -> dict[str, Any]:
    """What the legal review and the decision's record show of the discretion."""
    return {
        "facts": ec.discretion_facts,
        "tier": ec.proposed_tier,
        "fine_min": None if ec.proposed_fine_min is None else str(ec.proposed_fine_min),
        "fine_max": None if ec.proposed_fine_max is None else str(ec.proposed_fine_max),
        "proposed_fine": None if ec.proposed_fine is None else str(ec.proposed_fine),
        "no_penalty_basis": ec.no_penalty_basis,
        "deviation_reason": ec.deviation_reason,
    }


def review_context(case: Case) -> str:
    """The discretion as the reviewer reads it on the review form (Chinese, one paragraph)."""
    ec = detail(case)
    if not ec.discretion_facts:
        return "承办人尚未记录裁量情节。"
    parts = [f"建议裁量阶次：{ec.proposed_tier or '—'}"]
    if ec.proposed_fine_min is not None or ec.proposed_fine_max is not None:
        parts.append(f"幅度：{ec.proposed_fine_min or 0}—{ec.proposed_fine_max or ''} 元")
    if ec.proposed_fine is not None:
        parts.append(f"拟罚款：{ec.proposed_fine} 元")
    if ec.no_penalty_basis:
        parts.append(f"不予处罚依据：{ec.no_penalty_basis}")
    if ec.deviation_reason:
        parts.append(f"偏离基准的理由：{ec.deviation_reason}")
    return "；".join(parts)


def decided_within_discretion(ctx: StepContext) -> Refusal | None:
    """The decided fine outside the proposed range (or another tier) needs its reason: the one
    recorded with the proposal, when it proposed that very fine, or one given now."""
    ec = detail(ctx.case)
    if ec.no_penalty_mandatory:
        return Refusal(f"依裁量情节应当不予行政处罚（{ec.no_penalty_basis}）", NO_PENALTY_BASIS)
    fine = money(ctx.data.get("fine"))
    outside = _outside(fine, ec.proposed_fine_min, ec.proposed_fine_max) and bool(ec.proposed_tier)
    other_tier = bool(ctx.data.get("tier")) and ctx.data.get("tier") != ec.proposed_tier
    if not (outside or other_tier):
        return None
    if str(ctx.data.get("deviation_reason", "") or "").strip():
        return None
    if outside and ec.deviation_reason and fine == ec.proposed_fine and not other_tier:
        return None  # the reason the review saw covers this very fine
    return Refusal(
        f"决定的处罚偏离建议的裁量阶次“{ec.proposed_tier}”"
        f"（{ec.proposed_fine_min or 0}—{ec.proposed_fine_max or ''} 元），须记录理由",
        DISCRETION_BASIS,
    )
