"""Validity periods of normative documents (有效期, STATUTES.md I5) and the acts that end a
text's force (失效 on the last day of the period, 废止, 宣布失效), each recorded with its date,
basis and who did it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models

from fazhi.core.org.scoping import RestrictedManager, Scope

from ..filing_choices import TextActKind
from .texts import TextVersion, public_or_issued


class Validity(models.Model):
    version = models.OneToOneField(
        TextVersion, verbose_name="文本版本", on_delete=models.CASCADE, related_name="validity"
    )
    years = models.PositiveSmallIntegerField("有效期（年）")
    valid_until = models.DateField("有效期至", db_index=True)
    basis = models.CharField("依据", max_length=200)
    evaluation_due = models.DateField("评估期限", db_index=True)
    # Set once, when the daily job told the issuing unit the evaluation is due.
    evaluation_reminded_on = models.DateField("评估提醒日期", null=True, blank=True)
    evaluated_on = models.DateField("评估日期", null=True, blank=True)
    evaluation = models.TextField("评估结论", blank=True)

    if TYPE_CHECKING:
        version_id: int

    scope = Scope("public", custom=public_or_issued("version__text__"))
    objects = RestrictedManager()

    class Meta:
        verbose_name = "有效期"
        verbose_name_plural = "有效期"
        ordering = ["valid_until", "id"]

    def __str__(self) -> str:
        return f"{self.version} 有效期至 {self.valid_until}"


class TextAct(models.Model):
    """One act on a text's force, with its business date apart from the time it was written."""

    version = models.ForeignKey(
        TextVersion, verbose_name="文本版本", on_delete=models.PROTECT, related_name="acts"
    )
    kind = models.CharField("事项", max_length=20, choices=TextActKind.choices)
    on = models.DateField("日期")
    basis = models.CharField("依据", max_length=200, blank=True)
    reason = models.TextField("理由", blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="办理人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    cleanup_entry = models.ForeignKey(
        "rulemaking.CleanupEntry",
        verbose_name="清理结果",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="acts",
    )
    recorded_at = models.DateTimeField("登记时间", auto_now_add=True)

    scope = Scope("public", custom=public_or_issued("version__text__"))
    objects = RestrictedManager()

    class Meta:
        verbose_name = "文本时效变更"
        verbose_name_plural = "文本时效变更"
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"{self.version}：{self.get_kind_display()}（{self.on}）"
