"""Drafting a government rule (政府规章) or a normative document (行政规范性文件), step by step,
each by a person in a role — the case kind ``rule_drafting``.

The drafting department (the case's owner) researches, drafts and revises the text (each draft a
``TextVersion`` in the draft state, parsed into provisions), puts it out for public comment
(at least 30 days by the clock unless a shorter period's reason is recorded: 规章制定程序条例
第十五条, 国办发〔2018〕37号, 优化营商环境条例 第六十二条), moderates and answers the comments and
publishes the feedback, runs the fair-competition review and the integrity assessment where they
apply, and its head sends the draft to the legal office (the issuing government's justice
bureau, the case's reviewer) for the legality review (合法性审核, minimum and maximum working days
a local setting, 国办发〔2018〕115号). The issuing body (the case's handler) deliberates
collectively (第二十七条; 37号), its head signs (第二十九条), and its office publishes with the
文号, in the gazette and on the portal (第三十条、第三十一条) — refused for a body not on the
issuing-body list that day (37号: 严禁越权发文) and, for a rule, for an effective date earlier
than 30 days after publication without a recorded reason (第三十二条). Publication creates the
version of the text that takes effect (an amendment: a new version of the same text, so the
texts' comparison shows the changes provision by provision); on the effective date the system
puts it in force.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q

from fazhi.core.casework.choices import DeadlineStatus
from fazhi.core.casework.deadlines import cancel, mark_met, start_deadline
from fazhi.core.casework.models import Case
from fazhi.core.casework.numbering import next_number, yearly_case_number
from fazhi.core.casework.workflow import (
    STAY,
    Refusal,
    StepContext,
    TransitionError,
    Workflow,
    open_case,
    register,
    register_after_step,
)
from fazhi.core.disclosure.gate import publish
from fazhi.core.org.choices import Role, UnitKind
from fazhi.core.org.models import OrgUnit

from . import anchors, consultation, issuers, periods
from . import drafting_forms as forms
from .choices import TextKind, TextState
from .drafting_choices import OPEN_STATES, DraftState, ReviewKind
from .drafting_gates import (
    FAIR_COMPETITION_BASIS,
    INTEGRITY_BASIS,
    MEETING_GATES,
    REVIEW_GATES,
    consultation_basis,
    consultation_closable,
    consultation_period,
    detail,
    effective_date,
    failing_conclusion,
    feedback_basis,
    feedback_ready,
    has_text,
    issuer_on_list,
    legality_basis,
    open_consultation,
    passing_conclusion,
    review_time,
)
from .library import store_provisions
from .models import Consultation, Draft, DraftReview, LegalText, TextVersion
from .parsing import parse
from .periods import NOTICE_37, NOTICE_115, RULES_LAW

KIND = "rule_drafting"
S = DraftState
CLERK, HEAD, REVIEWER = Role.CLERK, Role.DEPARTMENT_HEAD, Role.LEGAL_REVIEWER
DRAFTERS = (CLERK, HEAD)
PUBLICATION_KIND = {
    TextKind.GOVERNMENT_RULE: "政府规章",
    TextKind.NORMATIVE_DOCUMENT: "行政规范性文件",
}
PLAN_BASIS = f"{RULES_LAW} 第十二条、第十三条"
# 第十三条第三款: the plan may be adjusted in its execution (a deferral, a withdrawal).
ADJUST_BASIS = f"{RULES_LAW} 第十三条"


def legal_office(issuer: OrgUnit) -> OrgUnit:
    """Who reviews legality: a government's justice bureau (its legal office, 115号); a
    department issuing in its own name reviews through its own legal staff."""
    if issuer.kind != UnitKind.GOVERNMENT:
        return issuer
    office = (
        OrgUnit.objects.filter(parent=issuer, kind=UnitKind.DEPARTMENT, code__endswith="-SFJ")
        .order_by("code")
        .first()
    )
    return office or issuer


# -- registration ---------------------------------------------------------------------------------


def _number(case: Case, on: date) -> str:
    d = Draft.objects.filter(case=case).first()
    letters = "GZ" if d is None or d.is_rule else "GF"
    return yearly_case_number(case, letters, on)


def _create(actor: Any, unit: Any, data: Any, on: date) -> Case:
    """立项: a draft of ``unit`` (the drafting department) for the issuing body."""
    kind, issuer, entry = data["kind"], data["issuer"], data.get("plan_entry")
    refusals: list[Refusal] = []
    if entry is not None and entry.drafting_unit_id != unit.pk:
        refusals.append(
            Refusal(
                f"“{entry.title}”的起草单位为{entry.drafting_unit}",
                f"{RULES_LAW} 第十二条、第十四条",
            )
        )
    if kind == TextKind.GOVERNMENT_RULE and entry is None:
        refusals.append(Refusal("政府规章应当列入年度规章制定工作计划", PLAN_BASIS))
    refusal = issuers.issuing_refusal(issuer, kind, on)
    if refusal is not None:
        refusals.append(refusal)
    amends = data.get("amends") or (entry.amends if entry is not None else None)
    version = None
    if amends is not None:
        version = amends.version_on(on)
        if amends.issuing_unit_id != issuer.pk or version is None:
            refusals.append(Refusal(f"《{amends.title}》不是{issuer.name}现行有效的文本"))
    if refusals:
        raise TransitionError(refusals)
    text = amends or LegalText.objects.create(
        kind=kind,
        title=data["title"],
        short_title=data["title"],
        issuing_body=issuer.name,
        issuing_unit=issuer,
        state=TextState.DRAFT,
        public=False,
    )
    extra: list[tuple[Any, str]] = [(issuer, "handler"), (legal_office(issuer), "reviewer")]
    case = open_case(
        KIND, title=data["title"], owner=unit, actor=actor, opened_on=on, extra_participants=extra
    )
    Draft.objects.create(
        case=case,
        kind=kind,
        issuer=issuer,
        plan_entry=entry,
        text=text,
        amends=version,
        market_related=bool(data.get("market_related")),
        integrity_required=bool(data.get("integrity_required")),
    )
    case.number = _number(case, on)
    case.save(update_fields=["number"])
    return case


# -- effects --------------------------------------------------------------------------------------


def _new_version(ctx: StepContext, d: Draft, text: str) -> TextVersion:
    n = (
        TextVersion.objects.filter(
            text=d.text, state=TextState.DRAFT, label__startswith=ctx.case.number
        ).count()
        + 1
    )
    version = TextVersion.objects.create(
        text=d.text,
        label=f"{ctx.case.number}草案第{n}稿",
        state=TextState.DRAFT,
        source=f"起草案件 {ctx.case.number}（{ctx.on.isoformat()}）",
        recorded_by=ctx.actor,
    )
    store_provisions(version, parse(text).nodes)
    anchors.place(d, version, d.current)
    d.current, d.draft_text = version, text
    return version


def _researched(ctx: StepContext, event: Any) -> None:
    Draft.objects.filter(case=ctx.case).update(
        research_done_on=ctx.on, research_summary=ctx.data["summary"]
    )


def _drafted(ctx: StepContext, event: Any) -> None:
    d = detail(ctx.case)
    _new_version(ctx, d, ctx.data["draft_text"])
    d.explanation = ctx.data.get("explanation") or d.explanation
    d.save(update_fields=["current", "draft_text", "explanation"])


def _revised(ctx: StepContext, event: Any) -> None:
    d = detail(ctx.case)
    _new_version(ctx, d, ctx.data["draft_text"])
    d.save(update_fields=["current", "draft_text"])


def _consultation_opened(ctx: StepContext, event: Any) -> None:
    d = detail(ctx.case)
    assert d.current is not None  # has_text checked it
    c = Consultation.objects.create(
        draft=d,
        version=d.current,
        opened_on=ctx.on,
        closes_on=ctx.data["closes_on"],
        shortened_reason=(ctx.data.get("shortened_reason") or "").strip(),
        anonymous_allowed=bool(ctx.data.get("anonymous_allowed")),
    )
    start_deadline(ctx.case, periods.consultation_key(d.is_rule), ctx.on, actor=ctx.actor)
    consultation.publish_draft(d, c, basis=consultation_basis(d), actor=ctx.actor)


def _consultation_closed(ctx: StepContext, event: Any) -> None:
    d = detail(ctx.case)
    c = open_consultation(d)
    assert c is not None  # consultation_closable checked it
    c.closed_on = ctx.on
    c.save(update_fields=["closed_on"])
    key = periods.consultation_key(d.is_rule)
    for dl in ctx.case.deadlines.filter(key=key, status=DeadlineStatus.RUNNING):
        mark_met(dl, ctx.on, actor=ctx.actor)


def _moderated(ctx: StepContext, event: Any) -> None:
    consultation.moderate(
        ctx.data["comment"],
        decision=ctx.data["decision"],
        reason=ctx.data.get("reason") or "",
        actor=ctx.actor,
        on=ctx.on,
    )


def _answered(ctx: StepContext, event: Any) -> None:
    consultation.answer(
        ctx.data["comment"], adoption=ctx.data["adoption"], response=ctx.data["response"]
    )


def _feedback(ctx: StepContext, event: Any) -> None:
    d = detail(ctx.case)
    c = d.consultations.filter(closed_on__isnull=False, feedback_publication__isnull=True).first()
    assert c is not None  # feedback_ready checked it
    consultation.publish_feedback(
        d, c, summary=ctx.data["summary"], basis=feedback_basis(d), actor=ctx.actor, on=ctx.on
    )


def _self_review(kind: str) -> Any:
    def effect(ctx: StepContext, event: Any) -> None:
        d = detail(ctx.case)
        DraftReview.objects.create(
            draft=d,
            kind=kind,
            version=d.current,
            submitted_on=ctx.on,
            opinion_on=ctx.on,
            conclusion=ctx.data["conclusion"],
            opinion=ctx.data["opinion"],
            reviewer=ctx.actor,
        )

    return effect


def _reviewer_unit(case: Case) -> OrgUnit | None:
    row = case.participants.filter(role="reviewer").select_related("org_unit").first()
    return row.org_unit if row else None


def _submitted(ctx: StepContext, event: Any) -> None:
    d = detail(ctx.case)
    DraftReview.objects.create(
        draft=d, kind=ReviewKind.LEGALITY, version=d.current, submitted_on=ctx.on
    )
    office = _reviewer_unit(ctx.case)
    for key in (periods.REVIEW_MIN.key, periods.REVIEW_MAX.key):
        start_deadline(ctx.case, key, ctx.on, org_unit=office, actor=ctx.actor)


def _reviewed(ctx: StepContext, event: Any) -> None:
    d = detail(ctx.case)
    review = d.reviews.filter(kind=ReviewKind.LEGALITY, opinion_on__isnull=True).last()
    if review is None:  # the state machine guarantees one; a clear error if not
        raise TransitionError(Refusal("没有待出具意见的合法性审核", legality_basis(d)))
    review.opinion_on, review.reviewer = ctx.on, ctx.actor
    review.conclusion, review.opinion = ctx.data["conclusion"], ctx.data["opinion"]
    review.save()


def _deliberated(ctx: StepContext, event: Any) -> None:
    Draft.objects.filter(case=ctx.case).update(deliberated_on=ctx.on, meeting=ctx.data["meeting"])


def _signed(ctx: StepContext, event: Any) -> None:
    Draft.objects.filter(case=ctx.case).update(signed_on=ctx.on)


def doc_number(d: Draft, on: date) -> str:
    """统一编号: a rule by the issuer's order number (令第N号, never reused), a normative document
    by 〔year〕 and its sequence."""
    issuer = d.issuer
    if d.is_rule:
        return f"{issuer.name}令第{next_number(f'rulemaking:order:{issuer.code}')}号"
    n = next_number(f"rulemaking:normative:{issuer.code}:{on.year}")
    return f"{issuer.short_name or issuer.name}规〔{on.year}〕{n}号"


def _version_label(text: LegalText, on: date, amendment: bool) -> str:
    label = f"{on.year}年{'修订' if amendment else '公布'}"
    taken = set(TextVersion.objects.filter(text=text).values_list("label", flat=True))
    n, out = 1, label
    while out in taken:
        n += 1
        out = f"{label}（{n}）"
    return out


def _published(ctx: StepContext, event: Any) -> None:
    d = detail(ctx.case)
    effective = ctx.data["effective_from"]
    number = (ctx.data.get("doc_number") or "").strip() or doc_number(d, ctx.on)
    state = TextState.IN_FORCE if effective <= ctx.on else TextState.NOT_YET_EFFECTIVE
    version = TextVersion.objects.create(
        text=d.text,
        label=_version_label(d.text, ctx.on, d.amends_id is not None),
        doc_number=number,
        state=state,
        promulgated_on=ctx.on,
        effective_from=effective,
        source=f"起草案件 {ctx.case.number}",
        recorded_by=ctx.actor,
    )
    store_provisions(version, parse(d.draft_text).nodes)
    if d.amends is not None:
        # The amended version's last day in force is the day before the new one takes effect.
        old = d.amends
        old.effective_until = date.fromordinal(effective.toordinal() - 1)
        if state == TextState.IN_FORCE:
            old.state = TextState.AMENDED
        old.save(update_fields=["effective_until", "state"])
    text = d.text
    text.public = True
    if text.state in (TextState.DRAFT, TextState.NOT_YET_EFFECTIVE) or state == TextState.IN_FORCE:
        text.state = state
    text.save(update_fields=["public", "state"])
    pub = publish(
        kind=PUBLICATION_KIND[TextKind(d.kind)],
        title=d.text.title,
        org_unit=d.issuer,
        fields={
            "名称": d.text.title,
            "文号": number,
            "制定机关": d.issuer.name,
            "公布日期": ctx.on,
            "施行日期": effective,
            "公报刊载": ctx.data.get("gazette") or "",
            "修订": "是" if d.amends_id else "否",
            "条文": [
                {"path": p.path, "label": p.label, "heading": p.heading, "body": p.body}
                for p in version.provisions.filter(
                    level__in=["part", "chapter", "section", "article"]
                ).order_by("position")
            ],
            "依据": f"{RULES_LAW} 第三十条、第三十一条" if d.is_rule else NOTICE_37,
        },
        subject=d,
        actor=ctx.actor,
        published_on=ctx.on,
    )
    d.published_on, d.doc_number, d.effective_from = ctx.on, number, effective
    d.early_effect_reason = (ctx.data.get("early_effect_reason") or "").strip()
    d.gazette, d.published_version, d.publication = ctx.data.get("gazette") or "", version, pub
    d.save()


def _took_effect(ctx: StepContext, event: Any) -> None:
    d = detail(ctx.case)
    version = d.published_version
    if version is None or version.effective_from is None or version.effective_from > ctx.on:
        raise TransitionError(Refusal("施行日期尚未到来", f"{RULES_LAW} 第三十二条"))
    TextVersion.objects.filter(pk=version.pk).update(state=TextState.IN_FORCE)
    LegalText.objects.filter(pk=d.text_id).update(state=TextState.IN_FORCE)
    if d.amends_id is not None:
        TextVersion.objects.filter(pk=d.amends_id).update(state=TextState.AMENDED)


def _stop_clocks(ctx: StepContext, reason: str) -> None:
    for dl in ctx.case.deadlines.filter(
        Q(status=DeadlineStatus.RUNNING) | Q(status=DeadlineStatus.PAUSED)
    ):
        cancel(dl, ctx.actor, reason)


def _deferred(ctx: StepContext, event: Any) -> None:
    Draft.objects.filter(case=ctx.case).update(
        deferred_on=ctx.on, deferral_reason=ctx.data["reason"]
    )
    _stop_clocks(ctx, f"暂缓出台：{ctx.data['reason']}")


def _withdrawn(ctx: StepContext, event: Any) -> None:
    _stop_clocks(ctx, f"终止制定：{ctx.data['reason']}")


def open_filings_after_publication(ctx: StepContext, event: Any) -> None:
    """HOOK (filing): after publication, open the filings of the published version.

    Filing (备案, STATUTES.md H3–H4) is built in ``rulemaking/filing.py`` by a separate piece of
    work; this try-import calls its ``open_filings(version, *, on, actor)`` when that module
    exists, and does nothing otherwise. The lead wires it for good when both are merged.
    """
    try:
        from . import filing  # type: ignore[attr-defined,unused-ignore]  # built separately
    except ImportError:
        return
    open_filings = getattr(filing, "open_filings", None)
    if open_filings is None:
        return
    d = detail(ctx.case)
    open_filings(d.published_version, on=ctx.on, actor=ctx.actor)


# -- the workflow ---------------------------------------------------------------------------------

WORKFLOW = register(
    Workflow(
        KIND,
        "规章、规范性文件制定",
        DraftState,
        DraftState.RESEARCH,
        numbering=_number,
        detail=lambda case: Draft.objects.filter(case=case).first(),
        create_form=forms.DraftForm,
        create_roles=frozenset(DRAFTERS),
        create=_create,
        pages=[("草案条文与公众意见", "rulemaking_drafting:draft_workbench")],
    )
)
ADD = WORKFLOW.add
DRAFTING_BASIS = f"{RULES_LAW} 第十五条；{NOTICE_37}"
ADD(
    "complete_research",
    "完成立项调研",
    [S.RESEARCH],
    STAY,
    staff_roles=DRAFTERS,
    basis=f"{RULES_LAW} 第十五条",
    form=forms.ResearchForm,
    effect=_researched,
)
ADD(
    "start_drafting",
    "形成草案",
    [S.RESEARCH],
    S.DRAFTING,
    staff_roles=DRAFTERS,
    basis=DRAFTING_BASIS,
    form=forms.DraftTextForm,
    effect=_drafted,
)
# A reviewed draft that is changed goes back to drafting: it must be reviewed again.
ADD(
    "revise_draft",
    "修改草案",
    [S.DRAFTING, S.REVIEWED],
    S.DRAFTING,
    staff_roles=DRAFTERS,
    basis=DRAFTING_BASIS,
    form=forms.ReviseForm,
    effect=_revised,
)
ADD(
    "open_consultation",
    "公开征求意见",
    [S.DRAFTING],
    S.CONSULTATION,
    staff_roles=DRAFTERS,
    basis=f"{RULES_LAW} 第十五条；{NOTICE_37}；优化营商环境条例 第六十二条",
    gates=[has_text, consultation_period],
    form=forms.ConsultationForm,
    effect=_consultation_opened,
)
ADD(
    "moderate_comment",
    "审核公众意见",
    [S.CONSULTATION, S.DRAFTING],
    STAY,
    staff_roles=DRAFTERS,
    basis=NOTICE_37,
    form=forms.ModerateForm,
    effect=_moderated,
)
ADD(
    "close_consultation",
    "结束征求意见",
    [S.CONSULTATION],
    S.DRAFTING,
    staff_roles=DRAFTERS,
    basis=f"{RULES_LAW} 第十五条；{NOTICE_37}",
    gates=[consultation_closable],
    effect=_consultation_closed,
)
ADD(
    "answer_comment",
    "说明意见采纳情况",
    [S.DRAFTING],
    STAY,
    staff_roles=DRAFTERS,
    basis=f"{RULES_LAW} 第十八条；优化营商环境条例 第六十二条",
    form=forms.AnswerForm,
    effect=_answered,
)
ADD(
    "publish_feedback",
    "公布意见采纳情况",
    [S.DRAFTING],
    STAY,
    staff_roles=DRAFTERS,
    basis=f"{RULES_LAW} 第十八条；优化营商环境条例 第六十二条",
    gates=[feedback_ready],
    form=forms.FeedbackForm,
    effect=_feedback,
)
ADD(
    "fair_competition_review",
    "公平竞争审查",
    [S.DRAFTING],
    STAY,
    staff_roles=DRAFTERS,
    basis=FAIR_COMPETITION_BASIS,
    gates=[has_text],
    form=forms.SelfReviewForm,
    effect=_self_review(ReviewKind.FAIR_COMPETITION),
)
ADD(
    "integrity_assessment",
    "制度廉洁性评估",
    [S.DRAFTING],
    STAY,
    staff_roles=DRAFTERS,
    basis=INTEGRITY_BASIS,
    gates=[has_text],
    form=forms.SelfReviewForm,
    effect=_self_review(ReviewKind.INTEGRITY),
)
ADD(
    "submit_review",
    "送请合法性审核",
    [S.DRAFTING],
    S.UNDER_REVIEW,
    staff_roles=[HEAD],
    basis=f"{RULES_LAW} 第十八条；{NOTICE_115}",
    gates=[has_text, *REVIEW_GATES],
    form=forms.NoteForm,
    effect=_submitted,
)
ADD(
    "legality_opinion",
    "出具合法性审核意见",
    [S.UNDER_REVIEW],
    S.REVIEWED,
    staff_roles=[REVIEWER],
    by_roles=["reviewer"],
    basis=f"{RULES_LAW} 第十九条至第二十五条；{NOTICE_115}",
    gates=[passing_conclusion, review_time],
    form=forms.SelfReviewForm,
    meets=(periods.REVIEW_MIN.key, periods.REVIEW_MAX.key),
    legal_review=True,
    effect=_reviewed,
)
ADD(
    "legality_return",
    "审核不通过，退回修改",
    [S.UNDER_REVIEW],
    S.DRAFTING,
    staff_roles=[REVIEWER],
    by_roles=["reviewer"],
    basis=f"{RULES_LAW} 第二十条；{NOTICE_115}",
    gates=[failing_conclusion],
    form=forms.SelfReviewForm,
    meets=(periods.REVIEW_MIN.key, periods.REVIEW_MAX.key),
    legal_review=True,
    effect=_reviewed,
)
# Offered from every state before the meeting: the refusal then names each missing step.
ADD(
    "deliberate",
    "集体审议通过",
    [S.DRAFTING, S.UNDER_REVIEW, S.REVIEWED],
    S.DELIBERATED,
    staff_roles=[HEAD],
    by_roles=["handler"],
    basis=f"{RULES_LAW} 第二十七条；{NOTICE_37}",
    gates=MEETING_GATES,
    form=forms.DeliberateForm,
    effect=_deliberated,
)
ADD(
    "sign",
    "签署",
    [S.DELIBERATED],
    S.SIGNED,
    staff_roles=[HEAD],
    by_roles=["handler"],
    basis=f"{RULES_LAW} 第二十九条；{NOTICE_37}",
    effect=_signed,
)
ADD(
    "publish",
    "登记编号并公布",
    [S.SIGNED],
    S.PUBLISHED,
    staff_roles=[CLERK, HEAD],
    by_roles=["handler"],
    basis=f"{RULES_LAW} 第三十条至第三十二条；{NOTICE_37}",
    gates=[issuer_on_list, effective_date],
    form=forms.PublishForm,
    effect=_published,
)
ADD(
    "take_effect",
    "施行",
    [S.PUBLISHED],
    S.IN_FORCE,
    staff_roles=[],
    basis=f"{RULES_LAW} 第三十二条",
    system=True,
    closes=True,
    effect=_took_effect,
)
ADD(
    "defer",
    "暂缓出台",
    [S.RESEARCH, S.DRAFTING, S.UNDER_REVIEW, S.REVIEWED, S.DELIBERATED],
    S.DEFERRED,
    staff_roles=[HEAD],
    by_roles=["handler"],
    basis=ADJUST_BASIS,
    form=forms.ReasonForm,
    effect=_deferred,
)
ADD(
    "resume",
    "恢复立项论证",
    [S.DEFERRED],
    S.RESEARCH,
    staff_roles=[HEAD],
    by_roles=["handler"],
    basis=ADJUST_BASIS,
    form=forms.ReasonForm,
)
ADD(
    "withdraw",
    "终止制定",
    [*OPEN_STATES, S.DEFERRED],
    S.WITHDRAWN,
    staff_roles=[HEAD],
    by_roles=["handler"],
    basis=ADJUST_BASIS,
    form=forms.ReasonForm,
    closes=True,
    effect=_withdrawn,
)
register_after_step(KIND, "publish", open_filings_after_publication)


def apply_effective_dates(on: date) -> int:
    """The system puts published texts in force on their effective date (a daily job)."""
    from fazhi.core.casework.workflow import take_system

    done = 0
    for case in Case.objects.unrestricted("施行日到来的规章、规范性文件自动施行").filter(
        kind=KIND, state=S.PUBLISHED, draft__effective_from__lte=on
    ):
        take_system(case, "take_effect", on=case.draft.effective_from or on)
        done += 1
    return done
