"""法制审核, 告知 and 负责人决定: their order and their conditions.

- The order of review and notice is the sector's: where its rules say so (市场监管), the notice
  needs a passed review first, and carries the reviewed penalty.
- No decision without a notice (第六十二条: 未告知的不得作出决定), nor heavier than the notice
  (第四十四、四十五条: a heavier penalty is a new notice; 不得因陈述、申辩而加重).
- A hearing that changed the facts sends the case back to review (第五十八条第一款第二项:
  经过听证的), a heavier finding at the hearing needs a fresh notice.
- 集体讨论 (第五十七条第二款) for complex or major cases before the decision.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms

from fazhi.core.casework.models import Case
from fazhi.core.casework.workflow import Refusal, StepContext

from ..choices import PenaltyType
from ..models.publicity import Sector
from ..sectors import rule_in_force
from .common import detail, last_event, money, taken_after
from .discretion import discretion_summary, review_context
from .hearing import notified_fine

NOTICE_BASIS = "行政处罚法 第四十四条"
DECISION_BASIS = "行政处罚法 第六十二条"
COLLECTIVE_BASIS = "行政处罚法 第五十七条第二款"
REVIEW_BASIS = "行政处罚法 第五十八条"


# -- the sector's order of review and notice ---------------------------------------------------


@dataclass(frozen=True)
class ReviewBeforeNotice:
    """From ``effective_from``, a department of ``sector`` (``sectors.sector_of``)
    has its penalty reviewed before the notice, so the notice carries the reviewed penalty."""

    sector: str
    effective_from: date
    basis: str


_REVIEW_FIRST: list[ReviewBeforeNotice] = []


def declare_review_before_notice(rule: ReviewBeforeNotice) -> ReviewBeforeNotice:
    if rule not in _REVIEW_FIRST:
        _REVIEW_FIRST.append(rule)
    return rule


# 市场监督管理行政处罚程序规定 (国家市场监督管理总局令第2号, 施行2019-04-01): 法制审核 comes
# before 告知 in its chapter on the ordinary procedure (the order read in its table of contents;
# the article numbers were not checked, so the refusal cites the Act and names the rule).
MARKET_REGULATION = declare_review_before_notice(
    ReviewBeforeNotice(
        Sector.MARKET,
        date(2019, 4, 1),
        "行政处罚法 第五十八条；市场监督管理行政处罚程序规定（先法制审核后告知）",
    )
)


def review_first_rule(case: Case, on: date) -> ReviewBeforeNotice | None:
    return rule_in_force(_REVIEW_FIRST, case.owner_unit(), on)


def reviewed_before_notice(ctx: StepContext) -> Refusal | None:
    rule = review_first_rule(ctx.case, ctx.on)
    if rule is None:
        return None
    investigated = last_event(ctx.case, "investigate")
    if not taken_after(ctx.case, "review", investigated):
        return Refusal(
            "本部门的处罚程序规定告知前须经法制审核，告知的内容为审核通过的拟处罚",
            rule.basis,
            missing_step="review",
        )
    return None


def notice_carries_reviewed_penalty(ctx: StepContext) -> Refusal | None:
    if review_first_rule(ctx.case, ctx.on) is None:
        return None
    review = last_event(ctx.case, "review")
    reviewed = money((review.data.get("discretion") or {}).get("proposed_fine")) if review else None
    fine = money(ctx.data.get("fine"))
    if reviewed is not None and fine is not None and fine != reviewed:
        return Refusal(
            f"告知的拟罚款 {fine} 元与法制审核通过的 {reviewed} 元不一致；变更拟处罚须重新审核",
            REVIEW_BASIS,
            missing_step="review",
        )
    return None


# -- forms ------------------------------------------------------------------------------------


class ReviewForm(forms.Form):
    opinion = forms.CharField(label="法制审核意见", widget=forms.Textarea, max_length=4000)

    def bind_case(self, case: Case) -> None:
        # The reviewer sees the discretion (tier, range, the reason for leaving it) on the form,
        # and the event keeps what was reviewed.
        self._case = case
        self.fields["opinion"].help_text = review_context(case)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        case = getattr(self, "_case", None)
        if case is not None:
            data["discretion"] = discretion_summary(detail(case))
        return data


class NotifyForm(forms.Form):
    penalty_type = forms.ChoiceField(
        label="拟处罚种类", choices=PenaltyType.choices, required=False
    )
    fine = forms.DecimalField(
        label="拟罚款金额（元）", min_value=0, decimal_places=2, required=False
    )
    content = forms.CharField(
        label="拟处罚的事实、理由、依据", widget=forms.Textarea, max_length=8000, required=False
    )

    def bind_case(self, case: Case) -> None:
        self._case = case

    def clean(self) -> dict[str, Any]:
        """The proposal the notice carries: by default the case's proposed (reviewed) fine;
        and whether it gives the party the right to a hearing (第六十三条)."""
        data = super().clean() or {}
        case = getattr(self, "_case", None)
        if case is None:
            return data
        ec = detail(case)
        fine = data.get("fine")
        if fine is None and ec.proposed_fine is not None:
            fine = ec.proposed_fine
        data["fine"] = fine
        kind = data.get("penalty_type") or (PenaltyType.FINE if fine else PenaltyType.WARNING)
        data["penalty_type"] = kind
        return data


class DiscussForm(forms.Form):
    attendees = forms.CharField(label="参加讨论的负责人", max_length=500)
    opinions = forms.CharField(label="讨论意见", widget=forms.Textarea, max_length=8000)
    conclusion = forms.CharField(label="集体讨论决定", widget=forms.Textarea, max_length=4000)


class DecideForm(forms.Form):
    decision = forms.CharField(label="处罚决定", widget=forms.Textarea, max_length=4000)
    fine = forms.DecimalField(label="罚款金额（元）", min_value=0, decimal_places=2, required=False)
    tier = forms.CharField(label="适用的裁量阶次（不同于建议阶次时填写）", required=False)
    deviation_reason = forms.CharField(
        label="偏离裁量基准的理由", widget=forms.Textarea, max_length=4000, required=False
    )
    party_absent = forms.BooleanField(label="宣告时当事人不在场（七日内送达）", required=False)


# -- gates on the decision -------------------------------------------------------------------


def notified_first(ctx: StepContext) -> Refusal | None:
    if last_event(ctx.case, "notify") is None:
        return Refusal(
            "行政机关未依法告知拟作出的行政处罚内容及当事人的权利，不得作出行政处罚决定",
            DECISION_BASIS,
            missing_step="notify",
        )
    return None


def not_heavier_than_notified(ctx: StepContext) -> Refusal | None:
    notified = notified_fine(ctx.case)
    fine = money(ctx.data.get("fine"))
    if notified is not None and fine is not None and fine > notified:
        return Refusal(
            f"决定的罚款 {fine} 元重于告知的 {notified} 元：不得因陈述、申辩加重处罚，"
            "依新的事实加重的须重新告知",
            "行政处罚法 第四十四条、第四十五条",
            missing_step="notify",
        )
    return None


def hearing_findings_dealt_with(ctx: StepContext) -> Refusal | None:
    """A hearing that changed the facts needs a review after it; a heavier finding a notice."""
    hearing = last_event(ctx.case, "hold_hearing")
    if hearing is None:
        return None
    if hearing.data.get("heavier") and not taken_after(ctx.case, "notify", hearing):
        return Refusal(
            "听证中发现应当给予更重处罚的新事实，须重新告知当事人",
            NOTICE_BASIS,
            missing_step="notify",
        )
    if hearing.data.get("facts_changed") and not taken_after(ctx.case, "review", hearing):
        return Refusal(
            "听证改变了认定的事实，须重新进行法制审核",
            "行政处罚法 第五十八条第一款第二项",
            missing_step="review",
        )
    return None


def discussed_if_complex_or_major(ctx: StepContext) -> Refusal | None:
    ec = detail(ctx.case)
    if not (ec.major or ec.complex_case):
        return None
    notice = last_event(ctx.case, "notify")
    if not taken_after(ctx.case, "discuss", notice):
        return Refusal(
            "情节复杂或者重大违法行为给予行政处罚，行政机关负责人应当集体讨论决定",
            COLLECTIVE_BASIS,
            missing_step="discuss",
        )
    return None
