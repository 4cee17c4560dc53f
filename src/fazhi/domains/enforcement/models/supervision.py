"""Supervision of enforcement by the justice bureau: opinions and decisions (行政执法监督意见书 /
决定书) to a department, and special campaigns (专项治理 / 专项整治)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from fazhi.core.org.scoping import RestrictedManager, Scope

from ..choices import SupervisionKind


class SupervisionOpinion(models.Model):
    """The detail of a casework case of kind ``supervision``: the justice bureau owns it, the
    department supervised takes part as respondent and must reply by the declared period."""

    case = models.OneToOneField(
        "casework.Case", on_delete=models.CASCADE, related_name="supervision_opinion"
    )
    kind = models.CharField("文书种类", max_length=20, choices=SupervisionKind.choices)
    department = models.ForeignKey(
        "org.OrgUnit", verbose_name="被监督部门", on_delete=models.PROTECT, related_name="+"
    )
    # The enforcement case the opinion concerns, if it concerns one.
    subject_case = models.ForeignKey(
        "casework.Case",
        verbose_name="所涉案件",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    findings = models.TextField("监督发现的问题")
    requirements = models.TextField("监督意见（整改要求）")
    reply = models.TextField("整改回复", blank=True)

    scope = Scope("participants", "case")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "行政执法监督意见书/决定书"
        verbose_name_plural = "行政执法监督意见书/决定书"
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.case.number or self.case.title}"


class Campaign(models.Model):
    """A special campaign: a topic and a period, run by an organising department."""

    organiser = models.ForeignKey(
        "org.OrgUnit", verbose_name="组织部门", on_delete=models.PROTECT, related_name="+"
    )
    topic = models.CharField("专项治理主题", max_length=200)
    field = models.CharField("执法领域", max_length=60)
    started_on = models.DateField("开始日期")
    ended_on = models.DateField("结束日期", null=True, blank=True)
    description = models.TextField("工作内容", blank=True)
    cases = models.ManyToManyField(
        "casework.Case", verbose_name="所涉案件", blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    scope = Scope("owner", "organiser")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "专项治理"
        verbose_name_plural = "专项治理"
        ordering = ["-started_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organiser", "topic", "started_on"],
                name="%(app_label)s_%(class)s_unique_topic",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="%(app_label)s_%(class)s_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.topic


class CampaignProblem(models.Model):
    """A problem a campaign found (in a matter or a case), what became of it: rectified, the
    persons dealt with, and whether it was exposed (published through the disclosure gate)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="problems")
    matter = models.CharField("事项", max_length=200)
    department = models.ForeignKey(
        "org.OrgUnit",
        verbose_name="责任单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    case = models.ForeignKey(
        "casework.Case",
        verbose_name="所涉案件",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    description = models.TextField("问题描述")
    found_on = models.DateField("发现日期")
    rectified_on = models.DateField("整改完成日期", null=True, blank=True)
    persons_dealt_with = models.PositiveIntegerField("处理人数", default=0)
    publication = models.OneToOneField(
        "disclosure.Publication",
        verbose_name="曝光",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    scope = Scope("owner", "campaign__organiser")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "专项治理问题"
        verbose_name_plural = "专项治理问题"
        ordering = ["campaign", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rectified_on__isnull=True)
                | models.Q(rectified_on__gte=models.F("found_on")),
                name="%(app_label)s_%(class)s_rectified_after_found",
            ),
        ]

    def __str__(self) -> str:
        return self.description[:60]
