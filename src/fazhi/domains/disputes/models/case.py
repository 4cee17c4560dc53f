"""The reconsideration case: the detail of a casework ``Case`` of kind ``reconsideration``."""

from __future__ import annotations

from typing import Any

from django.db import models

from fazhi.core.org.scoping import RestrictedManager, Scope

from ..choices import Outcome, ProceduralEnd, Procedure, SuspensionGround, TerminationReason


class ReconsiderationCase(models.Model):
    case = models.OneToOneField(
        "casework.Case", on_delete=models.CASCADE, related_name="reconsideration"
    )
    # The act complained of, as the applicant describes it. When it is an enforcement case
    # handled in Fazhi, a casework link (kind ``reviews``) ties the two cases.
    act_complained = models.TextField("被申请复议的行政行为")
    # 行政复议法 第二十条: the 60-day window runs from when the applicant knew of the act.
    knew_on = models.DateField("申请人知道该行政行为之日")
    procedure = models.CharField(
        "程序", max_length=20, choices=Procedure.choices, default=Procedure.ORDINARY
    )
    # 受理 by the handler or by the law (视为受理, 第三十条第三款; 1999年法第十七条第二款): the
    # day the decision clock runs from.
    accepted_on = models.DateField("受理日期", null=True, blank=True)
    # 中止 (第三十九条): set while the case is suspended; past suspensions are on the record.
    suspension_ground = models.CharField(
        "中止情形", max_length=30, choices=SuspensionGround.choices, blank=True
    )
    suspended_on = models.DateField("中止日期", null=True, blank=True)
    # 和解 (第七十四条): the day the parties settled; the case then ends by withdrawal.
    settled_on = models.DateField("和解日期", null=True, blank=True)
    # A decision on the merits and a procedural end are exclusive (the constraint below).
    outcome = models.CharField("复议决定", max_length=30, choices=Outcome.choices, blank=True)
    procedural_end = models.CharField(
        "程序性结束", max_length=30, choices=ProceduralEnd.choices, blank=True
    )
    termination_reason = models.CharField(
        "终止理由", max_length=30, choices=TerminationReason.choices, blank=True
    )
    end_reasons = models.TextField("理由", blank=True)
    ended_on = models.DateField("结束日期", null=True, blank=True)

    scope = Scope("participants", "case")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "行政复议案件"
        verbose_name_plural = "行政复议案件"
        ordering = ["-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(outcome="") | models.Q(procedural_end=""),
                name="%(app_label)s_%(class)s_one_end",
            ),
            models.CheckConstraint(
                condition=models.Q(termination_reason="")
                | models.Q(procedural_end=ProceduralEnd.TERMINATED),
                name="%(app_label)s_%(class)s_reason_only_terminated",
            ),
            models.CheckConstraint(
                condition=models.Q(suspension_ground="", suspended_on__isnull=True)
                | (~models.Q(suspension_ground="") & models.Q(suspended_on__isnull=False)),
                name="%(app_label)s_%(class)s_suspension_dated",
            ),
        ]

    def __str__(self) -> str:
        return str(self.case)

    def respondent(self) -> Any:
        """The department whose act is complained of (a participant with role respondent)."""
        row = self.case.participants.filter(role="respondent").select_related("org_unit").first()
        return row.org_unit if row else None
