"""陈述申辩 and 听证 (行政处罚法 第四十四、四十五条, 第六十三至六十五条).

After the notice (告知) the party states its case; where the penalty is one of 第六十三条's
(a fine of a 较大数额, confiscation of as much, 降级吊证, 停产停业 …) it may ask for a hearing
within 5 working days (第六十四条第一项); the agency notifies the hearing's time and place at
least 7 days before (第六十四条第二项), the hearing is presided by someone who did not
investigate the case (第六十四条第四项), recorded (第六十四条第八项), and the decision is made on
the record (第六十五条). A hearing that changes the facts sends the case back to legal review;
a heavier finding needs a fresh notice (第四十四条: 未告知的不得作出决定; see ``decision.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings

from fazhi.core.casework.choices import DeadlineStatus
from fazhi.core.casework.models import Case
from fazhi.core.casework.workflow import Refusal, StepContext
from fazhi.core.clock import statutes
from fazhi.core.clock.periods import Period, PeriodKind, Unit
from fazhi.core.org.models import Officer

from ..choices import PartyKind, PenaltyType
from .common import detail, last_event, money, province_of

HEARING_BASIS = "行政处罚法 第六十四条"

# 第六十四条第二项: 行政机关应当在举行听证的七日前，通知当事人及有关人员听证的时间、地点.
# 第八十五条: 七日为工作日 (2021). 1996年法第四十二条第一款第二项: 同为七日前, 当时无工作日条款.
# The earliest day the hearing may be held: counted from the notice, not moved past rest days.
HEARING_NOTICE = statutes.register(
    statutes.StatutoryPeriod(
        "penalty.hearing_notice",
        "听证通知（听证七日前）",
        (
            statutes.Version(
                date(1996, 10, 1), Period(7, Unit.DAYS, "行政处罚法（1996）第四十二条")
            ),
            statutes.Version(date(2021, 7, 15), Period(7, Unit.WORKDAYS, HEARING_BASIS)),
        ),
        PeriodKind.EARLIEST,
    )
)


# -- 较大数额: the hearing thresholds, dated, per province ------------------------------------


@dataclass(frozen=True)
class HearingThreshold:
    """From ``effective_from``, a fine of at least ``citizen`` (公民) or ``organisation`` (法人或者
    其他组织) yuan is a 较大数额罚款 in ``province`` (GB/T 2260 two-digit code); the same amount
    of confiscated income or property counts as 较大数额 too. ``source`` names the provincial
    rule; ``verified`` says whether its text was read."""

    province: str
    effective_from: date
    citizen: Decimal
    organisation: Decimal
    source: str
    verified: bool = False


_THRESHOLDS: list[HearingThreshold] = []


def register_threshold(threshold: HearingThreshold) -> HearingThreshold:
    """Declare a province's amounts from a date (a new rule is a new row, never an edit)."""
    if threshold not in _THRESHOLDS:
        _THRESHOLDS.append(threshold)
        _THRESHOLDS.sort(key=lambda t: (t.province, t.effective_from))
    return threshold


# 湖北省: the provincial rule fixing 较大数额 was NOT found (no text of a 湖北省 rule was read).
# These amounts are a declared setting of this platform, the figures several provinces use
# (公民五千元、法人或者其他组织十万元), to be replaced by the justice bureau with the
# provincial rule and its date as soon as it is confirmed (a new row from its date).
HUBEI = register_threshold(
    HearingThreshold(
        "42",
        date(1996, 10, 1),
        Decimal("5000"),
        Decimal("100000"),
        "本平台声明的设置（湖北省较大数额标准的文件未查得，待司法局核定）",
        verified=False,
    )
)


def _from_settings() -> list[HearingThreshold]:
    """Rows a deployment declares in ``FAZHI_HEARING_THRESHOLDS`` (a list of dicts with
    province, effective_from, citizen, organisation, source and optionally verified): how the
    justice bureau enters the provincial rule once confirmed, without a code change."""
    rows = []
    for row in getattr(settings, "FAZHI_HEARING_THRESHOLDS", ()):
        rows.append(
            HearingThreshold(
                str(row["province"]),
                date.fromisoformat(str(row["effective_from"])),
                Decimal(str(row["citizen"])),
                Decimal(str(row["organisation"])),
                str(row["source"]),
                bool(row.get("verified", False)),
            )
        )
    return rows


def threshold_on(province: str, on: date) -> HearingThreshold | None:
    """The province's threshold in force on ``on``: the latest row from on or before it, a
    deployment's declared row winning over the shipped one of the same date."""
    rows = [
        t
        for t in [*_THRESHOLDS, *_from_settings()]
        if t.province == province and t.effective_from <= on
    ]
    rows.sort(key=lambda t: t.effective_from)  # stable: settings after code on the same day
    return rows[-1] if rows else None


def hearing_right(
    case: Case, penalty_type: str, fine: Decimal | None, on: date
) -> tuple[bool, str]:
    """Whether the penalty proposed on ``on`` gives the party the right to a hearing
    (第六十三条), and why (Chinese, with the threshold and its source)."""
    if penalty_type in (PenaltyType.LICENCE, PenaltyType.RESTRICTION):
        return True, "降低资质等级、吊销许可证件或者责令停产停业、责令关闭、限制从业（第六十三条）"
    if penalty_type != PenaltyType.FINE or not fine:
        return False, "拟作出的处罚不属于第六十三条规定的应当告知听证权利的情形"
    ec = detail(case)
    threshold = threshold_on(province_of(case.owner_unit()), on)
    if threshold is None:
        # Without a declared amount the right cannot be ruled out: it is given.
        return True, "本省未设定较大数额标准，拟罚款即告知听证权利（第六十三条）"
    citizen = ec.party_kind == PartyKind.CITIZEN
    limit = threshold.citizen if citizen else threshold.organisation
    who = "公民" if citizen else "法人或者其他组织"
    if fine >= limit:
        return True, f"对{who}罚款 {fine} 元，达到较大数额 {limit} 元（{threshold.source}）"
    return False, f"对{who}罚款 {fine} 元，未达到较大数额 {limit} 元（{threshold.source}）"


def notice_hearing_right(case: Case, notice: Any) -> tuple[bool, str]:
    """The hearing right the notice ``notice`` (an event) gave, by the rule of its day."""
    on = notice.occurred_on
    return hearing_right(
        case, notice.data.get("penalty_type", ""), money(notice.data.get("fine")), on
    )


# -- officers ---------------------------------------------------------------------------------


def investigating_officers(case: Case) -> set[int]:
    """The officers (``Officer`` ids) recorded on the case's investigative acts."""
    ids: set[int] = set()
    for data in case.events.filter(kind="investigate").values_list("data", flat=True):
        ids.update(int(o["id"]) for o in (data or {}).get("officers", []))
    return ids


def _department_officers(case: Case) -> Any:
    return Officer.objects.filter(department=case.owner_unit(), status="issued").select_related(
        "person"
    )


# -- forms ------------------------------------------------------------------------------------


class StatementForm(forms.Form):
    statement = forms.CharField(
        label="当事人陈述、申辩意见", widget=forms.Textarea, max_length=8000
    )
    adopted = forms.ChoiceField(
        label="复核结论",
        choices=[("adopted", "采纳"), ("partly", "部分采纳"), ("rejected", "不予采纳")],
    )
    reasons = forms.CharField(label="复核理由", widget=forms.Textarea, max_length=4000)


class HearingRequestForm(forms.Form):
    manner = forms.ChoiceField(label="提出方式", choices=[("written", "书面"), ("oral", "口头")])


class HearingScheduleForm(forms.Form):
    hearing_on = forms.DateField(label="听证日期")
    place = forms.CharField(label="听证地点", max_length=200)
    presider = forms.ModelChoiceField(label="听证主持人", queryset=Officer.objects.none())
    public = forms.BooleanField(label="公开举行", required=False, initial=True)

    def bind_case(self, case: Case) -> None:
        field = self.fields["presider"]
        if isinstance(field, forms.ModelChoiceField):
            field.queryset = _department_officers(case)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        presider = data.pop("presider", None)
        if presider is not None:
            data["presider"] = {"id": presider.pk, "name": str(presider)}
        return data


class HearingForm(forms.Form):
    record = forms.CharField(label="听证笔录", widget=forms.Textarea, max_length=20000)
    facts_changed = forms.BooleanField(label="听证改变了认定的事实", required=False)
    heavier = forms.BooleanField(label="听证中发现应当给予更重处罚的新事实", required=False)


# -- gates ------------------------------------------------------------------------------------


def may_request_hearing(ctx: StepContext) -> Refusal | None:
    """第六十三条: only the penalties it lists; 第六十四条第一项: within 5 working days."""
    notice = last_event(ctx.case, "notify")
    if notice is None:
        return Refusal("行政机关尚未告知", "行政处罚法 第四十四条", missing_step="notify")
    right, why = notice_hearing_right(ctx.case, notice)
    if not right:
        return Refusal(f"{why}；当事人可以陈述、申辩", "行政处罚法 第六十三条")
    window = (
        ctx.case.deadlines.filter(key="penalty.hearing_request", status=DeadlineStatus.RUNNING)
        .order_by("-id")
        .first()
    )
    if window is None or window.due is None or ctx.on > window.due:
        due = f"（{window.due.isoformat()} 届满）" if window and window.due else ""
        return Refusal(
            f"当事人要求听证的，应当在行政机关告知后五日内提出，申请期限已过{due}",
            window.basis if window else HEARING_BASIS,
        )
    return None


def notice_seven_days_before(ctx: StepContext) -> Refusal | None:
    """第六十四条第二项: the hearing notice at least 7 (working) days before the hearing."""
    hearing_on = ctx.data.get("hearing_on")
    if not isinstance(hearing_on, date):
        return None  # the form has refused it already
    earliest = statutes.compute_statutory("penalty.hearing_notice", ctx.on)
    if earliest.due is not None and hearing_on < earliest.due:
        return Refusal(
            f"应当在举行听证的七日前通知当事人：{ctx.on.isoformat()} 通知的，听证最早在 "
            f"{earliest.due.isoformat()} 举行",
            earliest.basis,
        )
    return None


def presider_did_not_investigate(ctx: StepContext) -> Refusal | None:
    """第六十四条第四项: 听证由行政机关指定的非本案调查人员主持."""
    presider = ctx.data.get("presider")
    if not presider:
        scheduled = last_event(ctx.case, "schedule_hearing")
        presider = scheduled.data.get("presider") if scheduled else None
    if not presider:
        return None
    officer = Officer.objects.filter(pk=presider["id"]).first()
    investigators = Officer.objects.filter(pk__in=investigating_officers(ctx.case))
    if officer is not None and (
        officer.pk in {o.pk for o in investigators}
        or officer.person_id in {o.person_id for o in investigators}
    ):
        return Refusal(
            f"{officer}是本案调查人员，不能主持听证；听证由非本案调查人员主持", HEARING_BASIS
        )
    return None


def on_the_hearing_date(ctx: StepContext) -> Refusal | None:
    scheduled = last_event(ctx.case, "schedule_hearing")
    if scheduled is None:
        return Refusal("须先通知听证的时间、地点", HEARING_BASIS, missing_step="schedule_hearing")
    hearing_on = date.fromisoformat(scheduled.data["hearing_on"])
    if ctx.on < hearing_on:
        return Refusal(f"听证通知的日期为 {hearing_on.isoformat()}，不能提前举行", HEARING_BASIS)
    return None


def notified_fine(case: Case) -> Decimal | None:
    notice = last_event(case, "notify")
    return money(notice.data.get("fine")) if notice else None


def hearing_held_if_requested(ctx: StepContext) -> Refusal | None:
    """第六十五条: 听证结束后, 根据听证笔录作出决定 — not before a requested hearing is held."""
    notice = last_event(ctx.case, "notify")
    requested = ctx.case.events.filter(kind="request_hearing")
    if notice is not None:
        requested = requested.filter(id__gt=notice.pk)
    last = requested.order_by("-id").first()
    if last is None:
        return None
    if ctx.case.events.filter(kind="hold_hearing", id__gt=last.pk).exists():
        return None
    return Refusal(
        "当事人要求听证的，应当在听证结束后根据听证笔录作出决定",
        "行政处罚法 第六十五条",
        missing_step="hold_hearing",
    )
