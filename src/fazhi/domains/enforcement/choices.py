"""States and choices of administrative enforcement (行政执法)."""

from __future__ import annotations

from django.db import models


class PenaltyState(models.TextChoices):
    """A penalty case handled in Fazhi (行政处罚法 第五章第三节 普通程序、第四节 听证程序,
    第六章 执行). The allowed transitions are the steps of ``workflow.py`` (one place)."""

    LEAD = "lead", "线索"
    FILED = "filed", "已立案"
    NOT_FILED = "not_filed", "不予立案"
    INVESTIGATED = "investigated", "调查终结"
    REVIEWED = "reviewed", "法制审核通过"
    NOTIFIED = "notified", "已告知"
    HEARING_REQUESTED = "hearing_requested", "已申请听证"
    HEARING_SCHEDULED = "hearing_scheduled", "已通知听证"
    HEARD = "heard", "已听证"
    DECIDED = "decided", "已决定"
    NO_PENALTY = "no_penalty", "不予处罚"
    TRANSFERRED = "transferred", "已移送"
    SERVED = "served", "决定书已送达"
    EXECUTED = "executed", "执行完毕"
    ENFORCING = "enforcing", "已申请强制执行"
    CLOSED = "closed", "已结案"


class SimplifiedState(models.TextChoices):
    """A penalty decided on the spot (行政处罚法 第五十一、五十二条 简易程序)."""

    SPOT = "spot", "现场"
    DECIDED = "decided", "当场决定"
    RECORDED = "recorded", "已备案"


class PartyKind(models.TextChoices):
    """Who is punished: the thresholds differ (第五十一条 简易程序; 听证的较大数额)."""

    CITIZEN = "citizen", "公民"
    ORGANISATION = "organisation", "法人或者其他组织"


class TransferKind(models.TextChoices):
    """移送: to the agency that has jurisdiction, or to the criminal justice organs (两法衔接)."""

    AGENCY = "agency", "移送有管辖权的行政机关"
    CRIMINAL = "criminal", "移送司法机关（涉嫌犯罪）"


class PaymentRelief(models.TextChoices):
    """行政处罚法 第六十六条第二款: 确有经济困难的, 经申请和批准, 可以暂缓或者分期缴纳."""

    DEFER = "defer", "暂缓（延期）缴纳"
    INSTALMENTS = "instalments", "分期缴纳"


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


class EvidenceKind(models.TextChoices):
    """The full-process record's files (行政处罚法 第四十七条; 国办发〔2018〕118号 音像记录)."""

    PHOTO = "photo", "照片"
    AUDIO = "audio", "录音"
    VIDEO = "video", "录像"
    RECORDER = "recorder", "执法记录仪录像"


class MeasureType(models.TextChoices):
    """行政强制法 第九条: the coercive measures a township or department may take here."""

    SEAL = "seal", "查封场所、设施或者财物"
    SEIZE = "seize", "扣押财物"
    FREEZE = "freeze", "冻结存款、汇款"


class CoercionState(models.TextChoices):
    """A coercive measure (行政强制法 第十八条、第十九条、第二十五条、第二十八条)."""

    PROPOSED = "proposed", "拟采取"
    APPROVED = "approved", "已批准"
    # 第十九条: taken on the spot in an emergency, reported and approved within 24 hours.
    AWAITING_APPROVAL = "awaiting_approval", "当场实施待补批"
    IMPOSED = "imposed", "已实施"
    DISPOSED = "disposed", "已作出处理决定"
    RELEASED = "released", "已解除"
    NOT_TAKEN = "not_taken", "不予采取"


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
