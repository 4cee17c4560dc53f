"""The gates of the drafting case's steps (drafting.py): each returns a ``Refusal`` naming the
missing step and its article, or None. A rule's articles are those of 规章制定程序条例; a
normative document's those of 国办发〔2018〕37号 and 〔2018〕115号, and 优化营商环境条例 for one
closely related to market entities."""

from __future__ import annotations

from collections.abc import Callable

from fazhi.core.casework.choices import DeadlineStatus
from fazhi.core.casework.models import Case
from fazhi.core.casework.workflow import Refusal, StepContext

from . import issuers, periods
from .drafting_choices import PASSING, CommentStatus, ReviewKind
from .models import Consultation, Draft, DraftReview
from .periods import BUSINESS, NOTICE_37, NOTICE_115, RULES_LAW


def detail(case: Case) -> Draft:
    return Draft.objects.select_related("issuer", "current", "text").get(case=case)


# -- the articles, by kind ----------------------------------------------------------------------


def consultation_basis(d: Draft) -> str:
    if d.is_rule:
        return f"{RULES_LAW} 第十五条"
    return f"{BUSINESS} 第六十二条；{NOTICE_37}" if d.market_related else NOTICE_37


def feedback_basis(d: Draft) -> str:
    if d.is_rule:
        return f"{RULES_LAW} 第十八条"
    return f"{BUSINESS} 第六十二条" if d.market_related else NOTICE_37


def legality_basis(d: Draft) -> str:
    return f"{RULES_LAW} 第十九条至第二十五条" if d.is_rule else NOTICE_115


def deliberation_basis(d: Draft) -> str:
    return f"{RULES_LAW} 第二十七条" if d.is_rule else f"{NOTICE_37}（集体审议）"


FAIR_COMPETITION_BASIS = f"国发〔2016〕34号；{BUSINESS} 第六十三条"
INTEGRITY_BASIS = "本市制度廉洁性评估规定"


def open_consultation(d: Draft) -> Consultation | None:
    return d.consultations.filter(closed_on__isnull=True).first()


def latest_review(d: Draft, kind: str) -> DraftReview | None:
    return (
        d.reviews.filter(kind=kind, opinion_on__isnull=False).order_by("-opinion_on", "-pk").first()
    )


# -- procedure checks (what must be done before the review, the meeting and publication) ------

Check = Callable[[Draft], "Refusal | None"]


def consulted(d: Draft) -> Refusal | None:
    if open_consultation(d) is not None:
        return Refusal(
            "公开征求意见尚未结束", consultation_basis(d), missing_step="close_consultation"
        )
    if not d.consultations.exists():
        return Refusal(
            "草案未向社会公开征求意见", consultation_basis(d), missing_step="open_consultation"
        )
    return None


def feedback_published(d: Draft) -> Refusal | None:
    if d.consultations.filter(closed_on__isnull=False, feedback_publication__isnull=True).exists():
        return Refusal(
            "公开征求意见后尚未公布意见采纳情况反馈",
            feedback_basis(d),
            missing_step="publish_feedback",
        )
    return None


def fair_competition_done(d: Draft) -> Refusal | None:
    if not d.market_related:
        return None
    review = latest_review(d, ReviewKind.FAIR_COMPETITION)
    if review is None or review.conclusion not in PASSING:
        return Refusal(
            "涉及市场主体经济活动的草案未经公平竞争审查（或审查未通过）",
            FAIR_COMPETITION_BASIS,
            missing_step="fair_competition_review",
        )
    return None


def integrity_done(d: Draft) -> Refusal | None:
    if not d.integrity_required:
        return None
    review = latest_review(d, ReviewKind.INTEGRITY)
    if review is None or review.conclusion not in PASSING:
        return Refusal(
            "草案未经制度廉洁性评估（或评估未通过）",
            INTEGRITY_BASIS,
            missing_step="integrity_assessment",
        )
    return None


def legality_passed(d: Draft) -> Refusal | None:
    review = latest_review(d, ReviewKind.LEGALITY)
    pending = d.reviews.filter(kind=ReviewKind.LEGALITY, opinion_on__isnull=True).exists()
    if pending or review is None or review.conclusion not in PASSING:
        return Refusal(
            "草案未经合法性审核或审核未通过，不得提交集体审议",
            legality_basis(d),
            missing_step="legality_opinion" if pending else "submit_review",
        )
    # A draft revised after its review must be reviewed again.
    if review.version_id != d.current_id:
        return Refusal("草案修改后须重新送请合法性审核", legality_basis(d), "submit_review")
    return None


BEFORE_REVIEW: tuple[Check, ...] = (
    consulted,
    feedback_published,
    fair_competition_done,
    integrity_done,
)
BEFORE_MEETING: tuple[Check, ...] = (*BEFORE_REVIEW, legality_passed)


def _gate(check: Check) -> Callable[[StepContext], Refusal | None]:
    def gate(ctx: StepContext) -> Refusal | None:
        return check(detail(ctx.case))

    gate.__name__ = f"requires_{check.__name__}"
    return gate


REVIEW_GATES = [_gate(c) for c in BEFORE_REVIEW]
MEETING_GATES = [_gate(c) for c in BEFORE_MEETING]


# -- step gates ---------------------------------------------------------------------------------


def consultation_period(ctx: StepContext) -> Refusal | None:
    """At least 30 days (by the clock) unless a shorter period's reason is recorded."""
    d = detail(ctx.case)
    basis = consultation_basis(d)
    if open_consultation(d) is not None:
        return Refusal("已有正在进行的公开征求意见", basis)
    closes_on = ctx.data["closes_on"]
    if closes_on <= ctx.on:
        return Refusal("征求意见截止日期须在公布日之后", basis)
    earliest = periods.earliest_close(d.is_rule, ctx.on)
    if closes_on < earliest and not (ctx.data.get("shortened_reason") or "").strip():
        return Refusal(
            f"公开征求意见的期限一般不少于30日（自 {ctx.on.isoformat()} 公布，最早于 "
            f"{earliest.isoformat()} 截止）；缩短期限的，须记录理由",
            basis,
        )
    return None


def consultation_closable(ctx: StepContext) -> Refusal | None:
    d = detail(ctx.case)
    c = open_consultation(d)
    if c is None:
        return Refusal(
            "没有正在进行的公开征求意见", consultation_basis(d), missing_step="open_consultation"
        )
    if ctx.on < c.closes_on:
        return Refusal(
            f"公布的征求意见期限至 {c.closes_on.isoformat()}，期满前不得结束征求意见",
            consultation_basis(d),
        )
    pending = c.comments.filter(status=CommentStatus.PENDING).count()
    if pending:
        return Refusal(
            f"尚有 {pending} 条公众意见未审核，请先审核", consultation_basis(d), "moderate_comment"
        )
    return None


def feedback_ready(ctx: StepContext) -> Refusal | None:
    d = detail(ctx.case)
    c = d.consultations.filter(closed_on__isnull=False, feedback_publication__isnull=True).first()
    if c is None:
        return Refusal(
            "没有待反馈的公开征求意见", feedback_basis(d), missing_step="close_consultation"
        )
    unanswered = c.comments.filter(status=CommentStatus.PUBLISHED, adoption="").count()
    if unanswered:
        return Refusal(
            f"尚有 {unanswered} 条公众意见未说明采纳情况", feedback_basis(d), "answer_comment"
        )
    return None


def review_time(ctx: StepContext) -> Refusal | None:
    """The minimum review time (I4, a local setting): an earliest date, not a deadline."""
    for dl in ctx.case.deadlines.filter(key=periods.REVIEW_MIN.key, status=DeadlineStatus.RUNNING):
        if dl.due is not None and ctx.on < dl.due:
            low, _high = periods.review_workdays()
            return Refusal(
                f"合法性审核时间不少于{low}个工作日：{dl.start.isoformat()} 送审，"
                f"{dl.due.isoformat()} 起方可出具审核意见",
                dl.basis,
            )
    return None


def passing_conclusion(ctx: StepContext) -> Refusal | None:
    if ctx.data["conclusion"] not in PASSING:
        return Refusal(
            "审核结论为不予通过的，应退回起草单位修改（“审核不通过，退回”）",
            legality_basis(detail(ctx.case)),
        )
    return None


def failing_conclusion(ctx: StepContext) -> Refusal | None:
    if ctx.data["conclusion"] in PASSING:
        return Refusal("审核通过的，应出具合法性审核意见", legality_basis(detail(ctx.case)))
    return None


def issuer_on_list(ctx: StepContext) -> Refusal | None:
    d = detail(ctx.case)
    return issuers.issuing_refusal(d.issuer, d.kind, ctx.on)


def effective_date(ctx: StepContext) -> Refusal | None:
    """A rule takes effect 30 days after publication unless an exception is recorded (第三十二
    条); no text takes effect before it is published."""
    d = detail(ctx.case)
    effective = ctx.data["effective_from"]
    if effective < ctx.on:
        return Refusal(
            "施行日期不得早于公布日期：未经公布的规章、规范性文件不得作为行政管理依据",
            f"{RULES_LAW} 第三十二条" if d.is_rule else NOTICE_37,
        )
    if d.is_rule:
        earliest = periods.earliest_effective(ctx.on)
        if effective < earliest and not (ctx.data.get("early_effect_reason") or "").strip():
            return Refusal(
                f"规章应当自公布之日起30日后施行（{ctx.on.isoformat()} 公布，最早于 "
                f"{earliest.isoformat()} 施行）；涉及国家安全、外汇汇率、货币政策的确定以及公布后"
                "不立即施行将有碍规章施行的，须记录理由",
                f"{RULES_LAW} 第三十二条",
            )
    return None


def has_text(ctx: StepContext) -> Refusal | None:
    if detail(ctx.case).current_id is None:
        return Refusal("尚未形成草案文本", missing_step="start_drafting")
    return None
