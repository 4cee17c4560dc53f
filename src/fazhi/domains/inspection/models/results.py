"""Doing the inspection: one department's task on one drawn entity (a casework case of kind
``inspection`` on the assigned inspectors' workbench), its findings with photos and their
digests, the result in the national categories, what a violation led to (an enforcement case or
a referral), and the result's publication against its 20-working-day deadline."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from fazhi.core.org.models import Entity, Officer, OrgUnit
from fazhi.core.org.scoping import RestrictedManager, Scope

from ..campaign_choices import FollowUp, ResultCategory


class InspectionTask(models.Model):
    """抽查检查任务: the detail of an ``inspection`` case. A joint campaign's target has one task
    per department (each with its own items and its own drawn team), all on one visit."""

    case = models.OneToOneField(
        "casework.Case", on_delete=models.CASCADE, related_name="inspection_task"
    )
    target = models.ForeignKey(
        "inspection.Target", verbose_name="抽查对象", on_delete=models.PROTECT, related_name="tasks"
    )
    # Copied from the target so that burden and repeat queries need no join through the draw.
    entity = models.ForeignKey(
        Entity, verbose_name="检查对象", on_delete=models.PROTECT, related_name="inspection_tasks"
    )
    department = models.ForeignKey(
        OrgUnit, verbose_name="检查部门", on_delete=models.PROTECT, related_name="+"
    )
    items = models.ManyToManyField(
        "inspection.CheckItem", verbose_name="抽查事项", related_name="tasks"
    )
    inspectors = models.ManyToManyField(
        Officer, verbose_name="检查人员", related_name="inspection_tasks"
    )
    assigned_on = models.DateField("派发日期")
    ended_on = models.DateField("检查结束日期", null=True, blank=True, db_index=True)
    category = models.CharField(
        "检查结果", max_length=20, choices=ResultCategory.choices, blank=True, db_index=True
    )
    note = models.TextField("结果说明", blank=True)
    recorded_by = models.ForeignKey(
        Officer,
        verbose_name="录入人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    confirmed_by = models.ForeignKey(
        Officer,
        verbose_name="确认人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    confirmed_on = models.DateField("确认日期", null=True, blank=True)
    # What a violation led to.
    follow_up = models.CharField("后续处理", max_length=20, choices=FollowUp.choices, blank=True)
    enforcement_case = models.ForeignKey(
        "casework.Case",
        verbose_name="立案查处案件",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="opened_by_inspection",
    )
    referred_to = models.ForeignKey(
        OrgUnit,
        verbose_name="移送机关",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    referral_reason = models.CharField("移送理由", max_length=300, blank=True)
    # Publication (国发〔2019〕5号: 20 working days from the end of the inspection).
    due_on = models.DateField("公示期限", null=True, blank=True, db_index=True)
    published_on = models.DateField("公示日期", null=True, blank=True, db_index=True)
    publication = models.ForeignKey(
        "disclosure.Publication",
        verbose_name="公示记录",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    scope = Scope("participants", "case")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "抽查检查任务"
        verbose_name_plural = "抽查检查任务"
        ordering = ["-assigned_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["target", "department"], name="%(app_label)s_%(class)s_one_per_department"
            ),
            models.CheckConstraint(
                condition=~Q(category=ResultCategory.VIOLATION)
                | ~Q(follow_up="")
                | Q(confirmed_on__isnull=True),
                name="%(app_label)s_%(class)s_violation_followed_up",
            ),
        ]
        indexes = [models.Index(fields=["entity", "ended_on"])]

    def __str__(self) -> str:
        return f"{self.entity} · {self.department}"

    @property
    def days_late(self) -> int | None:
        """Calendar days past the deadline (0 on time); None until published or due."""
        if self.due_on is None or self.published_on is None:
            return None
        return max(0, (self.published_on - self.due_on).days)


class Finding(models.Model):
    """What the inspectors found on one check item (or generally), with its photos."""

    task = models.ForeignKey(InspectionTask, on_delete=models.CASCADE, related_name="findings")
    item = models.ForeignKey(
        "inspection.CheckItem",
        verbose_name="抽查事项",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    compliant = models.BooleanField("符合要求", default=True)
    text = models.TextField("检查情况", blank=True)
    recorded_on = models.DateField("记录日期")

    scope = Scope("participants", "task__case")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "检查情况"
        verbose_name_plural = "检查情况"
        ordering = ["task_id", "id"]

    def __str__(self) -> str:
        return self.text[:40]


class FindingPhoto(models.Model):
    """A photo of a finding: the file is a casework ``Document`` (stored once, SHA-256 kept)."""

    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="photos")
    document = models.ForeignKey("casework.Document", on_delete=models.PROTECT, related_name="+")
    sha256 = models.CharField("SHA-256", max_length=64)
    taken_on = models.DateField("拍摄日期")

    scope = Scope("participants", "finding__task__case")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "现场照片"
        verbose_name_plural = "现场照片"
        ordering = ["finding_id", "id"]

    def __str__(self) -> str:
        return self.sha256[:12]
