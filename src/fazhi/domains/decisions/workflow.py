"""重大行政决策 (重大行政决策程序暂行条例, 国务院令第713号), step by step, each by a person in
a role.

The undertaking department (承办单位, the case's owner) drafts and runs the procedures while the
draft is being prepared — public participation (第十四条至第十八条), expert review (第十九条、第
二十条), risk assessment (第二十二条至第二十四条) — then sends it to the legal office (the justice
bureau, the case's reviewer) for the legality review (第二十五条至第二十八条, at least 7 working
days). The decision body (the government, the case's handler) puts it on the agenda of its
executive or plenary meeting only when every procedure is done, decides collectively (第三十条),
reports to the party committee (第三十一条), publishes (第三十二条) and archives (第三十三条); then
implementation reports (第三十四条) and post-evaluation (第三十六条) follow.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q

from fazhi.core.casework.choices import DeadlineStatus
from fazhi.core.casework.deadlines import cancel
from fazhi.core.casework.models import Case
from fazhi.core.casework.numbering import yearly_case_number
from fazhi.core.casework.workflow import (
    STAY,
    Refusal,
    StepContext,
    TransitionError,
    Workflow,
    open_case,
    register,
)
from fazhi.core.disclosure.gate import publish
from fazhi.core.org.choices import Role
from fazhi.core.org.models import OrgUnit

from . import forms, periods
from .choices import (
    OPEN_STATES,
    DecisionState,
    MeetingOutcome,
    OpinionConclusion,
    OpinionKind,
    OpinionSubject,
    ReviewConclusion,
)
from .gates import (
    AGENDA_GATES,
    advisers_consulted,
    agenda_item,
    archive_complete,
    collective_discussion,
    consultation_closable,
    consultation_period,
    detail,
    experts_without_interest,
    hearing_gate,
    independent_evaluator,
    is_adopted,
    meeting_of_the_body,
    no_open_consultation,
    not_adopted,
    party_reported,
    passing_conclusion,
    public_draft,
    review_time,
    unlawful_conclusion,
)
from .models import (
    AgendaItem,
    Consultation,
    Discussion,
    Expert,
    ExpertReview,
    Hearing,
    ImplementationReport,
    LegalityReview,
    MajorDecision,
    MemberOpinion,
    PostEvaluation,
    RiskAssessment,
)

KIND = "major_decision"
REVIEW_TO_OPINION = {
    ReviewConclusion.LAWFUL: OpinionConclusion.NO_OBJECTION,
    ReviewConclusion.LAWFUL_WITH_CHANGES: OpinionConclusion.WITH_CHANGES,
    ReviewConclusion.EXPLORATORY: OpinionConclusion.WITH_CHANGES,
    ReviewConclusion.UNLAWFUL: OpinionConclusion.OBJECTION,
}
S = DecisionState
CLERK, HEAD, REVIEWER = Role.CLERK, Role.DEPARTMENT_HEAD, Role.LEGAL_REVIEWER
UNDERTAKING = (CLERK, HEAD)
LAW = "重大行政决策程序暂行条例"
CONSULTATION_KIND = "重大行政决策草案公开征求意见"
PUBLICATION_KIND = "重大行政决策"


def legal_office(government: OrgUnit) -> OrgUnit | None:
    """The department responsible for the legality review (条例 第二十五条): the government's
    justice bureau, which serves as its legal office (政府法制机构)."""
    return (
        OrgUnit.objects.filter(parent=government, kind="department", code__endswith="-SFJ")
        .order_by("code")
        .first()
    )


# -- effects ----------------------------------------------------------------------------------


def _number(case: Case, on: date) -> str:
    return yearly_case_number(case, "ZDJC", on)


def _create(actor: Any, unit: Any, data: Any, on: date) -> Case:
    """决策启动 (第十一条): the decision body named the undertaking unit in its catalog."""
    item = data["item"]
    if item.undertaking_unit_id != unit.pk:
        raise TransitionError(
            Refusal(f"“{item.title}”的承办单位为{item.undertaking_unit}", f"{LAW} 第十一条")
        )
    if item.cancelled_on is not None:
        raise TransitionError(Refusal("该事项已从决策事项目录中取消", f"{LAW} 第三条"))
    government = item.catalog.government
    office = legal_office(government)
    extra = [(government, "handler")]
    if office is not None:
        extra.append((office, "reviewer"))
    case = open_case(
        KIND, title=data["title"], owner=unit, actor=actor, opened_on=on, extra_participants=extra
    )
    case.number = _number(case, on)
    case.save(update_fields=["number"])
    MajorDecision.objects.create(
        case=case,
        item=item,
        draft=data["draft"],
        not_public_reason=data.get("not_public_reason") or "",
    )
    return case


def _consultation_opened(ctx: StepContext, event: Any) -> None:
    d = detail(ctx.case)
    Consultation.objects.create(
        decision=d,
        opened_on=ctx.on,
        closes_on=ctx.data["closes_on"],
        shortened_reason=ctx.data.get("shortened_reason") or "",
        channels=ctx.data["channels"],
    )
    publish(
        kind=CONSULTATION_KIND,
        title=f"关于《{ctx.case.title}》公开征求意见",
        org_unit=ctx.case.owner_unit(),
        fields={
            "决策事项": ctx.case.title,
            "决策草案及说明": d.draft,
            "意见截止日期": ctx.data["closes_on"],
            "缩短期限的说明": ctx.data.get("shortened_reason") or "",
            "提出意见的方式": ctx.data["channels"],
        },
        subject=d,
        actor=ctx.actor,
        published_on=ctx.on,
        publish_until=ctx.data["closes_on"],
    )


def _consultation_closed(ctx: StepContext, event: Any) -> None:
    detail(ctx.case).consultations.filter(closed_on__isnull=True).update(
        closed_on=ctx.on, comments=ctx.data["comments"], adoption=ctx.data["adoption"]
    )


def _hearing_held(ctx: StepContext, event: Any) -> None:
    fields = {k: v for k, v in ctx.data.items() if k != "note"}
    Hearing.objects.create(decision=detail(ctx.case), held_on=ctx.on, **fields)


def _experts_heard(ctx: StepContext, event: Any) -> None:
    review = ExpertReview.objects.create(
        decision=detail(ctx.case),
        held_on=ctx.on,
        method=ctx.data["method"],
        opinion=ctx.data["opinion"],
        adoption=ctx.data.get("adoption") or "",
    )
    Expert.objects.bulk_create(
        Expert(review=review, name=e["name"], affiliation=e["affiliation"], interest=e["interest"])
        for e in ctx.data["experts"]
    )


def _risk_assessed(ctx: StepContext, event: Any) -> None:
    RiskAssessment.objects.create(
        decision=detail(ctx.case),
        reported_on=ctx.on,
        assessor=ctx.data["assessor"],
        risk_points=ctx.data["risk_points"],
        measures=ctx.data["measures"],
        conclusion=ctx.data["conclusion"],
    )


def _adjusted(ctx: StepContext, event: Any) -> None:
    MajorDecision.objects.filter(case=ctx.case).update(draft=ctx.data["draft"])


def _submitted(ctx: StepContext, event: Any) -> None:
    d = detail(ctx.case)
    if ctx.data.get("fair_competition_note"):
        d.fair_competition_note = ctx.data["fair_competition_note"]
        d.save(update_fields=["fair_competition_note"])
    LegalityReview.objects.create(decision=d, submitted_on=ctx.on)


def _reviewed(ctx: StepContext, event: Any) -> None:
    from .opinions import register_opinion

    d = detail(ctx.case)
    review = d.legality_reviews.filter(opinion_on__isnull=True).order_by("-pk").first()
    if review is None:  # the state machine guarantees one; a clear error if not
        raise TransitionError(Refusal("没有待出具意见的合法性审查", f"{LAW} 第二十五条"))
    review.opinion_on = ctx.on
    review.conclusion = ctx.data["conclusion"]
    review.opinion = ctx.data["opinion"]
    review.public_lawyers = ctx.data.get("public_lawyers") or ""
    review.save()
    advisers = list(ctx.data.get("advisers") or [])
    review.advisers.set(advisers)
    reviewer = ctx.case.participants.filter(role="reviewer").select_related("org_unit").first()
    register_opinion(
        kind=OpinionKind.REVIEW_OPINION,
        subject_kind=OpinionSubject.DECISION,
        subject=f"《{ctx.case.title}》合法性审查",
        requester=ctx.case.owner_unit(),
        author_unit=reviewer.org_unit if reviewer else ctx.case.owner_unit(),
        adviser=advisers[0] if advisers else None,
        received_on=review.submitted_on,
        issued_on=ctx.on,
        conclusion=REVIEW_TO_OPINION[ctx.data["conclusion"]],
        summary=ctx.data["opinion"],
        decision=d,
        actor=ctx.actor,
    )


def _placed(ctx: StepContext, event: Any) -> None:
    meeting = ctx.data["meeting"]
    order = meeting.items.count() + 1
    AgendaItem.objects.create(
        meeting=meeting, decision=detail(ctx.case), order=order, placed_on=ctx.on
    )


def _discussed(ctx: StepContext, event: Any) -> None:
    d = detail(ctx.case)
    item = agenda_item(ctx.case)
    assert item is not None  # collective_discussion checked it
    discussion = Discussion.objects.create(
        decision=d,
        meeting=item.meeting,
        outcome=ctx.data["outcome"],
        head_opinion=ctx.data["head_opinion"],
        against_majority_reasons=ctx.data.get("against_majority_reasons") or "",
    )
    MemberOpinion.objects.bulk_create(
        MemberOpinion(discussion=discussion, order=i, **o)
        for i, o in enumerate(ctx.data["opinions"], 1)
    )
    if ctx.data["outcome"] == MeetingOutcome.ADOPTED:
        d.decided_on = ctx.on
        d.save(update_fields=["decided_on"])


def _party_reported(ctx: StepContext, event: Any) -> None:
    MajorDecision.objects.filter(case=ctx.case).update(party_report_on=ctx.on)


def _published(ctx: StepContext, event: Any) -> None:
    d = detail(ctx.case)
    consultation = d.consultations.exclude(adoption="").order_by("-pk").first()
    experts = d.expert_reviews.exclude(adoption="").order_by("-pk").first()
    pub = publish(
        kind=PUBLICATION_KIND,
        title=ctx.case.title,
        org_unit=d.item.catalog.government,
        fields={
            "决策事项": ctx.case.title,
            "决策机关": d.item.catalog.government.name,
            "决定日期": d.decided_on,
            "决策内容": d.draft,
            "公众意见采纳情况": consultation.adoption if consultation else "",
            "专家论证意见采纳情况": experts.adoption if experts else "",
            "公布依据": f"{LAW} 第三十二条",
        },
        subject=d,
        actor=ctx.actor,
        published_on=ctx.on,
    )
    d.publication = pub
    d.published_on = ctx.on
    d.save(update_fields=["publication", "published_on"])


def _archived(ctx: StepContext, event: Any) -> None:
    MajorDecision.objects.filter(case=ctx.case).update(archived_on=ctx.on)


def _implementation(ctx: StepContext, event: Any) -> None:
    ImplementationReport.objects.create(
        decision=detail(ctx.case),
        reported_on=ctx.on,
        summary=ctx.data["summary"],
        problems=ctx.data.get("problems") or "",
    )


def _evaluated(ctx: StepContext, event: Any) -> None:
    PostEvaluation.objects.create(
        decision=detail(ctx.case),
        evaluated_on=ctx.on,
        evaluator=ctx.data["evaluator"],
        evaluator_unit=ctx.data.get("evaluator_unit"),
        trigger=ctx.data["trigger"],
        findings=ctx.data["findings"],
    )


def _withdrawn(ctx: StepContext, event: Any) -> None:
    for d in ctx.case.deadlines.filter(
        Q(status=DeadlineStatus.RUNNING) | Q(status=DeadlineStatus.PAUSED)
    ):
        cancel(d, ctx.actor, "终止决策程序")


# -- the workflow -----------------------------------------------------------------------------

WORKFLOW = register(
    Workflow(
        KIND,
        "重大行政决策",
        DecisionState,
        DecisionState.DRAFTING,
        numbering=_number,
        detail=lambda case: MajorDecision.objects.filter(case=case).first(),
        create_form=forms.DecisionForm,
        create_roles=frozenset(UNDERTAKING),
        create=_create,
    )
)
DRAFTING = [S.DRAFTING]
ADD = WORKFLOW.add
ADD(
    "open_consultation",
    "公开征求意见",
    DRAFTING,
    STAY,
    staff_roles=UNDERTAKING,
    basis=f"{LAW} 第十五条",
    gates=[public_draft, consultation_period],
    form=forms.ConsultationForm,
    starts=(periods.CONSULTATION,),
    effect=_consultation_opened,
)
ADD(
    "close_consultation",
    "结束征求意见并整理采纳情况",
    DRAFTING,
    STAY,
    staff_roles=UNDERTAKING,
    basis=f"{LAW} 第十八条",
    gates=[consultation_closable],
    form=forms.CloseConsultationForm,
    meets=(periods.CONSULTATION,),
    effect=_consultation_closed,
)
ADD(
    "hold_hearing",
    "召开听证会",
    DRAFTING,
    STAY,
    staff_roles=UNDERTAKING,
    basis=f"{LAW} 第十六条、第十七条",
    gates=[hearing_gate],
    form=forms.HearingForm,
    effect=_hearing_held,
)
ADD(
    "expert_review",
    "专家论证",
    DRAFTING,
    STAY,
    staff_roles=UNDERTAKING,
    basis=f"{LAW} 第十九条、第二十条",
    gates=[experts_without_interest],
    form=forms.ExpertReviewForm,
    effect=_experts_heard,
)
ADD(
    "risk_assessment",
    "风险评估",
    DRAFTING,
    STAY,
    staff_roles=UNDERTAKING,
    basis=f"{LAW} 第二十二条至第二十四条",
    form=forms.RiskForm,
    effect=_risk_assessed,
)
# A reviewed draft that is changed goes back to drafting: it must be reviewed again.
ADD(
    "adjust_draft",
    "调整决策草案",
    [S.DRAFTING, S.REVIEWED],
    S.DRAFTING,
    staff_roles=UNDERTAKING,
    basis=f"{LAW} 第十八条、第二十四条",
    form=forms.AdjustForm,
    effect=_adjusted,
)
ADD(
    "submit_review",
    "送请合法性审查",
    DRAFTING,
    S.UNDER_REVIEW,
    staff_roles=[HEAD],
    basis=f"{LAW} 第二十六条",
    gates=[no_open_consultation],
    form=forms.SubmitReviewForm,
    starts=(periods.LEGALITY_REVIEW.key,),
    effect=_submitted,
)
ADD(
    "legality_opinion",
    "出具合法性审查意见",
    [S.UNDER_REVIEW],
    S.REVIEWED,
    staff_roles=[REVIEWER],
    by_roles=["reviewer"],
    basis=f"{LAW} 第二十七条、第二十八条",
    gates=[passing_conclusion, review_time, advisers_consulted],
    form=forms.LegalityOpinionForm,
    meets=(periods.LEGALITY_REVIEW.key,),
    effect=_reviewed,
)
ADD(
    "legality_unlawful",
    "审查不合法，退回承办单位",
    [S.UNDER_REVIEW],
    S.DRAFTING,
    staff_roles=[REVIEWER],
    by_roles=["reviewer"],
    basis=f"{LAW} 第二十五条",
    gates=[unlawful_conclusion, review_time, advisers_consulted],
    form=forms.LegalityOpinionForm,
    meets=(periods.LEGALITY_REVIEW.key,),
    effect=_reviewed,
)
# Offered from every state before the meeting: the refusal then names each missing procedure.
ADD(
    "place_on_agenda",
    "列入会议议题",
    [S.DRAFTING, S.UNDER_REVIEW, S.REVIEWED],
    S.ON_AGENDA,
    staff_roles=[CLERK, HEAD],
    by_roles=["handler"],
    basis=f"{LAW} 第二十五条、第三十条",
    gates=[*AGENDA_GATES, meeting_of_the_body],
    form=forms.AgendaForm,
    effect=_placed,
)
ADD(
    "decide",
    "集体讨论决定",
    [S.ON_AGENDA],
    S.DECIDED,
    staff_roles=[HEAD],
    by_roles=["handler"],
    basis=f"{LAW} 第三十条",
    gates=[*AGENDA_GATES, is_adopted, collective_discussion],
    form=forms.DiscussionForm,
    effect=_discussed,
)
ADD(
    "defer",
    "不予通过/暂缓决定",
    [S.ON_AGENDA],
    S.DRAFTING,
    staff_roles=[HEAD],
    by_roles=["handler"],
    basis=f"{LAW} 第三十条",
    gates=[not_adopted, collective_discussion],
    form=forms.DiscussionForm,
    effect=_discussed,
)
ADD(
    "report_to_party",
    "向同级党委请示报告",
    [S.DECIDED],
    STAY,
    staff_roles=[CLERK, HEAD],
    by_roles=["handler"],
    basis=f"{LAW} 第三十一条",
    form=forms.PartyReportForm,
    effect=_party_reported,
)
ADD(
    "publish",
    "公布决策",
    [S.DECIDED],
    S.PUBLISHED,
    staff_roles=[CLERK, HEAD],
    by_roles=["handler"],
    basis=f"{LAW} 第三十二条",
    gates=[party_reported],
    effect=_published,
)
ADD(
    "archive",
    "归档",
    [S.PUBLISHED],
    S.ARCHIVED,
    staff_roles=[CLERK, HEAD],
    by_roles=["handler"],
    basis=f"{LAW} 第三十三条",
    gates=[archive_complete],
    effect=_archived,
)
ADD(
    "report_implementation",
    "报告决策执行情况",
    [S.PUBLISHED, S.ARCHIVED],
    STAY,
    staff_roles=UNDERTAKING,
    basis=f"{LAW} 第三十四条",
    form=forms.ImplementationForm,
    effect=_implementation,
)
ADD(
    "post_evaluate",
    "决策后评估",
    [S.PUBLISHED, S.ARCHIVED],
    STAY,
    staff_roles=[CLERK, HEAD],
    by_roles=["handler"],
    basis=f"{LAW} 第三十六条",
    gates=[independent_evaluator],
    form=forms.PostEvaluationForm,
    effect=_evaluated,
)
ADD(
    "withdraw",
    "终止决策程序",
    list(OPEN_STATES),
    S.WITHDRAWN,
    staff_roles=[HEAD],
    by_roles=["handler"],
    basis=f"{LAW} 第十条",
    form=forms.ReasonForm,
    closes=True,
    effect=_withdrawn,
)
