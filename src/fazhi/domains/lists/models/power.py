"""权责清单: power items, their versions, and the service guides generated from them."""

from __future__ import annotations

from typing import Any

from django.db import models

from fazhi.core.org.scoping import RestrictedManager, Scope

from ..choices import ON_APPLICATION_KINDS, POWER_KIND_CODE, MaterialSource, PowerKind
from .base import CatalogItem, ItemVersion, published_or_owned


class PowerItem(CatalogItem):
    """权力事项: one power a department holds, under a stable code like 420700-SCJG-XK-0001."""

    kind = models.CharField("事项类型", max_length=20, choices=PowerKind.choices, db_index=True)

    content_fields = (
        "kind",
        "responsibility",
        "accountability",
        "steps",
        "statutory_limit",
        "promised_limit",
        "restricts_market_access",
        "negative_entry",
    )

    class Meta(CatalogItem.Meta):
        verbose_name = "权力事项"
        verbose_name_plural = "权责清单"
        indexes = [models.Index(fields=["department", "kind", "state"])]

    def letters(self) -> str:
        return POWER_KIND_CODE[self.kind]

    @property
    def on_application(self) -> bool:
        return self.kind in ON_APPLICATION_KINDS


class PowerItemVersion(ItemVersion):
    item = models.ForeignKey(PowerItem, on_delete=models.CASCADE, related_name="versions")
    kind = models.CharField("事项类型", max_length=20, choices=PowerKind.choices)
    responsibility = models.TextField("责任事项", blank=True)
    accountability = models.TextField("追责情形及依据", blank=True)
    # The declared procedure: [{"name": "受理", "actor": "窗口", "limit": "1个工作日"}, …].
    # The flowchart is drawn from these steps, never by hand.
    steps = models.JSONField("办理流程", default=list, blank=True)
    statutory_limit = models.PositiveSmallIntegerField(
        "法定办结时限（工作日）", null=True, blank=True
    )
    promised_limit = models.PositiveSmallIntegerField(
        "承诺办结时限（工作日）", null=True, blank=True
    )
    restricts_market_access = models.BooleanField("涉及市场准入", default=False)
    negative_entry = models.ForeignKey(
        "lists.NegativeListItem",
        verbose_name="对应负面清单事项",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="power_versions",
    )

    class Meta(ItemVersion.Meta):
        verbose_name = "权力事项版本"
        verbose_name_plural = "权力事项版本"

    def needs_access_review(self) -> bool:
        """A licensing item restricting market access must rest on the negative list or a law."""
        return (
            self.kind == PowerKind.LICENSING
            and self.restricts_market_access
            and self.negative_entry_id is None
            and not self.legal_basis.strip()
        )


PowerItem.version_model = PowerItemVersion


class ServiceGuide(models.Model):
    """办事指南 for one handling sub-item (办理项) of an item applied for.

    Only what is particular to the sub-item is stored here; department, legal basis, statutory
    limit, steps and remedies are read from the item's current version each time, so a change to
    the item shows in all its guides (同源发布).
    """

    power_item = models.ForeignKey(PowerItem, on_delete=models.CASCADE, related_name="guides")
    code = models.CharField("指南编码", max_length=50, unique=True)
    sub_item = models.CharField("办理项", max_length=300)
    conditions = models.TextField("受理条件", blank=True)
    where = models.CharField("办理地点", max_length=300, blank=True)
    online = models.BooleanField("可网上办理", default=True)
    trips = models.PositiveSmallIntegerField("到现场次数", default=0)
    promised_limit = models.PositiveSmallIntegerField("承诺时限（工作日）", null=True, blank=True)
    fee_items = models.ManyToManyField("lists.FeeItem", verbose_name="收费项目", blank=True)
    fee_note = models.CharField("收费说明", max_length=200, blank=True, default="不收费")
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    scope = Scope(
        "public", custom=published_or_owned("power_item__department", "power_item__state")
    )
    objects = RestrictedManager()

    class Meta:
        verbose_name = "办事指南"
        verbose_name_plural = "办事指南"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.sub_item}"

    def source(self) -> Any:
        return self.power_item.current_version()


class GuideMaterial(models.Model):
    """申请材料, each with its source: the applicant, the e-licence library, a commitment."""

    guide = models.ForeignKey(ServiceGuide, on_delete=models.CASCADE, related_name="materials")
    order = models.PositiveSmallIntegerField("序号", default=1)
    name = models.CharField("材料名称", max_length=300)
    source = models.CharField(
        "来源", max_length=20, choices=MaterialSource.choices, default=MaterialSource.APPLICANT
    )
    required = models.BooleanField("必须", default=True)
    copies = models.PositiveSmallIntegerField("份数", default=1)
    proof = models.ForeignKey(
        "lists.ProofRequirement",
        verbose_name="证明事项",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="materials",
    )
    # Materials cut in the 2019 减证便民 cleanup stay on record, marked with the date.
    cut_on = models.DateField("精减日期", null=True, blank=True)

    scope = Scope(
        "public",
        custom=published_or_owned("guide__power_item__department", "guide__power_item__state"),
    )
    objects = RestrictedManager()

    class Meta:
        verbose_name = "申请材料"
        verbose_name_plural = "申请材料"
        ordering = ["guide", "order"]

    def __str__(self) -> str:
        return self.name
