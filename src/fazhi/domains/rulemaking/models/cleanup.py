"""Cleanup campaigns (清理, STATUTES.md H5): the documents selected as of a date, each one's
outcome (保留、修改、废止、宣布失效) with its reason and reviewer, the result published."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models

from fazhi.core.org.models import OrgUnit
from fazhi.core.org.scoping import RestrictedManager, Scope, visible_unit_ids

from ..filing_choices import CleanupOutcome, CleanupState
from .texts import TextVersion


def _published(prefix: str) -> Any:
    """As the fee-document cleanups (lists.FeeCleanup): the result is public while published
    (not withdrawn); before that, the leading unit's and its supervisors'."""
    published = models.Q(**{f"{prefix}publication__isnull": False}) & models.Q(
        **{f"{prefix}publication__withdrawal__isnull": True}
    )

    def rule(user: Any, action: str) -> models.Q:
        own = models.Q(**{f"{prefix}owner__in": visible_unit_ids(user, action)})  # type: ignore[arg-type]
        return (published | own) if action == "view" else own

    return rule


class Cleanup(models.Model):
    title = models.CharField("清理名称", max_length=200)
    # The justice bureau that runs the campaign for its government.
    owner = models.ForeignKey(
        OrgUnit, verbose_name="牵头单位", on_delete=models.PROTECT, related_name="+"
    )
    government = models.ForeignKey(
        OrgUnit, verbose_name="清理范围（人民政府）", on_delete=models.PROTECT, related_name="+"
    )
    # The selection: texts of these kinds issued in the window and in force on ``as_of``.
    issued_from = models.DateField("发布日期起")
    issued_to = models.DateField("发布日期止")
    as_of = models.DateField("截至日期")
    kinds = models.JSONField("文件类别", default=list)
    state = models.CharField(
        "状态", max_length=20, choices=CleanupState.choices, default=CleanupState.OPEN
    )
    opened_on = models.DateField("启动日期")
    concluded_on = models.DateField("完成日期", null=True, blank=True)
    publication = models.ForeignKey(
        "disclosure.Publication",
        verbose_name="结果公开",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    if TYPE_CHECKING:
        from django.db.models.fields.related_descriptors import RelatedManager

        entries: RelatedManager[CleanupEntry]

    scope = Scope("public", custom=_published(""))
    objects = RestrictedManager()

    class Meta:
        verbose_name = "规章和规范性文件清理"
        verbose_name_plural = "规章和规范性文件清理"
        ordering = ["-opened_on", "-id"]

    def __str__(self) -> str:
        return self.title


class CleanupEntry(models.Model):
    cleanup = models.ForeignKey(
        Cleanup, verbose_name="清理", on_delete=models.CASCADE, related_name="entries"
    )
    version = models.ForeignKey(
        TextVersion, verbose_name="文件", on_delete=models.PROTECT, related_name="cleanup_entries"
    )
    outcome = models.CharField(
        "清理结果", max_length=20, choices=CleanupOutcome.choices, blank=True
    )
    reason = models.CharField("理由", max_length=300, blank=True)
    # The date a repeal or declaration takes effect (废止、宣布失效之日).
    effective_on = models.DateField("生效日期", null=True, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审核人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_on = models.DateField("审核日期", null=True, blank=True)

    scope = Scope("public", custom=_published("cleanup__"))
    objects = RestrictedManager()

    class Meta:
        verbose_name = "清理结果"
        verbose_name_plural = "清理结果"
        ordering = ["cleanup", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["cleanup", "version"], name="%(app_label)s_%(class)s_unique_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.version}：{self.get_outcome_display() or '待审核'}"
