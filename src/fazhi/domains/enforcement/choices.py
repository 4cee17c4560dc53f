"""States and choices of administrative enforcement (行政执法)."""

from __future__ import annotations

from django.db import models


class PenaltyState(models.TextChoices):
    """A penalty case handled in Fazhi (行政处罚法 第五章第三节 普通程序)."""

    LEAD = "lead", "线索"
    FILED = "filed", "已立案"
    NOT_FILED = "not_filed", "不予立案"
    INVESTIGATED = "investigated", "调查终结"
    REVIEWED = "reviewed", "法制审核通过"
    NOTIFIED = "notified", "已告知"
    DECIDED = "decided", "已决定"
    CLOSED = "closed", "已结案"


class Procedure(models.TextChoices):
    ORDINARY = "ordinary", "普通程序"
    SIMPLIFIED = "simplified", "简易程序"


class PenaltyType(models.TextChoices):
    """The kinds of penalty (行政处罚法 第九条), by the paragraph that names them."""

    WARNING = "warning", "警告、通报批评"
    FINE = "fine", "罚款、没收违法所得、没收非法财物"
    LICENCE = "licence", "暂扣许可证件、降低资质等级、吊销许可证件"
    RESTRICTION = "restriction", "限制开展生产经营活动、责令停产停业、责令关闭、限制从业"
    DETENTION = "detention", "行政拘留"
    OTHER = "other", "法律、行政法规规定的其他行政处罚"


class Outcome(models.TextChoices):
    """How a case ended, whether handled here or collected from a sector system."""

    PENALTY = "penalty", "给予行政处罚"
    NO_PENALTY = "no_penalty", "不予行政处罚"
    TRANSFER = "transfer", "移送"
    NOT_FILED = "not_filed", "不予立案"


class SupervisionKind(models.TextChoices):
    """What the justice bureau sends a department it supervises."""

    OPINION = "opinion", "行政执法监督意见书"
    DECISION = "decision", "行政执法监督决定书"


class FileReviewState(models.TextChoices):
    """A department's part of a case-file review: scored, results notified with a deadline to
    rectify, the department's reply, and the bureau's closing check.

    评查中 → (notify) 整改中 → (reply) 已反馈 → (close) 已办结 (or (return) back to 整改中)."""

    REVIEWING = "reviewing", "评查中"
    RECTIFYING = "rectifying", "整改中"
    REPLIED = "replied", "已反馈"
    CLOSED = "closed", "已办结"


class SupervisionState(models.TextChoices):
    """A supervision opinion or decision: drafted by a clerk, issued by the head, answered by
    the department, closed by the bureau.

    起草 → (issue) 已下达 → (reply) 已回复 → (close) 已办结."""

    DRAFT = "draft", "起草"
    ISSUED = "issued", "已下达"
    REPLIED = "replied", "已回复"
    CLOSED = "closed", "已办结"
