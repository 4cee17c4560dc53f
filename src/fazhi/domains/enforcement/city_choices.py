"""Choices of the urban-management matters, the hotline work orders and the overload checks,
with the transitions each state allows written once, next to the states."""

from __future__ import annotations

from django.db import models


class MatterKind(models.TextChoices):
    """城管事项: what the urban-management bureau found (数字城管 classification, shortened)."""

    STREET_OCCUPATION = "street_occupation", "出店占道经营"
    HANGING = "hanging", "乱牵乱挂"
    ILLEGAL_BUILDING = "illegal_building", "违法建设"
    ILLEGAL_AD = "illegal_ad", "违法广告"
    STALL = "stall", "流动摊点"
    OTHER = "other", "其他"


class Resolution(models.TextChoices):
    """The "721" method (721工作方法): 70 % of problems solved by service, 20 % by management,
    10 % by enforcement. A matter is resolved once, by one of the three."""

    PENDING = "pending", "待处置"
    SERVICE = "service", "服务解决"
    MANAGEMENT = "management", "管理解决"
    ENFORCEMENT = "enforcement", "执法解决"


RESOLUTION_TRANSITIONS: dict[str, frozenset[str]] = {
    Resolution.PENDING: frozenset(
        {Resolution.SERVICE, Resolution.MANAGEMENT, Resolution.ENFORCEMENT}
    ),
    Resolution.SERVICE: frozenset(),
    Resolution.MANAGEMENT: frozenset(),
    Resolution.ENFORCEMENT: frozenset(),
}
RESOLVED = (Resolution.SERVICE, Resolution.MANAGEMENT, Resolution.ENFORCEMENT)


class OrderState(models.TextChoices):
    """A hotline work order (热线工单) at the department it was dispatched to."""

    ASSIGNED = "assigned", "已派单待答复"
    OVERDUE = "overdue", "超期未答复"
    REPLIED = "replied", "已答复待回访"
    CLOSED = "closed", "已回访办结"


ORDER_TRANSITIONS: dict[str, frozenset[str]] = {
    # 答复 (the department), 超期 (the escalation job)
    OrderState.ASSIGNED: frozenset({OrderState.REPLIED, OrderState.OVERDUE}),
    # a late reply is still a reply; the order stays marked late
    OrderState.OVERDUE: frozenset({OrderState.REPLIED}),
    # 回访 (the hotline centre) closes the order with the caller's satisfaction
    OrderState.REPLIED: frozenset({OrderState.CLOSED}),
    OrderState.CLOSED: frozenset(),
}


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", "满意"
    BASICALLY = "basically", "基本满意"
    DISSATISFIED = "dissatisfied", "不满意"


class AppealKind(models.TextChoices):
    """诉求类型 as the hotline system classifies a call."""

    COMPLAINT = "complaint", "投诉"
    REPORT = "report", "举报"
    HELP = "help", "求助"
    CONSULT = "consult", "咨询"
    SUGGESTION = "suggestion", "建议"


class OrderSource(models.TextChoices):
    FILE = "file", "文件导入"
    API = "api", "接口推送"
