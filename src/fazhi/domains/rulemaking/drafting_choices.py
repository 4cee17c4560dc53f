"""States and vocabularies of drafting a government rule (政府规章) or a normative document
(行政规范性文件): the case's states with their steps written once in ``drafting.py``."""

from __future__ import annotations

from django.db import models


class DraftState(models.TextChoices):
    # Allowed transitions are the workflow's steps (drafting.py), written once there:
    # research (立项调研) → drafting (起草, the draft text entered) → consultation (公开征求意见)
    #   → drafting (征求意见结束, 修改、反馈) → under_review (送请合法性审核) → reviewed | drafting
    #   (审核不通过, 退回修改) → deliberated (集体审议通过) → signed (签署) → published (公布,
    #   文号、公报、门户网站) → in_force (施行日到来, by the system);
    # any open state → deferred (暂缓出台, with its reason) → drafting (恢复);
    # any open state → withdrawn (终止制定).
    RESEARCH = "research", "立项调研"
    DRAFTING = "drafting", "起草中"
    CONSULTATION = "consultation", "公开征求意见中"
    UNDER_REVIEW = "under_review", "合法性审核中"
    REVIEWED = "reviewed", "已通过合法性审核"
    DELIBERATED = "deliberated", "已集体审议通过"
    SIGNED = "signed", "已签署"
    PUBLISHED = "published", "已公布待施行"
    IN_FORCE = "in_force", "已施行"
    DEFERRED = "deferred", "暂缓出台"
    WITHDRAWN = "withdrawn", "终止制定"


OPEN_STATES = (
    DraftState.RESEARCH,
    DraftState.DRAFTING,
    DraftState.CONSULTATION,
    DraftState.UNDER_REVIEW,
    DraftState.REVIEWED,
    DraftState.DELIBERATED,
)
# The states in which the draft is still the drafting department's own: other departments do
# not see it (the case's participants do), and nothing of it is public.
BEFORE_CONSULTATION = (DraftState.RESEARCH, DraftState.DRAFTING)


class PlanCategory(models.TextChoices):
    # 年度规章制定工作计划 commonly lists 正式项目 (to be finished this year), 调研项目 (to be
    # researched) and 预备项目.
    FORMAL = "formal", "正式项目"
    RESEARCH = "research", "调研项目"
    RESERVE = "reserve", "预备项目"


class ReviewKind(models.TextChoices):
    LEGALITY = "legality", "合法性审核"
    FAIR_COMPETITION = "fair_competition", "公平竞争审查"
    INTEGRITY = "integrity", "制度廉洁性评估"


class ReviewConclusion(models.TextChoices):
    PASSED = "passed", "通过"
    PASSED_WITH_CHANGES = "passed_with_changes", "修改后通过"
    FAILED = "failed", "不予通过（退回修改）"


PASSING = (ReviewConclusion.PASSED, ReviewConclusion.PASSED_WITH_CHANGES)


class CommentStatus(models.TextChoices):
    # pending → published (shown on the portal through the disclosure gate) | rejected (with the
    # moderator's reason, shown to the commenter only). A decision is final.
    PENDING = "pending", "待审核"
    PUBLISHED = "published", "已公开"
    REJECTED = "rejected", "不予公开"


COMMENT_TRANSITIONS: dict[str, frozenset[str]] = {
    CommentStatus.PENDING: frozenset({CommentStatus.PUBLISHED, CommentStatus.REJECTED}),
    CommentStatus.PUBLISHED: frozenset(),
    CommentStatus.REJECTED: frozenset(),
}


class Adoption(models.TextChoices):
    ADOPTED = "adopted", "采纳"
    PARTLY = "partly", "部分采纳"
    NOT_ADOPTED = "not_adopted", "未采纳"
