"""信用修复申请: the detail of a ``credit_repair`` case, filed by the entity (through its public
account) or registered by a clerk of the recognising department (谁认定、谁修复)."""

from __future__ import annotations

from django.db import models

from fazhi.core.org.scoping import RestrictedManager, Scope


class RepairRequest(models.Model):
    case = models.OneToOneField(
        "casework.Case", on_delete=models.CASCADE, related_name="credit_repair"
    )
    record = models.ForeignKey(
        "credit.CreditRecord",
        verbose_name="信用记录",
        on_delete=models.PROTECT,
        related_name="repair_requests",
    )
    account = models.ForeignKey(
        "accounts.PublicAccount",
        verbose_name="申请账号",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    applicant_name = models.CharField("申请人", max_length=200)
    correction = models.TextField("纠正失信行为、履行法定义务情况")
    commitment_signed = models.BooleanField("已签署公开信用承诺", default=False)
    commitment_text = models.TextField("信用承诺内容", blank=True)
    commitment_document = models.ForeignKey(
        "casework.Document",
        verbose_name="信用承诺书",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    obligations_fulfilled = models.BooleanField("审核认定已履行义务", null=True)
    review_opinion = models.TextField("审核意见", blank=True)
    decision_reason = models.TextField("决定理由", blank=True)
    submitted_on = models.DateField("申请日期")

    scope = Scope("participants", "case")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "信用修复申请"
        verbose_name_plural = "信用修复申请"
        ordering = ["-submitted_on", "-id"]

    def __str__(self) -> str:
        return f"{self.applicant_name} · {self.record}"
