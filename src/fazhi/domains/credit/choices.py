"""Choices of the credit app: where a record comes from, how serious it is, its state (with the
allowed transitions written once, here), the repair request's states and the measures' kinds."""

from __future__ import annotations

from django.db import models


class SourceKind(models.TextChoices):
    INSPECTION = "inspection", "双随机抽查检查结果"
    PENALTY = "penalty", "行政处罚决定"
    LICENCE = "licence", "行政许可"
    COMMITMENT = "commitment", "告知承诺失信（未履行承诺）"


class Nature(models.TextChoices):
    """失信信息 (adverse) or 良好信息 (e.g. a licence): only adverse records are repaired."""

    ADVERSE = "adverse", "失信信息"
    GOOD = "good", "良好信息"


class Severity(models.TextChoices):
    """信用修复管理办法（2025令第36号）: 轻微、一般、严重 (K3)."""

    MINOR = "minor", "轻微"
    GENERAL = "general", "一般"
    SERIOUS = "serious", "严重"


class RecordState(models.TextChoices):
    PUBLISHED = "published", "公示中"
    REPAIRED = "repaired", "已信用修复（撤回公示）"
    EXPIRED = "expired", "公示期满停止"
    WITHDRAWN = "withdrawn", "来源信息已撤回"


# A published record ends once: by repair, at the end of its longest period, or when the source
# information is withdrawn (e.g. the decision was revoked). An ended record never comes back.
RECORD_TRANSITIONS: dict[str, frozenset[str]] = {
    RecordState.PUBLISHED: frozenset(
        {RecordState.REPAIRED, RecordState.EXPIRED, RecordState.WITHDRAWN}
    ),
    RecordState.REPAIRED: frozenset(),
    RecordState.EXPIRED: frozenset(),
    RecordState.WITHDRAWN: frozenset(),
}


class RepairState(models.TextChoices):
    """A credit-repair request (``credit_repair`` case); the steps are in ``repair.py``."""

    SUBMITTED = "submitted", "已提交"
    ACCEPTED = "accepted", "已受理"
    REVIEWED = "reviewed", "已审核"
    APPROVED = "approved", "准予修复"
    REFUSED = "refused", "不予修复"
    DECLINED = "declined", "不予受理"


class MeasureKind(models.TextChoices):
    REWARD = "reward", "激励"
    PUNISHMENT = "punishment", "惩戒"
