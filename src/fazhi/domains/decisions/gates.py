"""The gates of a major decision's steps (workflow.py): each returns a ``Refusal`` naming what is
missing and its article of 重大行政决策程序暂行条例, or None."""

from __future__ import annotations

from typing import Any

from fazhi.core.casework.choices import DeadlineStatus
from fazhi.core.casework.models import Case
from fazhi.core.casework.workflow import Refusal, StepContext
from fazhi.core.clock import statutes

from . import periods, procedures
from .choices import PASSING_REVIEW, MeetingOutcome, Stance
from .models import AgendaItem, Expert, MajorDecision, Meeting

LAW = "重大行政决策程序暂行条例"


def detail(case: Case) -> MajorDecision:
    return MajorDecision.objects.select_related("item").get(case=case)


# -- gates ------------------------------------------------------------------------------------


def _procedure_gate(check: procedures.Check) -> Any:
    def gate(ctx: StepContext) -> Refusal | None:
        return check(detail(ctx.case))

    gate.__name__ = f"requires_{check.__name__}"
    return gate


AGENDA_GATES = [_procedure_gate(c) for c in procedures.CHECKS]


def consultation_period(ctx: StepContext) -> Refusal | None:
    """第十五条: 公开征求意见的期限一般不少于30日; 缩短的须在公开征求意见时说明."""
    closes_on = ctx.data["closes_on"]
    earliest = statutes.compute_statutory(periods.CONSULTATION, ctx.on).due
    if earliest is not None and closes_on < earliest and not ctx.data.get("shortened_reason"):
        return Refusal(
            f"公开征求意见的期限一般不少于30日（自 {ctx.on.isoformat()} 起最早于 "
            f"{earliest.isoformat()} 截止）；缩短期限的，须在公开征求意见时说明理由",
            f"{LAW} 第十五条",
        )
    if closes_on <= ctx.on:
        return Refusal("征求意见截止日期须在公布日之后", f"{LAW} 第十五条")
    return None


def public_draft(ctx: StepContext) -> Refusal | None:
    d = detail(ctx.case)
    if d.not_public_reason:
        return Refusal(f"本决策事项依法不予公开（{d.not_public_reason}）", f"{LAW} 第十四条")
    if d.consultations.filter(closed_on__isnull=True).exists():
        return Refusal("已有正在进行的公开征求意见", f"{LAW} 第十五条")
    return None


def consultation_closable(ctx: StepContext) -> Refusal | None:
    open_ = detail(ctx.case).consultations.filter(closed_on__isnull=True).first()
    if open_ is None:
        return Refusal(
            "没有正在进行的公开征求意见", f"{LAW} 第十五条", missing_step="open_consultation"
        )
    if ctx.on < open_.closes_on:
        return Refusal(
            f"公布的征求意见期限至 {open_.closes_on.isoformat()}，期满前不得结束征求意见",
            f"{LAW} 第十五条",
        )
    return None


def hearing_notice(ctx: StepContext) -> list[Refusal]:
    """第十六条: draft and information published in advance; the participants list published in
    advance; the materials delivered 7 days before the hearing."""
    basis = f"{LAW} 第十六条"
    data, held_on = ctx.data, ctx.on
    out = []
    if data["draft_published_on"] >= held_on:
        out.append(Refusal("决策草案及听证时间、地点须在听证会前提前公布", basis))
    if data["participants_published_on"] >= held_on:
        out.append(Refusal("听证参加人名单须在听证会前向社会公布", basis))
    selection = data.get("selection_published_on")
    if selection is not None and selection >= data["participants_published_on"]:
        out.append(Refusal("参加人遴选办法须在遴选（公布名单）前公布", basis))
    earliest = statutes.compute_statutory(
        periods.HEARING_MATERIALS.key, data["materials_delivered_on"]
    ).due
    if earliest is not None and held_on < earliest:
        out.append(
            Refusal(
                f"听证会材料于 {data['materials_delivered_on'].isoformat()} 送达，"
                f"听证会最早于 {earliest.isoformat()} 召开（材料应于召开7日前送达）",
                f"{LAW} 第十六条第三款",
            )
        )
    return out


def hearing_gate(ctx: StepContext) -> Refusal | None:
    refusals = hearing_notice(ctx)
    if len(refusals) > 1:
        return Refusal("；".join(r.message for r in refusals), refusals[0].basis)
    return refusals[0] if refusals else None


def experts_without_interest(ctx: StepContext) -> Refusal | None:
    """第二十条: 不得选择与决策事项有直接利害关系的专家、专业机构."""
    conflicted = [e for e in ctx.data["experts"] if e["direct_interest"]]
    if conflicted:
        names = "、".join(f"{e['name']}（{e['affiliation']}）" for e in conflicted)
        return Refusal(
            f"{names}与决策事项有直接利害关系，不得参与论证，请更换专家",
            f"{LAW} 第二十条",
        )
    return None


def no_open_consultation(ctx: StepContext) -> Refusal | None:
    if detail(ctx.case).consultations.filter(closed_on__isnull=True).exists():
        return Refusal(
            "公开征求意见尚未结束，不能送请合法性审查",
            f"{LAW} 第二十六条",
            missing_step="close_consultation",
        )
    return None


def review_time(ctx: StepContext) -> Refusal | None:
    """第二十六条第二款: at least 7 working days for the review — an earliest date."""
    for d in ctx.case.deadlines.filter(
        key=periods.LEGALITY_REVIEW.key, status=DeadlineStatus.RUNNING
    ):
        if d.due is not None and ctx.on < d.due:
            return Refusal(
                f"合法性审查时间一般不少于7个工作日：{d.start.isoformat()} 送审，"
                f"{d.due.isoformat()} 起方可出具审查意见",
                d.basis,
            )
    return None


def advisers_consulted(ctx: StepContext) -> Refusal | None:
    """第二十八条: 应当组织法律顾问、公职律师提出法律意见."""
    if ctx.data.get("advisers") or (ctx.data.get("public_lawyers") or "").strip():
        return None
    return Refusal(
        "合法性审查过程中应当组织法律顾问、公职律师提出法律意见，请填写提出意见的法律顾问或公职律师",
        f"{LAW} 第二十八条",
    )


def passing_conclusion(ctx: StepContext) -> Refusal | None:
    if ctx.data["conclusion"] not in PASSING_REVIEW:
        return Refusal(
            "审查结论为不合法的，应退回承办单位（“审查不合法，退回”）", f"{LAW} 第二十五条"
        )
    return None


def unlawful_conclusion(ctx: StepContext) -> Refusal | None:
    if ctx.data["conclusion"] in PASSING_REVIEW:
        return Refusal("审查结论为合法的，应出具合法性审查意见", f"{LAW} 第二十五条")
    return None


def meeting_of_the_body(ctx: StepContext) -> Refusal | None:
    meeting: Meeting = ctx.data["meeting"]
    if not ctx.case.participants.filter(org_unit=meeting.government, role="handler").exists():
        return Refusal("只能列入本决策机关的会议", f"{LAW} 第三十条")
    if meeting.held_on < ctx.on:
        return Refusal(f"该会议已于 {meeting.held_on.isoformat()} 召开", f"{LAW} 第三十条")
    return None


def agenda_item(case: Case) -> AgendaItem | None:
    return (
        AgendaItem.objects.filter(decision__case=case)
        .select_related("meeting")
        .order_by("-pk")
        .first()
    )


def collective_discussion(ctx: StepContext) -> Refusal | None:
    """第三十条: members speak, the head last; against the majority, the head gives reasons."""
    basis = f"{LAW} 第三十条"
    item = agenda_item(ctx.case)
    if item is None:
        return Refusal("决策草案尚未列入会议议题", basis, missing_step="place_on_agenda")
    if item.meeting.held_on != ctx.on:
        return Refusal(
            f"集体讨论决定应在 {item.meeting.held_on.isoformat()} 召开的{item.meeting}上作出", basis
        )
    head = {getattr(ctx.actor, "display_name", ""), getattr(ctx.actor, "username", "")} - {""}
    opinions = ctx.data["opinions"]
    if any(o["member"] in head for o in opinions):
        return Refusal("行政首长应在会议组成人员充分发表意见后最后发表意见", basis)
    agree = sum(o["stance"] == Stance.AGREE for o in opinions)
    disagree = sum(o["stance"] == Stance.DISAGREE for o in opinions)
    adopted = ctx.data["outcome"] == MeetingOutcome.ADOPTED
    against = (adopted and disagree > agree) or (not adopted and agree > disagree)
    if against and not (ctx.data.get("against_majority_reasons") or "").strip():
        return Refusal("行政首长拟作出的决定与会议组成人员多数人的意见不一致，应当说明理由", basis)
    return None


def is_adopted(ctx: StepContext) -> Refusal | None:
    if ctx.data["outcome"] != MeetingOutcome.ADOPTED:
        return Refusal("决定为不予通过或暂缓的，请使用“不予通过/暂缓决定”", f"{LAW} 第三十条")
    return None


def not_adopted(ctx: StepContext) -> Refusal | None:
    if ctx.data["outcome"] == MeetingOutcome.ADOPTED:
        return Refusal("决定通过的，请使用“集体讨论决定”", f"{LAW} 第三十条")
    return None


def party_reported(ctx: StepContext) -> Refusal | None:
    if detail(ctx.case).party_report_on is None:
        return Refusal(
            "重大行政决策出台前应当按照规定向同级党委请示报告",
            f"{LAW} 第三十一条",
            missing_step="report_to_party",
        )
    return None


def archive_complete(ctx: StepContext) -> Refusal | None:
    gaps = procedures.archive_gaps(detail(ctx.case))
    if gaps:
        return Refusal("；".join(g.message for g in gaps), gaps[0].basis, gaps[0].missing_step)
    return None


def independent_evaluator(ctx: StepContext) -> Refusal | None:
    """第三十六条第二款: 决策作出前承担主要论证评估工作的单位除外."""
    d = detail(ctx.case)
    owner = ctx.case.owner_unit()
    evaluator = ctx.data["evaluator"].strip()
    unit = ctx.data.get("evaluator_unit")
    argued = {r.assessor for r in d.risk_assessments.all()}
    argued |= {e.affiliation for e in Expert.objects.filter(review__decision=d)}
    if owner is not None:
        argued |= {owner.name, owner.short_name} - {""}
    if (unit is not None and owner is not None and unit.pk == owner.pk) or evaluator in argued:
        return Refusal(
            f"“{evaluator}”在决策作出前承担了主要论证评估工作，不得承担决策后评估",
            f"{LAW} 第三十六条第二款",
        )
    return None
