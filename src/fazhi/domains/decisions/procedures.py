"""Which statutory procedures a major decision still lacks: the one source of the agenda gate
("未履行法定程序的议题，坚决不上会"), the decision step and the archive's completeness check.

Each check names the step that is missing and its article (重大行政决策程序暂行条例).
"""

from __future__ import annotations

from collections.abc import Callable

from fazhi.core.casework.workflow import Refusal

from .choices import PASSING_REVIEW, RiskConclusion
from .models import MajorDecision

BASIS_PARTICIPATION = "重大行政决策程序暂行条例 第十四条、第十五条"
BASIS_HEARING = "重大行政决策程序暂行条例 第十六条、第十七条"
BASIS_EXPERTS = "重大行政决策程序暂行条例 第十九条"
BASIS_RISK = "重大行政决策程序暂行条例 第二十二条、第二十四条"
BASIS_LEGALITY = "重大行政决策程序暂行条例 第二十五条"
BASIS_FAIR_COMPETITION = "重大行政决策程序暂行条例 第二十九条第一项"

Check = Callable[[MajorDecision], Refusal | None]


def public_participation(d: MajorDecision) -> Refusal | None:
    if d.not_public_reason:
        return None
    if d.consultations.filter(closed_on__isnull=False).exists():
        return None
    if d.consultations.exists():
        return Refusal(
            "公开征求意见尚未结束，须结束并整理意见采纳情况",
            BASIS_PARTICIPATION,
            missing_step="close_consultation",
        )
    return Refusal(
        "未履行公众参与程序：决策草案未向社会公开征求意见",
        BASIS_PARTICIPATION,
        missing_step="open_consultation",
    )


def hearing(d: MajorDecision) -> Refusal | None:
    if not d.item.hearing or d.hearings.filter(record_signed=True).exists():
        return None
    return Refusal(
        "目录确定召开听证会，但听证会尚未举行或记录未经参加人签字确认",
        BASIS_HEARING,
        missing_step="hold_hearing",
    )


def expert_review(d: MajorDecision) -> Refusal | None:
    if not d.item.expert_review or d.expert_reviews.exists():
        return None
    return Refusal(
        "未履行专家论证程序：专业性、技术性较强的决策事项应当组织专家论证",
        BASIS_EXPERTS,
        missing_step="expert_review",
    )


def risk_assessment(d: MajorDecision) -> Refusal | None:
    if not d.item.risk_assessment:
        return None
    latest = d.risk_assessments.order_by("-reported_on", "-pk").first()
    if latest is None:
        return Refusal(
            "未履行风险评估程序：未形成风险评估报告", BASIS_RISK, missing_step="risk_assessment"
        )
    if latest.conclusion == RiskConclusion.UNCONTROLLABLE:
        return Refusal(
            f"风险评估报告（{latest.reported_on.isoformat()}）认为风险不可控，"
            "须调整决策草案并重新评估确保风险可控后方可决策",
            "重大行政决策程序暂行条例 第二十四条",
            missing_step="risk_assessment",
        )
    return None


def legality_review(d: MajorDecision) -> Refusal | None:
    review = d.legality_reviews.order_by("-submitted_on", "-pk").first()
    if review is None or not review.conclusion:
        return Refusal(
            "未经合法性审查的决策草案不得提交决策机关讨论",
            BASIS_LEGALITY,
            missing_step="submit_review" if review is None else "legality_opinion",
        )
    if review.conclusion not in PASSING_REVIEW:
        return Refusal(
            "决策草案经合法性审查不合法，不得提交决策机关讨论",
            BASIS_LEGALITY,
            missing_step="submit_review",
        )
    # A draft changed after it went to review is not the draft that was reviewed.
    events = d.case.events
    last_submit = events.filter(kind="submit_review").order_by("-pk").first()
    last_adjust = events.filter(kind="adjust_draft").order_by("-pk").first()
    if last_adjust is not None and (last_submit is None or last_adjust.pk > last_submit.pk):
        return Refusal(
            "决策草案在合法性审查后作了调整，须重新送请合法性审查",
            BASIS_LEGALITY,
            missing_step="submit_review",
        )
    return None


def fair_competition(d: MajorDecision) -> Refusal | None:
    if not d.item.fair_competition or d.fair_competition_note.strip():
        return None
    return Refusal(
        "决策草案涉及市场主体经济活动，报送材料须包含公平竞争审查的有关情况",
        BASIS_FAIR_COMPETITION,
        missing_step="submit_review",
    )


# In the order the procedures run; the legality review comes last before the meeting.
CHECKS: tuple[Check, ...] = (
    public_participation,
    hearing,
    expert_review,
    risk_assessment,
    fair_competition,
    legality_review,
)


def missing_procedures(d: MajorDecision) -> list[Refusal]:
    """Every statutory procedure the decision still lacks, each with its article."""
    return [r for r in (check(d) for check in CHECKS) if r is not None]


def archive_gaps(d: MajorDecision) -> list[Refusal]:
    """条例 第三十三条: what the archive of a decided decision lacks (过程记录和材料完整归档)."""
    basis = "重大行政决策程序暂行条例 第三十三条"
    gaps = [
        Refusal(f"归档材料不完整：{r.message}", basis, missing_step=r.missing_step)
        for r in missing_procedures(d)
    ]
    if not d.draft.strip():
        gaps.append(Refusal("归档材料不完整：缺少决策草案及说明", basis))
    if not d.not_public_reason and not d.consultations.exclude(adoption="").exists():
        gaps.append(
            Refusal(
                "归档材料不完整：缺少公众意见研究采纳情况", basis, missing_step="close_consultation"
            )
        )
    discussion = d.discussions.order_by("-pk").first()
    if discussion is None or not discussion.opinions.exists():
        gaps.append(
            Refusal(
                "归档材料不完整：缺少集体讨论决定记录（含不同意见）", basis, missing_step="decide"
            )
        )
    if d.party_report_on is None:
        gaps.append(
            Refusal(
                "归档材料不完整：缺少向同级党委请示报告的记录",
                basis,
                missing_step="report_to_party",
            )
        )
    if d.publication_id is None:
        gaps.append(Refusal("归档材料不完整：决策尚未公布", basis, missing_step="publish"))
    return gaps
