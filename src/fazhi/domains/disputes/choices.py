"""The reconsideration case's states, procedures and ends (GLOSSARY.md, disputes app)."""

from __future__ import annotations

from django.db import models


class ReconsiderationState(models.TextChoices):
    # Allowed transitions are the workflow's steps (workflow.py), written once there:
    # received → correction → received (补正, once) → accepted | not_accepted;
    # accepted → replied → decided; accepted/replied → application_dismissed;
    # any open state → terminated.
    RECEIVED = "received", "收到申请（受理审查中）"
    CORRECTION = "correction", "补正中"
    ACCEPTED = "accepted", "已受理"
    REPLIED = "replied", "被申请人已答复"
    DECIDED = "decided", "已作出复议决定"
    NOT_ACCEPTED = "not_accepted", "不予受理"
    APPLICATION_DISMISSED = "application_dismissed", "驳回复议申请"
    TERMINATED = "terminated", "终止"


OPEN_STATES = (
    ReconsiderationState.RECEIVED,
    ReconsiderationState.CORRECTION,
    ReconsiderationState.ACCEPTED,
    ReconsiderationState.REPLIED,
)


class Procedure(models.TextChoices):
    ORDINARY = "ordinary", "普通程序"
    SIMPLIFIED = "simplified", "简易程序"


class Outcome(models.TextChoices):
    """A decision on the merits (第六十三条至第七十四条) or the case's ending by agreement."""

    UPHOLD = "uphold", "维持"
    REVOKE = "revoke", "撤销"
    VARY = "vary", "变更"
    DECLARE_UNLAWFUL = "declare_unlawful", "确认违法"
    DECLARE_VOID = "declare_void", "确认无效"
    ORDER_PERFORMANCE = "order_performance", "责令履行"
    CLAIM_REJECTED = "claim_rejected", "驳回复议请求"
    MEDIATE = "mediate", "调解"
    SETTLE = "settle", "和解"


class ProceduralEnd(models.TextChoices):
    """Ends of the case without a decision on the merits: kept apart from ``Outcome``."""

    NOT_ACCEPTED = "not_accepted", "不予受理"
    APPLICATION_DISMISSED = "application_dismissed", "驳回复议申请"
    TERMINATED = "terminated", "终止"


class TerminationReason(models.TextChoices):
    # 行政复议法 第四十一条 (终止的情形).
    WITHDRAWN = "withdrawn", "申请人撤回行政复议申请"
    APPLICANT_DIED = "applicant_died", "申请人死亡，没有近亲属或者近亲属放弃复议权利"
    ORGANISATION_ENDED = (
        "organisation_ended",
        "作为申请人的法人或者其他组织终止，无承受者或者承受者放弃复议权利",
    )
    CRIMINAL_MEASURE = "criminal_measure", "申请人因同一违法行为被采取刑事强制措施"
    SUSPENSION_UNRESUMED = "suspension_unresumed", "中止满六十日仍未恢复"
