"""Urban-management matters (城管事项) and overload-station checks (治超检测)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from fazhi.core.org.scoping import RestrictedManager, Scope

from ..city_choices import MatterKind, Resolution


class UrbanMatter(models.Model):
    """One matter found by urban management (a shop occupying the street, a sign put up without
    permission …) and how it was resolved: by service, management or enforcement (721)."""

    department = models.ForeignKey(
        "org.OrgUnit", verbose_name="处置部门", on_delete=models.PROTECT, related_name="+"
    )
    # The number in the department's own system (数字城管): what a re-import matches on.
    record_no = models.CharField("事项编号", max_length=60)
    kind = models.CharField("事项类型", max_length=30, choices=MatterKind.choices)
    place = models.CharField("地点", max_length=200)
    region = models.ForeignKey(
        "org.Region",
        verbose_name="所在村（社区）",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    found_on = models.DateField("发现日期")
    # The special campaign (专项整治) the matter was found in, by its name; rows 49 and 52 of
    # the 2019 report are two different campaigns (docs/figures.md).
    campaign = models.CharField("所属专项整治", max_length=100, blank=True)
    area = models.DecimalField(
        "面积（平方米）", max_digits=10, decimal_places=2, null=True, blank=True
    )
    description = models.TextField("情况描述", blank=True)

    resolution = models.CharField(
        "处置方式", max_length=20, choices=Resolution.choices, default=Resolution.PENDING
    )
    resolved_on = models.DateField("处置日期", null=True, blank=True)
    # Removed (拆除 / 清除): what the report counts for structures and advertisements.
    removed = models.BooleanField("已拆除（清除）", default=False)
    resolution_note = models.CharField("处置说明", max_length=500, blank=True)
    case = models.ForeignKey(
        "casework.Case",
        verbose_name="执法案件",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="处置人",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )

    scope = Scope("owner", "department")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "城管事项"
        verbose_name_plural = "城管事项"
        ordering = ["-found_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["department", "record_no"], name="%(app_label)s_%(class)s_unique_no"
            ),
            models.CheckConstraint(
                condition=models.Q(area__isnull=True) | models.Q(area__gte=0),
                name="%(app_label)s_%(class)s_area_not_negative",
            ),
            # Resolved ⇔ dated; an enforcement resolution names its case.
            models.CheckConstraint(
                condition=(
                    models.Q(resolution=Resolution.PENDING, resolved_on__isnull=True)
                    | (
                        ~models.Q(resolution=Resolution.PENDING)
                        & models.Q(resolved_on__isnull=False)
                    )
                ),
                name="%(app_label)s_%(class)s_resolved_dated",
            ),
            models.CheckConstraint(
                condition=~models.Q(resolution=Resolution.ENFORCEMENT)
                | models.Q(case__isnull=False),
                name="%(app_label)s_%(class)s_enforcement_has_case",
            ),
        ]
        indexes = [
            models.Index(
                fields=["department", "resolved_on", "resolution"],
                name="enforcement_matter_shares",
            ),
            models.Index(fields=["kind", "found_on"], name="enforcement_matter_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.record_no} {self.get_kind_display()} {self.place}"


class OverloadCheck(models.Model):
    """One weighing of a freight vehicle at an overload station (治超站点), as the station's
    system records it: 台次 — a vehicle weighed twice is two checks."""

    department = models.ForeignKey(
        "org.OrgUnit", verbose_name="管理部门", on_delete=models.PROTECT, related_name="+"
    )
    station = models.CharField("检测站点", max_length=100)
    record_no = models.CharField("检测单号", max_length=60)
    plate = models.CharField("车牌号码", max_length=20)
    checked_at = models.DateTimeField("检测时间")
    axles = models.PositiveSmallIntegerField("轴数")
    gross_kg = models.PositiveIntegerField("车货总重（千克）")
    limit_kg = models.PositiveIntegerField("限值（千克）")
    overloaded = models.BooleanField("是否超限")

    scope = Scope("owner", "department")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "治超检测记录"
        verbose_name_plural = "治超检测记录"
        ordering = ["-checked_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["department", "record_no"], name="%(app_label)s_%(class)s_unique_no"
            ),
            models.CheckConstraint(
                condition=models.Q(axles__gte=2), name="%(app_label)s_%(class)s_two_axles"
            ),
        ]
        indexes = [
            models.Index(fields=["department", "checked_at"], name="enforcement_overload_at"),
        ]

    def __str__(self) -> str:
        return f"{self.station} {self.plate} {self.record_no}"
