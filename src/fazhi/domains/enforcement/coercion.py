"""行政强制措施 (kind ``coercive_measure``): seizure and sequestration (查封、扣押) and freezing
(冻结存款、汇款), each step by a person in a role, every refusal with its article.

拟采取 → 负责人批准 (第十八条第一项) → 实施, by two officers with credentials valid that day
(第十八条第二项), which starts the maximum duration → 作出处理决定 (第二十七条) or 解除
(第二十八条、第三十三条). In an emergency the officers act on the spot and report to the head
within 24 hours for the approval after the fact; the head who does not approve releases at once
(第十九条). The maximum is 30 days (查封、扣押 第二十五条; 冻结 第三十二条), extended once by the
head by at most 30 more days, with the reason told to the party in writing. It is a BURDEN on
the party (``PeriodKind.BURDEN``): its last day does not move past rest days, and once it has
run out the measure can only be released (第二十八条第一款第四项).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django import forms
from django.utils import timezone

from fazhi.core.casework import deadlines
from fazhi.core.casework.choices import DeadlineStatus
from fazhi.core.casework.models import Case, Deadline
from fazhi.core.casework.numbering import yearly_case_number
from fazhi.core.casework.workflow import (
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

from .choices import CoercionState, MeasureType
from .models import CoerciveMeasure
from .officers import OfficerPair

KIND = "coercive_measure"
LAW = "行政强制法"
SEIZURE_PERIOD = "coercion.seizure"  # declared with the clock: 第二十五条, 30 日 + 30, BURDEN
FREEZING_PERIOD = "coercion.freezing"
# 第三十二条第一款: 自冻结存款、汇款之日起三十日内，行政机关应当作出处理决定或者作出解除冻结决定；
# 情况复杂的，经行政机关负责人批准，可以延长，但是延长期限不得超过三十日。A burden, like 第二十五条.
statutes.register(
    statutes.StatutoryPeriod(
        FREEZING_PERIOD,
        "冻结存款、汇款期限",
        (
            statutes.Version(
                date(2012, 1, 1),
                Period(30, Unit.DAYS, "行政强制法 第三十二条"),
                extension=Period(30, Unit.DAYS, "行政强制法 第三十二条"),
            ),
        ),
        PeriodKind.BURDEN,
    )
)
# 第十九条: 情况紧急 … 应当在二十四小时内向行政机关负责人报告，并补办批准手续。
REPORT_WITHIN = timedelta(hours=24)


def detail(case: Case) -> CoerciveMeasure:
    return CoerciveMeasure.objects.select_related("power_item").get(case=case)


def period_key(measure: str) -> str:
    return FREEZING_PERIOD if measure == MeasureType.FREEZE else SEIZURE_PERIOD


def _article(measure: str, seizure: str, freezing: str) -> str:
    return f"{LAW} {freezing if measure == MeasureType.FREEZE else seizure}"


def running_period(case: Case) -> Deadline | None:
    return (
        case.deadlines.filter(key__in=(SEIZURE_PERIOD, FREEZING_PERIOD))
        .exclude(status__in=(DeadlineStatus.MET, DeadlineStatus.CANCELLED))
        .order_by("-id")
        .first()
    )


# -- gates ------------------------------------------------------------------------------------


def holds_the_power(ctx: StepContext) -> Refusal | None:
    """第十七条第一款: 行政强制措施由法律、法规规定的行政机关在法定职权范围内实施; 第二十二条
    (查封、扣押) and 第二十九条 (冻结: 由法律规定的行政机关实施，不得委托)."""
    cm = detail(ctx.case)
    owner = ctx.case.owner_unit()
    held = as_of(PowerItem, ctx.on).filter(
        item=cm.power_item, department=owner, kind=PowerKind.COERCION
    )
    if held.exists():
        return None
    return Refusal(
        f"{owner}在 {ctx.on.isoformat()} 的权责清单中没有“{cm.power_item.name}”这一行政强制职权",
        _article(cm.measure, "第十七条、第二十二条", "第十七条、第二十九条"),
    )


def two_credentialed_officers(ctx: StepContext) -> Refusal | None:
    """第十八条第二项: 由两名以上行政执法人员实施 (with credentials valid on the day)."""
    ids = [o["id"] for o in ctx.data.get("officers", [])]
    owner = ctx.case.owner_unit()
    officers = list(Officer.objects.filter(pk__in=ids, department=owner).select_related("person"))
    if len(set(ids)) < 2 or len(officers) < 2:
        return Refusal("行政强制措施须由本机关两名以上行政执法人员实施", f"{LAW} 第十八条")
    lacking = [str(o) for o in officers if not o.has_valid_credential(ctx.on)]
    if lacking:
        return Refusal(
            f"{'、'.join(lacking)}在 {ctx.on.isoformat()} 没有有效的行政执法证件",
            f"{LAW} 第十八条",
        )
    return None


def acted_on_the_day(ctx: StepContext) -> Refusal | None:
    acted = ctx.data.get("acted_at")
    if isinstance(acted, datetime) and timezone.localtime(acted).date() != ctx.on:
        return Refusal("当场实施的时间须与办理日期一致", f"{LAW} 第十九条")
    return None


def reported_within_24_hours(ctx: StepContext) -> Refusal | None:
    """第十九条: reported to the head, and the approval completed, within 24 hours."""
    spot = ctx.case.events.filter(kind="impose_on_the_spot").order_by("-id").first()
    reported = ctx.data.get("reported_at")
    if spot is None or not isinstance(reported, datetime):
        return None
    acted = datetime.fromisoformat(spot.data["acted_at"])
    if reported < acted:
        return Refusal("报告时间不能早于当场实施的时间", f"{LAW} 第十九条")
    if reported - acted > REPORT_WITHIN:
        return Refusal(
            f"当场实施于 {timezone.localtime(acted):%Y-%m-%d %H:%M}，"
            f"须在二十四小时内（{timezone.localtime(acted + REPORT_WITHIN):%Y-%m-%d %H:%M} 前）"
            "向负责人报告并补办批准手续；逾期的，应当立即解除",
            f"{LAW} 第十九条",
        )
    if timezone.localtime(reported).date() != ctx.on:
        return Refusal("补办批准的日期须与报告时间一致", f"{LAW} 第十九条")
    return None


def within_the_period(ctx: StepContext) -> Refusal | None:
    """Once the maximum has run out, the measure can only be released (第二十八条第一款第四项)."""
    cm = detail(ctx.case)
    period = running_period(ctx.case)
    if period is not None and period.due is not None and ctx.on > period.due:
        return Refusal(
            f"{period.name}已于 {period.due.isoformat()} 届满（{period.basis}），应当作出解除决定",
            _article(cm.measure, "第二十八条", "第三十三条"),
            missing_step="release",
        )
    return None


def extendable(ctx: StepContext) -> Refusal | None:
    """第二十五条 / 第三十二条: once, by the head, before the period has run out."""
    cm = detail(ctx.case)
    basis = _article(cm.measure, "第二十五条", "第三十二条")
    period = running_period(ctx.case)
    if period is None:
        return Refusal("本案没有计时中的强制措施期限", basis)
    if period.extension_amount:
        return Refusal(f"{period.name}已经延长过一次，不得再次延长", basis)
    if period.due is not None and ctx.on > period.due:
        return Refusal(f"{period.name}已于 {period.due.isoformat()} 届满，不能再延长", basis)
    days = ctx.data.get("days")
    if isinstance(days, int) and days > 30:
        return Refusal("延长期限不得超过三十日", basis)
    return None


# -- effects ----------------------------------------------------------------------------------


def _start_period(ctx: StepContext, event: Any) -> None:
    """The maximum runs from the day the measure is carried out."""
    cm = detail(ctx.case)
    deadlines.start_deadline(ctx.case, period_key(cm.measure), ctx.on, actor=ctx.actor)


def _extend(ctx: StepContext, event: Any) -> None:
    period = running_period(ctx.case)
    assert period is not None  # the gate made sure
    deadlines.extend(
        period, approved_by=ctx.actor, reason=ctx.data["reason"], amount=ctx.data["days"]
    )


def _end_period(ctx: StepContext, event: Any) -> None:
    period = running_period(ctx.case)
    if period is not None:
        deadlines.mark_met(period, ctx.on, actor=ctx.actor)


# -- forms ------------------------------------------------------------------------------------


class ApproveForm(forms.Form):
    opinion = forms.CharField(label="负责人审批意见", widget=forms.Textarea, max_length=2000)


class OfficersForm(OfficerPair):
    """Two officers of the measure's department, their credential numbers recorded; the party
    notified and told of the grounds and remedies, heard, and the on-site record made
    (第十八条第二至七项)."""

    party_present = forms.BooleanField(
        label="当事人到场（不到场的，邀请见证人到场）", required=False
    )
    witness = forms.CharField(label="见证人", max_length=100, required=False)
    statement = forms.CharField(
        label="当事人的陈述和申辩", widget=forms.Textarea, max_length=4000, required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # 第十八条第六项: 当事人不到场的，邀请见证人到场.
        if not data.get("party_present") and not str(data.get("witness") or "").strip():
            raise forms.ValidationError("当事人不到场的，应当邀请见证人到场（行政强制法 第十八条）")
        return data


class OnTheSpotForm(OfficersForm):
    acted_at = forms.DateTimeField(
        label="当场实施时间", widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    urgency = forms.CharField(label="情况紧急的事由", widget=forms.Textarea, max_length=2000)


class PostApproveForm(forms.Form):
    reported_at = forms.DateTimeField(
        label="向负责人报告的时间", widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    opinion = forms.CharField(label="负责人补批意见", widget=forms.Textarea, max_length=2000)


class ExtendForm(forms.Form):
    days = forms.IntegerField(label="延长日数", min_value=1, max_value=30)
    reason = forms.CharField(
        label="延长理由（书面告知当事人）", widget=forms.Textarea, max_length=200
    )


class ReleaseForm(forms.Form):
    # 第二十八条第一款 (查封、扣押) and 第三十三条第一款 (冻结): the grounds for release.
    GROUNDS = (
        ("no_violation", "当事人没有违法行为"),
        ("unrelated", "查封、扣押、冻结的场所、设施、财物或存款与违法行为无关"),
        ("no_longer_needed", "行政机关对违法行为已经作出处理决定，不再需要采取强制措施"),
        ("expired", "强制措施期限已经届满"),
        ("other", "其他不再需要采取强制措施的情形"),
    )
    ground = forms.ChoiceField(label="解除的理由", choices=GROUNDS)
    note = forms.CharField(label="说明", widget=forms.Textarea, max_length=2000, required=False)


class DisposeForm(forms.Form):
    decision = forms.CharField(label="处理决定", widget=forms.Textarea, max_length=4000)


class RefuseForm(forms.Form):
    reason = forms.CharField(label="不予采取的理由", widget=forms.Textarea, max_length=2000)


class CoerciveMeasureForm(forms.Form):
    title = forms.CharField(label="案由", max_length=200)
    power_item = forms.ModelChoiceField(
        label="执法事项", queryset=PowerItem.objects.filter(kind=PowerKind.COERCION)
    )
    measure = forms.ChoiceField(label="强制措施种类", choices=MeasureType.choices)
    grounds = forms.CharField(label="理由和依据", widget=forms.Textarea, max_length=4000)
    property = forms.CharField(
        label="场所、设施或者财物（清单）或存款、汇款账户", widget=forms.Textarea, max_length=8000
    )
    amount = forms.DecimalField(
        label="冻结金额（元）", min_value=0, decimal_places=2, required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("measure") == MeasureType.FREEZE and not data.get("amount"):
            raise forms.ValidationError("冻结存款、汇款须写明冻结数额（行政强制法 第二十九条）")
        return data


def _create(actor: Any, unit: Any, data: Any, on: date) -> Case:
    case = open_case(KIND, title=data["title"], owner=unit, actor=actor, opened_on=on)
    CoerciveMeasure.objects.create(
        case=case,
        power_item=data["power_item"],
        measure=data["measure"],
        grounds=data["grounds"],
        property=data["property"],
        amount=data.get("amount"),
    )
    return case


def _number(case: Case, on: date) -> str:
    return yearly_case_number(case, "QZ", on)


HEAD = [Role.DEPARTMENT_HEAD]
OFFICERS = [Role.OFFICER, Role.CLERK]

WORKFLOW = register(
    Workflow(
        KIND,
        "行政强制措施",
        CoercionState,
        CoercionState.PROPOSED,
        numbering=_number,
        detail=lambda case: CoerciveMeasure.objects.filter(case=case).first(),
        create_form=CoerciveMeasureForm,
        create_roles=frozenset(OFFICERS),
        create=_create,
    )
)
WORKFLOW.add(
    "approve",
    "负责人批准",
    [CoercionState.PROPOSED],
    CoercionState.APPROVED,
    staff_roles=HEAD,
    basis=f"{LAW} 第十八条",
    form=ApproveForm,
    gates=[holds_the_power],
    files_case=True,
)
WORKFLOW.add(
    "refuse",
    "不予采取",
    [CoercionState.PROPOSED],
    CoercionState.NOT_TAKEN,
    staff_roles=HEAD,
    basis=f"{LAW} 第十八条",
    form=RefuseForm,
    closes=True,
)
WORKFLOW.add(
    "impose",
    "实施强制措施",
    [CoercionState.APPROVED],
    CoercionState.IMPOSED,
    staff_roles=OFFICERS,
    basis=f"{LAW} 第十八条、第二十四条",
    form=OfficersForm,
    gates=[holds_the_power, two_credentialed_officers],
    effect=_start_period,
)
WORKFLOW.add(
    "impose_on_the_spot",
    "情况紧急当场实施",
    [CoercionState.PROPOSED],
    CoercionState.AWAITING_APPROVAL,
    staff_roles=OFFICERS,
    basis=f"{LAW} 第十九条",
    form=OnTheSpotForm,
    gates=[holds_the_power, two_credentialed_officers, acted_on_the_day],
    effect=_start_period,
    files_case=True,
)
WORKFLOW.add(
    "post_approve",
    "补办批准手续",
    [CoercionState.AWAITING_APPROVAL],
    CoercionState.IMPOSED,
    staff_roles=HEAD,
    basis=f"{LAW} 第十九条",
    form=PostApproveForm,
    gates=[reported_within_24_hours],
)
WORKFLOW.add(
    "post_refuse",
    "不予补批并立即解除",
    [CoercionState.AWAITING_APPROVAL],
    CoercionState.RELEASED,
    staff_roles=HEAD,
    basis=f"{LAW} 第十九条",
    form=RefuseForm,
    effect=_end_period,
    closes=True,
)
WORKFLOW.add(
    "extend",
    "延长强制措施期限",
    [CoercionState.IMPOSED],
    "",
    staff_roles=HEAD,
    basis=f"{LAW} 第二十五条、第三十二条",
    form=ExtendForm,
    gates=[extendable],
    effect=_extend,
)
WORKFLOW.add(
    "dispose",
    "作出处理决定",
    [CoercionState.IMPOSED],
    CoercionState.DISPOSED,
    staff_roles=HEAD,
    basis=f"{LAW} 第二十七条",
    form=DisposeForm,
    gates=[within_the_period],
    effect=_end_period,
    closes=True,
)
WORKFLOW.add(
    "release",
    "解除强制措施",
    [CoercionState.APPROVED, CoercionState.IMPOSED],
    CoercionState.RELEASED,
    staff_roles=HEAD,
    basis=f"{LAW} 第二十八条、第三十三条",
    form=ReleaseForm,
    effect=_end_period,
    closes=True,
)
