"""Filing (备案): one case per (promulgated version, recipient), tracked to its receipt; and the
yearly catalogue of the rules made (每年1月31日前报上一年目录). Each is the detail of a casework
``Case`` whose steps are taken by the justice bureau's filing clerk (``filing.WORKFLOW``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

from fazhi.core.org.models import OrgUnit
from fazhi.core.org.scoping import RestrictedManager, Scope

from ..filing_choices import Recipient
from .texts import TextVersion


class Filing(models.Model):
    case = models.OneToOneField(
        "casework.Case", verbose_name="案件", on_delete=models.PROTECT, related_name="filing"
    )
    version = models.ForeignKey(
        TextVersion, verbose_name="备案文本", on_delete=models.PROTECT, related_name="filings"
    )
    recipient = models.CharField("备案机关", max_length=30, choices=Recipient.choices)
    # The article that names this recipient (立法法, the filing regulation, local rules).
    basis = models.CharField("备案依据", max_length=200)
    published_on = models.DateField("公布日期")
    due_on = models.DateField("报送期限")
    submitted_on = models.DateField("报送日期", null=True, blank=True)
    registered_on = models.DateField("登记日期", null=True, blank=True)
    deferred_on = models.DateField("暂缓登记通知日期", null=True, blank=True)
    correction_on = models.DateField("纠正通知日期", null=True, blank=True)
    # The optional materials of the package (the text itself is rendered from the version).
    explanation = models.FileField("起草说明", upload_to="filing/%Y/", blank=True)
    review_opinion = models.FileField("合法性审核意见", upload_to="filing/%Y/", blank=True)
    submissions = models.PositiveIntegerField("报送次数", default=0)

    if TYPE_CHECKING:
        case_id: int
        version_id: int

    scope = Scope("participants", "case")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "备案"
        verbose_name_plural = "备案"
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "recipient"], name="%(app_label)s_%(class)s_unique_recipient"
            ),
        ]
        indexes = [models.Index(fields=["submitted_on"], name="rulemaking_filing_submitted")]

    def __str__(self) -> str:
        return f"{self.version}报{self.get_recipient_display()}备案"

    @property
    def late_days(self) -> int:
        """Days past the filing period: of the first submission, or up to ``today`` while none."""
        from django.utils import timezone

        end = self.submitted_on or timezone.localdate()
        return max(0, end.toordinal() - self.due_on.toordinal())

    @property
    def late(self) -> bool:
        return self.late_days > 0


class FilingCatalogue(models.Model):
    """The list of the rules a government made in a year, reported by 31 January."""

    case = models.OneToOneField(
        "casework.Case", verbose_name="案件", on_delete=models.PROTECT, related_name="catalogue"
    )
    government = models.ForeignKey(
        OrgUnit, verbose_name="制定机关", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveIntegerField("年度")
    due_on = models.DateField("报送期限")
    submitted_on = models.DateField("报送日期", null=True, blank=True)
    entries = models.JSONField("目录", default=list, blank=True)

    scope = Scope("participants", "case")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "规章目录报送"
        verbose_name_plural = "规章目录报送"
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["government", "year"], name="%(app_label)s_%(class)s_unique_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.government}{self.year}年规章目录"
