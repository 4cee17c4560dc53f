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
