"""The 90-day decision period (行政处罚法 第六十条) where a sector's own procedure rules, to which
the Act defers ("法律、法规、规章另有规定的，从其规定"), leave time out of it (听证、鉴定、公告 …)
or let the head extend it once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms

from fazhi.core.casework.choices import DeadlineStatus
from fazhi.core.casework.models import Case
from fazhi.core.casework.workflow import Refusal, StepContext
from fazhi.core.clock.periods import Period, Unit

from ..models.publicity import Sector
from ..sectors import rule_in_force

# -- time outside the decision period, where the sector's rules say so ------------------------


# The kinds of time a sector's rules may leave out of the 90-day period (行政处罚法 第六十条:
# 法律、法规、规章另有规定的，从其规定; the Act itself excludes nothing).
EXCLUDABLE = ("听证", "鉴定", "检测", "检验", "检疫", "公告", "专家评审")
PERIOD_BASIS = "行政处罚法 第六十条"


@dataclass(frozen=True)
class ExcludedTime:
    """From ``effective_from``, the time of ``kinds`` is not counted in the decision period of
    a department of ``sector`` (``sectors.sector_of``)."""

    sector: str
    effective_from: date
    kinds: tuple[str, ...]
    basis: str


_EXCLUDED: list[ExcludedTime] = []


def declare_excluded_time(rule: ExcludedTime) -> ExcludedTime:
    if rule not in _EXCLUDED:
        _EXCLUDED.append(rule)
    return rule


# 市场监督管理行政处罚程序规定 (国家市场监督管理总局令第2号, 施行2019-04-01): 听证、公告、检测、
# 检验、检疫、鉴定、专家评审等时间不计入案件办理期限 (the article number was not checked; the
# basis names the rule).
MARKET_EXCLUDED = declare_excluded_time(
    ExcludedTime(
        Sector.MARKET,
        date(2019, 4, 1),
        EXCLUDABLE,
        "市场监督管理行政处罚程序规定（听证、检测、鉴定、公告等时间不计入案件办理期限）",
    )
)


def excluded_time_rule(case: Case, on: date, kind: str) -> ExcludedTime | None:
    rule = rule_in_force(_EXCLUDED, case.owner_unit(), on)
    return rule if rule is not None and kind in rule.kinds else None


def _pause(ctx: StepContext, kind: str) -> None:
    from fazhi.core.casework.deadlines import pause

    rule = excluded_time_rule(ctx.case, ctx.on, kind)
    if rule is None:
        return
    for period in ctx.case.deadlines.filter(key="penalty.decision", status=DeadlineStatus.RUNNING):
        pause(period, ctx.on, actor=ctx.actor, reason=f"{kind}时间不计入办案期限（{rule.basis}）")


def _resume(ctx: StepContext) -> None:
    from fazhi.core.casework.deadlines import resume

    for period in ctx.case.deadlines.filter(key="penalty.decision", status=DeadlineStatus.PAUSED):
        resume(period, ctx.on, actor=ctx.actor)


def pause_decision_period(ctx: StepContext, event: Any) -> None:
    """The hearing request stops the decision period's clock where the sector's rules exclude
    hearing time; ``resume_decision_period`` starts it again when the hearing is held."""
    _pause(ctx, "听证")


def resume_decision_period(ctx: StepContext, event: Any) -> None:
    _resume(ctx)


class ExcludedTimeForm(forms.Form):
    kind = forms.ChoiceField(label="期间", choices=[(k, k) for k in EXCLUDABLE if k != "听证"])
    reason = forms.CharField(label="事由", widget=forms.Textarea, max_length=2000)


class ExcludedTimeEndForm(forms.Form):
    result = forms.CharField(label="结果", widget=forms.Textarea, max_length=2000)


def time_may_be_excluded(ctx: StepContext) -> Refusal | None:
    kind = str(ctx.data.get("kind") or "")
    if excluded_time_rule(ctx.case, ctx.on, kind) is None:
        return Refusal(
            f"本部门适用的规定未将{kind}时间排除在办案期限之外，九十日期限照常计算",
            PERIOD_BASIS,
        )
    if ctx.case.deadlines.filter(key="penalty.decision", status=DeadlineStatus.PAUSED).exists():
        return Refusal("已有不计入办案期限的期间尚未结束", PERIOD_BASIS)
    if not ctx.case.deadlines.filter(
        key="penalty.decision", status=DeadlineStatus.RUNNING
    ).exists():
        return Refusal("办案期限未在计时中", PERIOD_BASIS)
    return None


def excluded_time_open(ctx: StepContext) -> Refusal | None:
    """For the end of an excluded time: one was registered and has not ended."""
    if not ctx.case.deadlines.filter(key="penalty.decision", status=DeadlineStatus.PAUSED).exists():
        return Refusal(
            "没有尚未结束的不计入办案期限的期间", PERIOD_BASIS, missing_step="exclude_time"
        )
    return None


def no_excluded_time_open(ctx: StepContext) -> Refusal | None:
    """The decision waits for the excluded time (a 鉴定, a 公告 …) to end."""
    if ctx.case.deadlines.filter(key="penalty.decision", status=DeadlineStatus.PAUSED).exists():
        return Refusal(
            "不计入办案期限的期间（如鉴定、公告）尚未结束",
            PERIOD_BASIS,
            missing_step="end_exclusion",
        )
    return None


def exclude_time(ctx: StepContext, event: Any) -> None:
    _pause(ctx, str(ctx.data.get("kind") or ""))


def end_exclusion(ctx: StepContext, event: Any) -> None:
    _resume(ctx)


# -- an extension of the decision period, where the sector's rules allow one ------------------


@dataclass(frozen=True)
class DecisionExtension:
    """From ``effective_from``, the head of a department of ``sector`` may extend the decision
    period once by up to ``cap`` (the Act allows none; 第六十条 defers to other provisions)."""

    sector: str
    effective_from: date
    cap: Period


_EXTENSIONS: list[DecisionExtension] = []


def declare_decision_extension(rule: DecisionExtension) -> DecisionExtension:
    if rule not in _EXTENSIONS:
        _EXTENSIONS.append(rule)
    return rule


# 市场监督管理行政处罚程序规定: 案情复杂或者其他原因，不能在规定期限内作出处理决定的，经市场监督
# 管理部门负责人批准，可以延长三十日 (the article number was not checked; the basis names the rule).
MARKET_EXTENSION = declare_decision_extension(
    DecisionExtension(
        Sector.MARKET,
        date(2019, 4, 1),
        Period(30, Unit.DAYS, "市场监督管理行政处罚程序规定（经负责人批准可以延长三十日）"),
    )
)


def extension_rule(case: Case, on: date) -> DecisionExtension | None:
    return rule_in_force(_EXTENSIONS, case.owner_unit(), on)


class ExtensionForm(forms.Form):
    days = forms.IntegerField(label="延长日数", min_value=1, max_value=30)
    reason = forms.CharField(label="延长理由（案情复杂等）", widget=forms.Textarea, max_length=200)


def may_extend_decision_period(ctx: StepContext) -> Refusal | None:
    rule = extension_rule(ctx.case, ctx.on)
    if rule is None:
        return Refusal("本部门适用的规定未允许延长九十日的办案期限", PERIOD_BASIS)
    period = ctx.case.deadlines.filter(key="penalty.decision").order_by("-id").first()
    if period is None or period.status != DeadlineStatus.RUNNING:
        return Refusal("办案期限未在计时中", PERIOD_BASIS)
    if period.extension_amount:
        return Refusal("办案期限只能延长一次", rule.cap.basis)
    if int(ctx.data.get("days") or 0) > rule.cap.amount:
        return Refusal(f"延长不得超过{rule.cap}", rule.cap.basis)
    if period.due is not None and ctx.on > period.due:
        return Refusal(f"办案期限已于 {period.due.isoformat()} 届满，不能再延长", PERIOD_BASIS)
    return None


def extend_decision_period(ctx: StepContext, event: Any) -> None:
    from fazhi.core.casework.deadlines import extend

    rule = extension_rule(ctx.case, ctx.on)
    assert rule is not None  # the gate checked it
    period = ctx.case.deadlines.filter(key="penalty.decision").order_by("-id").get()
    extend(
        period,
        approved_by=ctx.actor,
        reason=str(ctx.data.get("reason") or ""),
        amount=int(ctx.data["days"]),
        cap=rule.cap,
    )
