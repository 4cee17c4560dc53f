"""Choices of the lists app (清单)."""

from __future__ import annotations

from django.db import models


class ListState(models.TextChoices):
    DRAFT = "draft", "草稿"
    IN_FORCE = "in_force", "有效"
    CANCELLED = "cancelled", "已取消"


class ListAction(models.TextChoices):
    """What made a version. The six words are the same for every list and every cleanup."""

    ADD = "add", "新增"
    ADJUST = "adjust", "调整"
    TRANSFER = "transfer", "划转"
    RETAIN = "retain", "保留"
    CANCEL = "cancel", "取消"
    AMEND = "amend", "修改"
    REPEAL = "repeal", "废止"


# The state a version made by each action is in. ADD opens a draft until it is published.
ACTION_STATE: dict[str, str] = {
    ListAction.ADD: ListState.DRAFT,
    ListAction.ADJUST: ListState.IN_FORCE,
    ListAction.TRANSFER: ListState.IN_FORCE,
    ListAction.RETAIN: ListState.IN_FORCE,
    ListAction.AMEND: ListState.IN_FORCE,
    ListAction.CANCEL: ListState.CANCELLED,
    ListAction.REPEAL: ListState.CANCELLED,
}
# Which actions may follow an item in each state (a cancelled item stays cancelled).
ALLOWED_ACTIONS: dict[str, frozenset[str]] = {
    # A draft is edited (and stays a draft) until it is published; it was never public, so
    # there is nothing to cancel or retain.
    ListState.DRAFT: frozenset({ListAction.ADJUST, ListAction.AMEND}),
    ListState.IN_FORCE: frozenset(
        {
            ListAction.ADJUST,
            ListAction.TRANSFER,
            ListAction.RETAIN,
            ListAction.AMEND,
            ListAction.CANCEL,
            ListAction.REPEAL,
        }
    ),
    ListState.CANCELLED: frozenset(),
}


class PowerKind(models.TextChoices):
    LICENSING = "licensing", "行政许可"
    PENALTY = "penalty", "行政处罚"
    COERCION = "coercion", "行政强制"
    LEVY = "levy", "行政征收"
    BENEFIT = "benefit", "行政给付"
    INSPECTION = "inspection", "行政检查"
    CONFIRMATION = "confirmation", "行政确认"
    REWARD = "reward", "行政奖励"
    ADJUDICATION = "adjudication", "行政裁决"
    OTHER = "other", "其他行政权力"


# The two letters in an item code: <department code>-XK-0001.
POWER_KIND_CODE: dict[str, str] = {
    PowerKind.LICENSING: "XK",
    PowerKind.PENALTY: "CF",
    PowerKind.COERCION: "QZ",
    PowerKind.LEVY: "ZS",
    PowerKind.BENEFIT: "GF",
    PowerKind.INSPECTION: "JC",
    PowerKind.CONFIRMATION: "QR",
    PowerKind.REWARD: "JL",
    PowerKind.ADJUDICATION: "CJ",
    PowerKind.OTHER: "QT",
}
# Items the public applies for (依申请) have service guides; penalty, coercion, inspection and
# levy are exercised by the agency on its own initiative (依职权) and have none.
ON_APPLICATION_KINDS = frozenset(
    {
        PowerKind.LICENSING,
        PowerKind.BENEFIT,
        PowerKind.CONFIRMATION,
        PowerKind.REWARD,
        PowerKind.ADJUDICATION,
        PowerKind.OTHER,
    }
)


class MaterialSource(models.TextChoices):
    APPLICANT = "applicant", "申请人提供"
    E_LICENCE = "e_licence", "电子证照库调取"
    NOTIFY_COMMIT = "notify_commit", "告知承诺"
    DATA_SHARING = "data_sharing", "部门间数据共享"


class ProofStatus(models.TextChoices):
    RETAINED = "retained", "保留"
    CANCELLED = "cancelled", "取消"
    NOTIFY_COMMIT = "notify_commit", "实行告知承诺制"


class ProofReplacement(models.TextChoices):
    DATA_SHARING = "data_sharing", "部门间数据共享核验"
    E_LICENCE = "e_licence", "电子证照"
    NOTIFY_COMMIT = "notify_commit", "告知承诺"
    NOT_REQUIRED = "not_required", "不再需要"


class NegativeKind(models.TextChoices):
    PROHIBITED = "prohibited", "禁止准入类"
    LICENSED = "licensed", "许可准入类"


class FactorKind(models.TextChoices):
    BOOLEAN = "boolean", "是/否"
    NUMBER = "number", "数值"
    CHOICE = "choice", "选项"
