"""Choices of the inspection app (双随机、一公开): check items, inspectors, plans and results."""

from __future__ import annotations

from django.db import models


class CheckMethod(models.TextChoices):
    ON_SITE = "on_site", "现场检查"
    DOCUMENTS = "documents", "书面检查"
    ONLINE = "online", "网络监测"
    SAMPLING = "sampling", "抽样检测"
    OTHER = "other", "其他"


class PlanState(models.TextChoices):
    DRAFT = "draft", "草稿"
    FILED = "filed", "已报备"
    PUBLISHED = "published", "已公布"


# A plan is filed, then published; a published plan is changed only by a new plan.
PLAN_TRANSITIONS: dict[str, frozenset[str]] = {
    PlanState.DRAFT: frozenset({PlanState.FILED}),
    PlanState.FILED: frozenset({PlanState.PUBLISHED}),
    PlanState.PUBLISHED: frozenset(),
}


class TaskState(models.TextChoices):
    """One department's inspection of one drawn entity (抽查检查任务)."""

    ASSIGNED = "assigned", "已派发"
    RECORDED = "recorded", "已录入结果"
    CONFIRMED = "confirmed", "检查人员已确认"


class ResultCategory(models.TextChoices):
    """The national result categories of 双随机 inspections (国家企业信用信息公示系统's wording)."""

    NO_PROBLEM = "no_problem", "未发现问题"
    ANNUAL_REPORT = "annual_report", "未按规定公示年报"
    NO_ACTIVITY = "no_activity", "未发现开展本次抽查涉及的经营活动"
    UNREACHABLE = "unreachable", "通过登记的住所（经营场所）无法联系"
    CORRECTED = "corrected", "发现问题已责令改正"
    UNCOOPERATIVE = "uncooperative", "不配合检查"
    DEREGISTERED = "deregistered", "已注销/已吊销"
    VIOLATION = "violation", "发现违法违规行为"


# Categories only the market regulator may act on (the abnormal-operation list, 企业信息公示暂行
# 条例 第八条、第十七条 as read in STATUTES.md J3; 经营异常名录 in GLOSSARY): another department
# refers them.
MARKET_ONLY = frozenset({ResultCategory.ANNUAL_REPORT, ResultCategory.UNREACHABLE})
# What a finding of these categories leads to (a case or a referral): the "violations" counted.
LEADS_TO_ACTION = frozenset({ResultCategory.VIOLATION})


class FollowUp(models.TextChoices):
    ENFORCEMENT_CASE = "case", "立案查处（行政处罚线索）"
    REFERRAL = "referral", "移送有权机关"
