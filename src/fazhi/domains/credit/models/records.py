"""信用记录: one piece of credit information about one entity, from the record that made it (an
inspection result, a penalty decision, a licence, a broken notify-commit commitment), with the
department that recognised it (认定单位), the date of the recognising document (文书认定日), its
publication and the minimum and maximum publication periods of the credit rules in force on that
date (``periods.py``)."""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Q

from fazhi.core.org.models import Entity, OrgUnit
from fazhi.core.org.scoping import RestrictedManager, Scope

from ..choices import RECORD_TRANSITIONS, Nature, RecordState, Severity, SourceKind


class CreditRecord(models.Model):
    entity = models.ForeignKey(
        Entity, verbose_name="市场主体", on_delete=models.PROTECT, related_name="credit_records"
    )
    nature = models.CharField(
        "信息性质", max_length=10, choices=Nature.choices, default=Nature.ADVERSE
    )
    source_kind = models.CharField("信息来源", max_length=20, choices=SourceKind.choices)
    # The source record (``app_label.model:pk``), so that a source makes one record only.
    source_ref = models.CharField("来源记录", max_length=120, blank=True)
    case = models.ForeignKey(
        "casework.Case",
        verbose_name="来源案件",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="credit_records",
    )
    source_publication = models.ForeignKey(
        "disclosure.Publication",
        verbose_name="来源公开记录",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The publication that carries this record to the public and the credit platforms: the
    # penalty decision's own; for a campaign's results (many entities in one record) and for
    # records entered here, the record's own (``records.publish_record``).
    publication = models.ForeignKey(
        "disclosure.Publication",
        verbose_name="公示记录",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    severity = models.CharField(
        "失信程度", max_length=10, choices=Severity.choices, blank=True, db_index=True
    )
    department = models.ForeignKey(
        OrgUnit, verbose_name="认定单位", on_delete=models.PROTECT, related_name="+"
    )
    document_no = models.CharField("认定文书文号", max_length=80, blank=True)
    recognised_on = models.DateField("文书认定日")
    published_from = models.DateField("公示起始日")
    earliest_repair = models.DateField("最短公示期届满日", null=True, blank=True)
    publish_until = models.DateField("最长公示期届满日", db_index=True)
    period_basis = models.CharField("公示期限依据", max_length=200)
    period_note = models.CharField("公示期限说明", max_length=300, blank=True)
    summary = models.TextField("失信行为（信息内容）")
    basis = models.CharField("认定依据", max_length=300, blank=True)
    state = models.CharField(
        "状态",
        max_length=20,
        choices=RecordState.choices,
        default=RecordState.PUBLISHED,
        db_index=True,
    )
    ended_on = models.DateField("停止公示日期", null=True, blank=True)
    end_reason = models.CharField("停止公示理由", max_length=300, blank=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    scope = Scope("owner", "department")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "信用记录"
        verbose_name_plural = "信用记录"
        ordering = ["-recognised_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_ref"],
                condition=~Q(source_ref=""),
                name="%(app_label)s_%(class)s_one_per_source",
            ),
            models.CheckConstraint(
                condition=Q(nature=Nature.GOOD) | ~Q(severity=""),
                name="%(app_label)s_%(class)s_adverse_has_severity",
            ),
            models.CheckConstraint(
                condition=Q(publish_until__gte=models.F("recognised_on")),
                name="%(app_label)s_%(class)s_until_after_recognition",
            ),
        ]
        indexes = [models.Index(fields=["entity", "state"])]

    def __str__(self) -> str:
        return f"{self.entity} {self.get_source_kind_display()} {self.recognised_on}"

    def can_become(self, state: str) -> bool:
        return state in RECORD_TRANSITIONS[self.state]

    def in_force_on(self, on: date) -> bool:
        """Published on ``on``: recognised by then, not ended before, not past its longest
        period (the record ends on ``publish_until`` itself: the last day shown)."""
        if self.recognised_on > on or self.publish_until < on:
            return False
        return self.ended_on is None or self.ended_on > on
