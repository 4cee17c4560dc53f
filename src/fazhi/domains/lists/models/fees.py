"""收费清单: government-priced fees, and the cleanups of fee documents."""

from __future__ import annotations

from typing import Any

from django.db import models

from fazhi.core.org.models import OrgUnit
from fazhi.core.org.scoping import RestrictedManager, Scope

from ..choices import ListAction
from .base import CatalogItem, ItemVersion, public_when


class FeeItem(CatalogItem):
    enterprise_related = models.BooleanField("涉企收费", default=False, db_index=True)
    code_letters = "SF"
    content_fields = ("standard", "unit", "enterprise_related", "pricing_document")

    class Meta(CatalogItem.Meta):
        verbose_name = "收费项目"
        verbose_name_plural = "收费清单"


class FeeItemVersion(ItemVersion):
    item = models.ForeignKey(FeeItem, on_delete=models.CASCADE, related_name="versions")
    standard = models.CharField("收费标准", max_length=300)
    unit = models.CharField("计费单位", max_length=50, blank=True)
    enterprise_related = models.BooleanField("涉企收费", default=False)
    pricing_document = models.CharField("定价文件", max_length=300, blank=True)

    class Meta(ItemVersion.Meta):
        verbose_name = "收费项目版本"
        verbose_name_plural = "收费项目版本"


FeeItem.version_model = FeeItemVersion


def _published_cleanup(prefix: str) -> Any:
    """A cleanup's results are public while published (not withdrawn); else its department's."""
    published = models.Q(**{f"{prefix}publication__isnull": False}) & models.Q(
        **{f"{prefix}publication__withdrawal__isnull": True}
    )
    return public_when(published, f"{prefix}department")


CLEANUP_OUTCOMES = [
    (ListAction.RETAIN.value, ListAction.RETAIN.label),
    (ListAction.AMEND.value, ListAction.AMEND.label),
    (ListAction.REPEAL.value, ListAction.REPEAL.label),
]


class FeeCleanup(models.Model):
    """价费文件清理: a campaign reviewing fee documents, its results published."""

    title = models.CharField("清理名称", max_length=200)
    department = models.ForeignKey(
        OrgUnit, verbose_name="牵头部门", on_delete=models.PROTECT, related_name="+"
    )
    concluded_on = models.DateField("完成日期")
    publication = models.ForeignKey(
        "disclosure.Publication",
        verbose_name="结果公开",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    scope = Scope("public", custom=_published_cleanup(""))
    objects = RestrictedManager()

    class Meta:
        verbose_name = "价费文件清理"
        verbose_name_plural = "价费文件清理"
        ordering = ["-concluded_on"]

    def __str__(self) -> str:
        return self.title


class FeeDocumentReview(models.Model):
    cleanup = models.ForeignKey(FeeCleanup, on_delete=models.CASCADE, related_name="reviews")
    title = models.CharField("文件名称", max_length=300)
    number = models.CharField("文号", max_length=100, blank=True)
    issuer = models.CharField("制定机关", max_length=200, blank=True)
    outcome = models.CharField("清理结果", max_length=20, choices=CLEANUP_OUTCOMES)
    reason = models.CharField("理由", max_length=300, blank=True)

    scope = Scope("public", custom=_published_cleanup("cleanup__"))
    objects = RestrictedManager()

    class Meta:
        verbose_name = "价费文件清理结果"
        verbose_name_plural = "价费文件清理结果"
        ordering = ["cleanup", "id"]

    def __str__(self) -> str:
        return f"{self.title}：{self.get_outcome_display()}"
