"""Fee-document cleanups: each document's outcome recorded, the result published."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db import transaction

from fazhi.core.disclosure.gate import publish

from .models import FeeCleanup


@transaction.atomic
def publish_result(cleanup: FeeCleanup, *, actor: Any = None) -> FeeCleanup:
    """Publish the outcome of every reviewed document through the disclosure gate."""
    reviews = list(cleanup.reviews.order_by("id"))
    if not reviews:
        raise ValueError("清理结果为空，不能公开")
    counts = Counter(r.outcome for r in reviews)
    fields = {
        "清理名称": cleanup.title,
        "完成日期": cleanup.concluded_on,
        "保留": counts.get("retain", 0),
        "修改": counts.get("amend", 0),
        "废止": counts.get("repeal", 0),
        "文件": [f"{r.title}（{r.number}）：{r.get_outcome_display()}" for r in reviews],
    }
    cleanup.publication = publish(
        kind="价费文件清理结果",
        title=f"{cleanup.title}结果",
        org_unit=cleanup.department,
        fields=fields,
        subject=cleanup,
        actor=actor,
    )
    cleanup.save(update_fields=["publication"])
    return cleanup
