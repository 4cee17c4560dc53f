"""Hotline work orders (热线工单, 12345 / 市长热线) dispatched to a department."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from fazhi.core.org.scoping import RestrictedManager, Scope, visible_unit_ids

from ..city_choices import AppealKind, OrderSource, OrderState, Satisfaction


def _order_rule(user: Any, action: str) -> Q:
    """The department the order was dispatched to and the hotline centre that received it
    (and supervisors above either, for viewing): docs/visibility.md ``owners:``."""
    units = visible_unit_ids(user, "view" if action == "view" else "change")
    return Q(department_id__in=units) | Q(received_by_id__in=units)


class HotlineOrder(models.Model):
    order_no = models.CharField("工单编号", max_length=40, unique=True)
    received_by = models.ForeignKey(
        "org.OrgUnit", verbose_name="受理热线", on_delete=models.PROTECT, related_name="+"
    )
    received_at = models.DateTimeField("来电时间")
    channel = models.CharField("来源渠道", max_length=20, blank=True)
    appeal_kind = models.CharField("诉求类型", max_length=20, choices=AppealKind.choices)
    subject = models.CharField("诉求标题", max_length=200)
    content = models.TextField("诉求内容")
    address = models.CharField("事发地址", max_length=200, blank=True)
    # Personal data of the caller: shown masked (the back office's sensitive fields).
    caller_name = models.CharField("来电人", max_length=50, blank=True)
    caller_phone = models.CharField("联系电话", max_length=30, blank=True)

    department = models.ForeignKey(
        "org.OrgUnit", verbose_name="承办单位", on_delete=models.PROTECT, related_name="+"
    )
    assigned_on = models.DateField("派单日期")
    reply_due = models.DateField("答复期限")
    due_basis = models.CharField("期限依据", max_length=200)
    state = models.CharField(
        "状态", max_length=20, choices=OrderState.choices, default=OrderState.ASSIGNED
    )
    escalated_on = models.DateField("超期督办日期", null=True, blank=True)
    reply = models.TextField("答复内容", blank=True)
    replied_on = models.DateField("答复日期", null=True, blank=True)
    replied_late = models.BooleanField("超期答复", default=False)
    callback_on = models.DateField("回访日期", null=True, blank=True)
    satisfaction = models.CharField(
        "满意度", max_length=20, choices=Satisfaction.choices, blank=True
    )
    callback_note = models.CharField("回访情况", max_length=500, blank=True)
    # The enforcement case the order led to (a penalty lead registered from it).
    case = models.ForeignKey(
        "casework.Case",
        verbose_name="执法案件",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    source = models.CharField("接收方式", max_length=10, choices=OrderSource.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="接收人",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )

    scope = Scope("owner", "department", custom=_order_rule)
    objects = RestrictedManager()

    class Meta:
        verbose_name = "热线工单"
        verbose_name_plural = "热线工单"
        ordering = ["-received_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reply_due__gte=models.F("assigned_on")),
                name="%(app_label)s_%(class)s_due_after_assignment",
            ),
            models.CheckConstraint(
                condition=~models.Q(state__in=["replied", "closed"])
                | models.Q(replied_on__isnull=False),
                name="%(app_label)s_%(class)s_replied_dated",
            ),
            models.CheckConstraint(
                condition=~models.Q(state="closed")
                | (models.Q(callback_on__isnull=False) & ~models.Q(satisfaction="")),
                name="%(app_label)s_%(class)s_closed_called_back",
            ),
        ]
        indexes = [
            models.Index(fields=["department", "state", "reply_due"], name="enforcement_order_due"),
        ]

    def __str__(self) -> str:
        return f"{self.order_no} {self.subject}"
