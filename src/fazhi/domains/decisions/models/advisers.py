"""Legal advisers' rounds, contracts, work logs, yearly evaluations and the public's messages,
on the foundation's ``LegalAdviser`` and ``AdviserAssignment``."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q

from fazhi.core.org.scoping import RestrictedManager, Scope, visible_unit_ids

from ..choices import EvaluationGrade, WorkKind


def _bureau_or_client(path: str) -> Any:
    """owners:<path>.adviser.owner_unit,<path>.org_unit: the justice bureau that manages the
    adviser and, for an agency's adviser, the agency (the client) itself."""

    def rule(user: Any, action: str) -> Q:
        units = visible_unit_ids(user, "change" if action == "change" else "view")
        prefix = f"{path}__" if path else ""
        return Q(**{f"{prefix}adviser__owner_unit_id__in": units}) | Q(
            **{f"{prefix}org_unit_id__in": units}
        )

    return rule


class AdviserRound(models.Model):
    """A round of village (community) advisers, e.g. the third from April 2019."""

    owner_unit = models.ForeignKey(
        "org.OrgUnit", verbose_name="组织单位", on_delete=models.PROTECT, related_name="+"
    )
    number = models.PositiveIntegerField("轮次")
    name = models.CharField("名称", max_length=100)
    start = models.DateField("起始日期")
    end = models.DateField("终止日期", null=True, blank=True)

    scope = Scope("owner", "owner_unit")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "法律顾问轮次"
        verbose_name_plural = "法律顾问轮次"
        ordering = ["owner_unit", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner_unit", "number"], name="%(app_label)s_%(class)s_unique_number"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class AdviserContract(models.Model):
    """The contract behind an assignment: with an agency or with a village (community)."""

    assignment = models.OneToOneField(
        "org.AdviserAssignment",
        verbose_name="派驻",
        on_delete=models.CASCADE,
        related_name="contract",
    )
    round = models.ForeignKey(
        AdviserRound,
        verbose_name="轮次",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contracts",
    )
    contract_no = models.CharField("合同编号", max_length=40, unique=True)
    firm = models.CharField("律师事务所（法律服务所）", max_length=100)
    signed_on = models.DateField("签订日期")
    start = models.DateField("服务起始日期")
    end = models.DateField("服务终止日期")

    scope = Scope(
        "owner", "assignment__adviser__owner_unit", custom=_bureau_or_client("assignment")
    )
    objects = RestrictedManager()

    class Meta:
        verbose_name = "法律顾问合同"
        verbose_name_plural = "法律顾问合同"
        ordering = ["-start", "contract_no"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")), name="%(app_label)s_%(class)s_end_after"
            ),
        ]

    def __str__(self) -> str:
        return self.contract_no


class WorkLog(models.Model):
    assignment = models.ForeignKey(
        "org.AdviserAssignment",
        verbose_name="派驻",
        on_delete=models.CASCADE,
        related_name="work_logs",
    )
    on = models.DateField("日期")
    kind = models.CharField("工作类别", max_length=20, choices=WorkKind.choices)
    count = models.PositiveIntegerField("件（次）数", default=1)
    summary = models.CharField("内容", max_length=500)

    scope = Scope(
        "owner", "assignment__adviser__owner_unit", custom=_bureau_or_client("assignment")
    )
    objects = RestrictedManager()

    class Meta:
        verbose_name = "法律顾问工作台账"
        verbose_name_plural = "法律顾问工作台账"
        ordering = ["-on", "-pk"]

    def __str__(self) -> str:
        return f"{self.on} {self.get_kind_display()}"


class AdviserEvaluation(models.Model):
    """The client's yearly evaluation of its adviser."""

    assignment = models.ForeignKey(
        "org.AdviserAssignment",
        verbose_name="派驻",
        on_delete=models.CASCADE,
        related_name="evaluations",
    )
    year = models.PositiveIntegerField("年度")
    grade = models.CharField("等次", max_length=20, choices=EvaluationGrade.choices)
    evaluator = models.CharField("评价单位（服务对象）", max_length=100)
    evaluated_on = models.DateField("评价日期")
    remarks = models.TextField("评价意见", blank=True)

    scope = Scope(
        "owner", "assignment__adviser__owner_unit", custom=_bureau_or_client("assignment")
    )
    objects = RestrictedManager()

    class Meta:
        verbose_name = "法律顾问年度评价"
        verbose_name_plural = "法律顾问年度评价"
        ordering = ["-year", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "year"], name="%(app_label)s_%(class)s_unique_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.get_grade_display()}"


class AdviserMessage(models.Model):
    """A resident's message to their village's adviser, left through the portal: the adviser's
    own telephone is not published, so the platform forwards it (the justice bureau's staff)."""

    assignment = models.ForeignKey(
        "org.AdviserAssignment",
        verbose_name="派驻",
        on_delete=models.PROTECT,
        related_name="messages",
    )
    name = models.CharField("留言人", max_length=50)
    phone = models.CharField("联系电话", max_length=20)
    message = models.TextField("咨询内容", max_length=2000)
    at = models.DateTimeField("留言时间", auto_now_add=True)
    answered_on = models.DateField("已转交/答复日期", null=True, blank=True)

    scope = Scope("owner", "assignment__adviser__owner_unit")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "群众向法律顾问留言"
        verbose_name_plural = "群众向法律顾问留言"
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.name} → {self.assignment}"
