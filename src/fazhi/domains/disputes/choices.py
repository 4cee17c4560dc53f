"""The reconsideration case's states, procedures and ends (GLOSSARY.md, disputes app)."""

from __future__ import annotations

from django.db import models


class ReconsiderationState(models.TextChoices):
    # Allowed transitions are the workflow's steps (workflow.py), written once there:
    # received → correction → received (补正, once) → accepted | not_accepted;
    # received → accepted by the law when the review lapses (视为受理, a system step);
    # accepted → replied → decided | mediated; accepted/replied → application_dismissed;
    # any open state → terminated. 中止 is not a state: the decision clock is paused and the
    # case's ``suspension_ground`` set until 恢复 (第三十九条), the state is kept.
    RECEIVED = "received", "收到申请（受理审查中）"
    CORRECTION = "correction", "补正中"
    ACCEPTED = "accepted", "已受理"
    REPLIED = "replied", "被申请人已答复"
    DECIDED = "decided", "已作出复议决定"
    MEDIATED = "mediated", "调解结案"
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
    """A decision on the merits (第六十三条至第七十二条), or the 调解书 that ends the case by
    agreement (第七十三条). 和解 (第七十四条) is not an outcome: the applicant then withdraws and
    the case is terminated (``ProceduralEnd.TERMINATED``, reason withdrawn; ``settled_on`` set)."""

    UPHOLD = "uphold", "维持"
    REVOKE = "revoke", "撤销"
    VARY = "vary", "变更"
    DECLARE_UNLAWFUL = "declare_unlawful", "确认违法"
    DECLARE_VOID = "declare_void", "确认无效"
    ORDER_PERFORMANCE = "order_performance", "责令履行"
    CLAIM_REJECTED = "claim_rejected", "驳回复议请求"
    MEDIATE = "mediate", "调解"


# The outcomes a decision (作出行政复议决定) may carry; 调解 has its own step (调解书).
DECISION_OUTCOMES = [(v, label) for v, label in Outcome.choices if v != Outcome.MEDIATE]


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


# 中止满六十日仍未恢复 ends the case only for these grounds (第四十一条第一款第五项).
UNRESUMED_GROUNDS = ("applicant_died", "incapacity", "organisation_ended")


class SuspensionGround(models.TextChoices):
    # 行政复议法 第三十九条第一款 (中止的情形).
    APPLICANT_DIED = "applicant_died", "作为申请人的公民死亡，其近亲属尚未确定是否参加行政复议"
    INCAPACITY = "incapacity", "作为申请人的公民丧失参加行政复议的行为能力，尚未确定法定代理人"
    MISSING = "missing", "作为申请人的公民下落不明"
    ORGANISATION_ENDED = (
        "organisation_ended",
        "作为申请人的法人或者其他组织终止，尚未确定权利义务承受人",
    )
    FORCE_MAJEURE = "force_majeure", "申请人、被申请人因不可抗力或者其他正当理由，不能参加行政复议"
    MEDIATION = "mediation", "依法进行调解、和解，申请人和被申请人同意中止"
    INTERPRETATION = "interpretation", "案件涉及的法律适用问题需要有权机关作出解释或者确认"
    OTHER_CASE = "other_case", "案件审理需要以其他案件的审理结果为依据，而其他案件尚未审结"
    INCIDENTAL_REVIEW = "incidental_review", "有本法第五十六条或者第五十七条规定的情形（附带审查）"
    OTHER = "other", "需要中止行政复议的其他情形"
