"""全过程记录 (行政处罚法 第四十七条): the evidence files of a case, each linked to the act it
records; law-enforcement recorder footage (执法记录仪) with its device and recording time."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from fazhi.core.casework.models import EventQuerySet
from fazhi.core.integrity.appendonly import AppendOnlyModel
from fazhi.core.org.scoping import Scope

from ..choices import EvidenceKind


class Evidence(AppendOnlyModel):
    """One evidence file: kept in the document store with its SHA-256 (the documents stream
    checks the file), and recorded here once, complete — the act it records, what it is, and
    for recorder footage the device and the moment it was recorded (sealed as the
    ``enforcement_evidence`` stream)."""

    case = models.ForeignKey(
        "casework.Case", on_delete=models.PROTECT, related_name="evidence", verbose_name="案件"
    )
    # The act recorded (立案、调查、检查、送达 … or a coercive measure's act).
    event = models.ForeignKey(
        "casework.Event",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="所记录的执法行为",
    )
    document = models.ForeignKey(
        "casework.Document", on_delete=models.PROTECT, related_name="+", verbose_name="文件"
    )
    kind = models.CharField("类别", max_length=20, choices=EvidenceKind.choices)
    # The digest as recorded with the evidence: sealed with this row, so a file replaced and
    # its document row rewritten still disagrees with the sealed evidence.
    sha256 = models.CharField("SHA-256", max_length=64)
    description = models.CharField("说明", max_length=300, blank=True)
    device_id = models.CharField("执法记录仪编号", max_length=60, blank=True)
    recorded_at = models.DateTimeField("录制时间", null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField("登记时间", default=timezone.now, db_index=True)

    scope = Scope("participants", "case")
    objects = models.Manager.from_queryset(EventQuerySet)()

    class Meta:
        verbose_name = "全过程记录证据"
        verbose_name_plural = "全过程记录证据"
        ordering = ["at", "id"]
        constraints = [
            # Recorder footage names its device and when it was recorded.
            models.CheckConstraint(
                condition=~models.Q(kind="recorder")
                | (~models.Q(device_id="") & models.Q(recorded_at__isnull=False)),
                name="%(app_label)s_%(class)s_recorder_has_device_and_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.description}".strip()
