"""Performance supervision of a reconsideration decision (行政复议法 第七十七条)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from fazhi.core.org.scoping import RestrictedManager, Scope

from ..choices import Outcome
from ..decision_choices import PerformanceState, RecordKind


class DecisionPerformance(models.Model):
    """What a decision (or 调解书) orders the respondent to do, by when, and how far it got.

    The period runs from service of the decision on the respondent (第七十五条第二款: the
    decision takes effect on service); ``due`` is computed by the clock from the period the
    decision set."""

    case = models.OneToOneField(
        "casework.Case", on_delete=models.CASCADE, related_name="decision_performance"
    )
    outcome = models.CharField("复议决定", max_length=30, choices=Outcome.choices)
    required_act = models.TextField("应当履行的内容")
    period_days = models.PositiveSmallIntegerField("履行期限（日）")
    decision_document = models.ForeignKey(
        "casework.Document",
        verbose_name="决定书",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    served_on = models.DateField("送达被申请人日期", null=True, blank=True)
    due = models.DateField("履行期限届满日", null=True, blank=True, db_index=True)
    state = models.CharField(
        "履行状态",
        max_length=20,
        choices=PerformanceState.choices,
        default=PerformanceState.AWAITING,
    )
    completed_on = models.DateField("履行完毕日期", null=True, blank=True)
    # The due date the last reminder was about: one reminder per due date (a new order to
    # perform sets a new one).
    reminded_due = models.DateField("已提醒的届满日", null=True, blank=True)

    scope = Scope("participants", "case")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "复议决定履行监督"
        verbose_name_plural = "复议决定履行监督"
        ordering = ["due", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(completed_on__isnull=True)
                | models.Q(state=PerformanceState.COMPLETED),
                name="%(app_label)s_%(class)s_completed_in_state",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case}：{self.get_state_display()}"

    @property
    def late(self) -> bool:
        """Completed after the due date, or still open past it (as of the completion)."""
        from django.utils import timezone

        if self.due is None:
            return False
        end = self.completed_on or timezone.localdate()
        return end > self.due


class PerformanceRecord(models.Model):
    """The record of supervision: the respondent's reports, the reminders, the orders."""

    performance = models.ForeignKey(
        DecisionPerformance, on_delete=models.CASCADE, related_name="records"
    )
    kind = models.CharField("类型", max_length=20, choices=RecordKind.choices)
    on = models.DateField("日期")
    content = models.TextField("内容")
    completed = models.BooleanField("报告履行完毕", default=False)
    new_due = models.DateField("责令履行的新期限", null=True, blank=True)
    document = models.ForeignKey(
        "casework.Document",
        verbose_name="材料",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="经办人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    scope = Scope("participants", "performance.case")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "履行监督记录"
        verbose_name_plural = "履行监督记录"
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.on}"
