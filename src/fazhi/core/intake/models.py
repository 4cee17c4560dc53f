"""An import of one Excel file into one list: who, what, the file's digest, progress, result."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from fazhi.core.org.models import OrgUnit
from fazhi.core.org.scoping import RestrictedManager, Scope

from .choices import FINISHED, ImportMode, ImportStatus


class ImportJob(models.Model):
    """一次导入. The uploaded file is kept (with its SHA-256) so the audit event can be checked
    against it; row errors are stored with the job and returned as an error workbook."""

    spec = models.CharField("导入清单", max_length=40)
    department = models.ForeignKey(
        OrgUnit, verbose_name="导入部门", on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="导入人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    file = models.FileField("导入文件", upload_to="imports/%Y/%m/", max_length=300)
    file_name = models.CharField("原文件名", max_length=255)
    sha256 = models.CharField("文件摘要（SHA-256）", max_length=64)
    size = models.PositiveBigIntegerField("文件大小（字节）", default=0)
    mode = models.CharField(
        "导入方式", max_length=10, choices=ImportMode.choices, default=ImportMode.ALL_OR_NOTHING
    )
    valid_from = models.DateField("生效日期", null=True, blank=True)
    reason = models.CharField("变更理由", max_length=300, blank=True)

    status = models.CharField(
        "状态",
        max_length=20,
        choices=ImportStatus.choices,
        default=ImportStatus.PENDING,
        db_index=True,
    )
    message = models.TextField("说明", blank=True)
    total_rows = models.PositiveIntegerField("数据行数", default=0)
    rows_done = models.PositiveIntegerField("已处理行数", default=0)
    created = models.PositiveIntegerField("新增", default=0)
    updated = models.PositiveIntegerField("修改", default=0)
    unchanged = models.PositiveIntegerField("未变化", default=0)
    bad_rows = models.PositiveIntegerField("错误行数", default=0)
    # [[row, column, reason], …] — every error up to FAZHI_IMPORT_MAX_STORED_ERRORS; the error
    # workbook always has all of them.
    errors = models.JSONField("错误明细", default=list, blank=True)
    error_total = models.PositiveIntegerField("错误条数", default=0)
    # Entries of a full province-catalog import that the file no longer has (reported only).
    missing = models.JSONField("文件中缺失的事项", default=list, blank=True)
    error_file = models.FileField(
        "错误行文件", upload_to="imports/errors/%Y/%m/", max_length=300, blank=True
    )
    created_at = models.DateTimeField("提交时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)

    scope = Scope("owner", "department")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "导入任务"
        verbose_name_plural = "导入任务"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["department", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.file_name}（{self.get_status_display()}）"

    @property
    def finished(self) -> bool:
        return self.status in FINISHED

    @property
    def spec_label(self) -> str:
        from .specs import REGISTRY

        spec = REGISTRY.get(self.spec)
        return spec.label if spec else self.spec
