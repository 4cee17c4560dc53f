"""行政强制措施 (行政强制法 第二章、第三章): the detail of a casework ``Case`` of kind
``coercive_measure`` — seizure (查封、扣押) or freezing (冻结存款、汇款)."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models

from fazhi.core.org.scoping import RestrictedManager, Scope

from ..choices import MeasureType


class CoerciveMeasure(models.Model):
    case = models.OneToOneField(
        "casework.Case", on_delete=models.CASCADE, related_name="coercive_measure"
    )
    # 行政强制法 第十七条: 由法律、法规规定的行政机关在法定职权范围内实施 — the item of the
    # power list the measure exercises.
    power_item = models.ForeignKey(
        "lists.PowerItem", verbose_name="执法事项", on_delete=models.PROTECT, related_name="+"
    )
    measure = models.CharField("强制措施种类", max_length=20, choices=MeasureType.choices)
    # 第二十四条第二款: 查封、扣押的理由和依据 … 查封、扣押场所、设施或者财物的名称、数量等.
    grounds = models.TextField("理由和依据")
    property = models.TextField("场所、设施或者财物（清单）或存款、汇款账户")
    # 第二十九条第二款: 冻结存款、汇款的数额应当与违法行为涉及的金额相当.
    amount = models.DecimalField(
        "冻结金额（元）", max_digits=14, decimal_places=2, null=True, blank=True
    )

    scope = Scope("participants", "case")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "行政强制措施"
        verbose_name_plural = "行政强制措施"
        ordering = ["-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(measure="freeze")
                | (models.Q(amount__isnull=False) & models.Q(amount__gt=0)),
                name="%(app_label)s_%(class)s_freezing_has_amount",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_measure_display()} {self.case.number or self.case.title}"

    def clean(self) -> None:
        if self.measure == MeasureType.FREEZE and (
            self.amount is None or self.amount <= Decimal(0)
        ):
            raise ValidationError(
                {"amount": "冻结存款、汇款须写明冻结数额（行政强制法 第二十九条）"}
            )
