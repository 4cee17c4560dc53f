"""Choices of the intake app (数据导入)."""

from __future__ import annotations

from django.db import models


class ImportMode(models.TextChoices):
    # The default: a list is a legal record, so half a file is usually worse than none.
    ALL_OR_NOTHING = "all", "全部正确才导入（有错误时不写入任何数据）"
    GOOD_ROWS = "good", "只导入正确的行（错误行另存为 Excel 退回）"


class ImportStatus(models.TextChoices):
    PENDING = "pending", "排队中"
    CHECKING = "checking", "校验中"
    WRITING = "writing", "写入中"
    DONE = "done", "已完成"
    REJECTED = "rejected", "有错误，未导入"
    REFUSED = "refused", "文件被拒绝"
    FAILED = "failed", "导入失败"


# Statuses after which nothing more happens to a job.
FINISHED = frozenset(
    {ImportStatus.DONE, ImportStatus.REJECTED, ImportStatus.REFUSED, ImportStatus.FAILED}
)
