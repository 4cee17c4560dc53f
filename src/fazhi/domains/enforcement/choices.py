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
