"""听取意见 (行政复议法 第四十九条) and 听证 (第五十条、第五十一条), each a step of the case.

A hearing's panel is one 主持人 and at least two 听证员, all reconsideration staff (行政复议人员)
of the body, and one 记录员; the parties are told the time, place and matters in writing at
least five working days before it (第五十一条, 第八十八条: 五日 are working days), counted by the
clock; when it is held its record (听证笔录) is kept, on which the decision rests
(第六十一条第二款).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from fazhi.core.casework.models import Case
from fazhi.core.casework.workflow import STAY, Refusal, StepContext
from fazhi.core.clock import statutes
from fazhi.core.clock.periods import Period, PeriodKind, Unit
from fazhi.core.org.choices import Role
from fazhi.core.org.models import Staff

from .choices import ReconsiderationState
from .models import Hearing
from .party_choices import HearingGround, HearingState, ViewsMethod
from .workflow import HANDLER, WORKFLOW, accepted

S = ReconsiderationState
REVIEW_STATES = [S.ACCEPTED, S.REPLIED]
RECONSIDERATION_STAFF = (Role.RECONSIDERATION_HANDLER, Role.RECONSIDERATION_HEAD)
HEARING_BASIS = "行政复议法 第五十一条第一款"

# 第五十一条第一款: 举行听证的五日前书面通知 — the earliest day the hearing may be held.
HEARING_NOTICE = statutes.register(
    statutes.StatutoryPeriod(
        "reconsideration.hearing_notice",
        "听证通知（至少提前五个工作日）",
        (statutes.Version(date(2024, 1, 1), Period(5, Unit.WORKDAYS, HEARING_BASIS)),),
        kind=PeriodKind.EARLIEST,
    )
).key


class ViewsForm(forms.Form):
    method = forms.ChoiceField(label="听取方式", choices=ViewsMethod.choices)
    heard = forms.CharField(label="听取意见的当事人", max_length=200)
    summary = forms.CharField(label="意见要点（记录在案）", widget=forms.Textarea, max_length=8000)


class StaffChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name or obj.username)


def _staff_field(label: str, required: bool = True) -> StaffChoice:
    # 第五十条第三款: the host and the panel are 行政复议人员 of the body.
    invalid = "须由本机构的行政复议人员担任（行政复议法 第五十条第三款）"
    return StaffChoice(
        label=label,
        queryset=Staff.objects.none(),
        required=required,
        error_messages={"invalid_choice": invalid},
    )


class ScheduleForm(forms.Form):
    ground = forms.ChoiceField(label="听证理由", choices=HearingGround.choices)
    hearing_on = forms.DateField(label="听证日期")
    place = forms.CharField(label="听证地点", max_length=200)
    matters = forms.CharField(label="拟听证事项", widget=forms.Textarea, max_length=4000)
    notice_served_on = forms.DateField(label="书面通知当事人日期")
    host = _staff_field("主持人")
    member_1 = _staff_field("听证员一")
    member_2 = _staff_field("听证员二", required=False)
    member_3 = _staff_field("听证员三", required=False)
    recorder = _staff_field("记录员")

    def bind_case(self, case: Case) -> None:
        owner = case.owner_unit()
        staff = Staff.objects.filter(is_active=True, roles__org_unit=owner).distinct()
        panel = Staff.objects.filter(
            is_active=True, roles__org_unit=owner, roles__role__in=RECONSIDERATION_STAFF
        ).distinct()
        for name in ("host", "member_1", "member_2", "member_3"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = panel
        recorder = self.fields["recorder"]
        assert isinstance(recorder, forms.ModelChoiceField)
        recorder.queryset = staff


class HoldForm(forms.Form):
    held_on = forms.DateField(label="举行日期")
    applicant_attended = forms.BooleanField(label="申请人参加", required=False)
    respondent_head_attended = forms.BooleanField(label="被申请人负责人参加", required=False)
    respondent_attendee = forms.CharField(label="被申请人参加人员", max_length=200)
    head_absence_reason = forms.CharField(
        label="负责人未参加的理由（并委托工作人员参加）", max_length=300, required=False
    )
    record = forms.CharField(label="听证笔录", widget=forms.Textarea, max_length=20000)


def members(data: Any) -> list[Any]:
    return [m for m in (data.get(f"member_{i}") for i in (1, 2, 3)) if m is not None]


def panel_composed(ctx: StepContext) -> Refusal | None:
    """第五十条第三款: 一名主持人, 两名以上听证员, 一名记录员; no one sits twice."""
    host, recorder, panel = ctx.data.get("host"), ctx.data.get("recorder"), members(ctx.data)
    if host is None or recorder is None:  # the form's own refusal says so
        return None
    people = [host, *panel]
    if len(panel) < 2:
        return Refusal("听证员须两名以上", "行政复议法 第五十条第三款")
    if len({p.pk for p in people}) != len(people) or recorder.pk in {p.pk for p in people}:
        return Refusal("主持人、听证员和记录员须由不同人员担任", "行政复议法 第五十条第三款")
    return None


def notice_in_time(ctx: StepContext) -> Refusal | None:
    served, held = ctx.data.get("notice_served_on"), ctx.data.get("hearing_on")
    if served is None or held is None:
        return None
    result = statutes.compute_statutory(HEARING_NOTICE, served)
    if result.due is not None and held < result.due:
        return Refusal(
            f"{served.isoformat()} 书面通知的，听证最早于 {result.due.isoformat()} 举行"
            f"（须在举行听证的五个工作日前通知），{held.isoformat()} 不足",
            HEARING_BASIS,
        )
    return None


def no_hearing_pending(ctx: StepContext) -> Refusal | None:
    if Hearing.objects.filter(case=ctx.case, state=HearingState.SCHEDULED).exists():
        return Refusal("本案已有通知待举行的听证，请先登记其举行情况", HEARING_BASIS)
    return None


def _pending(case: Case) -> Hearing | None:
    return Hearing.objects.filter(case=case, state=HearingState.SCHEDULED).order_by("-id").first()


def hearing_scheduled(ctx: StepContext) -> Refusal | None:
    hearing = _pending(ctx.case)
    if hearing is None:
        return Refusal("尚未通知听证", HEARING_BASIS, missing_step="schedule_hearing")
    held = ctx.data.get("held_on")
    if held is not None and held < hearing.hearing_on:
        return Refusal(
            f"听证已通知于 {hearing.hearing_on.isoformat()} 举行，不能提前至 {held.isoformat()}",
            HEARING_BASIS,
        )
    return None


def head_attends_or_explains(ctx: StepContext) -> Refusal | None:
    """第五十一条第三款: 被申请人的负责人应当参加; 不能参加的, 应当说明理由."""
    if not ctx.data.get("respondent_head_attended") and not ctx.data.get("head_absence_reason"):
        return Refusal("被申请人负责人未参加听证的，须说明理由", "行政复议法 第五十一条第三款")
    return None


def _scheduled(ctx: StepContext, event: Any) -> None:
    data = ctx.data
    hearing = Hearing.objects.create(
        case=ctx.case,
        ground=data["ground"],
        hearing_on=data["hearing_on"],
        place=data["place"],
        matters=data["matters"],
        notice_served_on=data["notice_served_on"],
        host=data["host"],
        recorder=data["recorder"],
    )
    hearing.members.set(members(data))


def _held(ctx: StepContext, event: Any) -> None:
    hearing = _pending(ctx.case)
    assert hearing is not None  # the gate says so
    fields = (
        "held_on",
        "applicant_attended",
        "respondent_head_attended",
        "respondent_attendee",
        "head_absence_reason",
        "record",
    )
    Hearing.objects.filter(pk=hearing.pk).update(
        state=HearingState.HELD, **{f: ctx.data[f] for f in fields}
    )


WORKFLOW.add(
    "hear_views",
    "听取意见",
    REVIEW_STATES,
    STAY,
    staff_roles=[HANDLER],
    basis="行政复议法 第四十九条",
    gates=[accepted],
    form=ViewsForm,
)
WORKFLOW.add(
    "schedule_hearing",
    "通知听证",
    REVIEW_STATES,
    STAY,
    staff_roles=[HANDLER],
    basis="行政复议法 第五十条、第五十一条",
    gates=[accepted, no_hearing_pending, panel_composed, notice_in_time],
    form=ScheduleForm,
    effect=_scheduled,
)
WORKFLOW.add(
    "hold_hearing",
    "举行听证（听证笔录）",
    REVIEW_STATES,
    STAY,
    staff_roles=[HANDLER],
    basis="行政复议法 第五十条、第五十一条",
    gates=[hearing_scheduled, head_attends_or_explains],
    form=HoldForm,
    effect=_held,
)
