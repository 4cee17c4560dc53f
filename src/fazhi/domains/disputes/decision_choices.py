"""Choices of what follows a reconsideration decision: performance supervision (第七十七条), the
act categories typical cases are compiled by, and the committee's documents of procedure."""

from __future__ import annotations

from django.db import models

from .choices import Outcome

# Decisions that order the respondent to do something within a period the decision sets:
# 变更 and 撤销 (with 责令重作) need a new act (第六十三、六十四条), 责令履行 the duty itself
# (第六十六条); 确认违法 may come with 补救措施 (第七十二条第一款). A mediation agreement (调解书)
# is performed like a decision (第七十七条第一款).
ORDERING_OUTCOMES = (
    Outcome.VARY,
    Outcome.REVOKE,
    Outcome.ORDER_PERFORMANCE,
    Outcome.DECLARE_UNLAWFUL,
    Outcome.MEDIATE,
)
# 责令履行 is always tracked: the law orders performance within a period (第六十六条).
ALWAYS_TRACKED = (Outcome.ORDER_PERFORMANCE,)

# The outcomes that end a penalty decision's standing, and so its publication (行政处罚法
# 第四十八条第二款: 被依法变更、撤销、确认违法或者确认无效).
ENDS_PENALTY_PUBLICATION = (
    Outcome.VARY,
    Outcome.REVOKE,
    Outcome.DECLARE_UNLAWFUL,
    Outcome.DECLARE_VOID,
)


class PerformanceState(models.TextChoices):
    AWAITING = "awaiting", "待履行"
    REPORTED = "reported", "已报告履行进展"
    ORDERED = "ordered", "已责令限期履行"
    COMPLETED = "completed", "履行完毕"


# The allowed transitions, written once: a report of completion ends the supervision; a
# report of progress or an order to perform (第七十七条第二款) keeps it open.
PERFORMANCE_TRANSITIONS: dict[str, frozenset[str]] = {
    PerformanceState.AWAITING: frozenset(
        {PerformanceState.REPORTED, PerformanceState.ORDERED, PerformanceState.COMPLETED}
    ),
    PerformanceState.REPORTED: frozenset(
        {PerformanceState.REPORTED, PerformanceState.ORDERED, PerformanceState.COMPLETED}
    ),
    PerformanceState.ORDERED: frozenset(
        {PerformanceState.REPORTED, PerformanceState.ORDERED, PerformanceState.COMPLETED}
    ),
    PerformanceState.COMPLETED: frozenset(),
}


class RecordKind(models.TextChoices):
    REPORT = "report", "被申请人报告履行情况"
    REMINDER = "reminder", "逾期提醒"
    ORDER = "order", "责令限期履行"


class ActCategory(models.TextChoices):
    """The category of the act complained of, by which typical cases are compiled."""

    PENALTY = "penalty", "行政处罚"
    COERCION = "coercion", "行政强制"
    LICENSING = "licensing", "行政许可"
    REGISTRATION = "registration", "行政登记（确权）"
    INFORMATION = "information", "政府信息公开"
    WORK_INJURY = "work_injury", "工伤认定"
    EXPROPRIATION = "expropriation", "征收征用及补偿"
    NONPERFORMANCE = "nonperformance", "不履行法定职责"
    COMPLAINT = "complaint", "投诉举报处理"
    AGREEMENT = "agreement", "行政协议"
    SOCIAL_SECURITY = "social_security", "社会保障待遇"
    NATURAL_RESOURCES = "natural_resources", "自然资源权属"
    OTHER = "other", "其他行政行为"


class RuleKind(models.TextChoices):
    """The committee's documents of procedure (the seed: 工作规程、议事规则、听证规则等六项制度)."""

    WORK_RULES = "work_rules", "工作规程"
    DELIBERATION = "deliberation", "议事规则"
    HEARING = "hearing", "听证规则"
    CASE_REVIEW = "case_review", "案件审理规则"
    MEMBERS = "members", "委员管理办法"
    OTHER = "other", "其他制度"
