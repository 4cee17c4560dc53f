"""随机抽查事项清单 (一单) as a list of the list mechanism (``lists.models.base``): versioned,
in force on a date, imported and exported in Excel, shown on the portal.

Each entry names the power item it exercises (a 行政检查 item of the department's 权责清单), its
basis, the target scope the entity pool is filtered by (industry sections, entity kinds, places;
empty means all within the department's jurisdiction), general or key (重点), the method and the
qualification code an inspector needs (``Qualification``).
"""

from __future__ import annotations

from typing import Any

from django.db import models

from fazhi.core.org.models import Entity
from fazhi.domains.lists.models import CatalogItem, ItemVersion

from ..campaign_choices import CheckMethod


class CheckItem(CatalogItem):
    """One 抽查事项 under a stable code like 420700-SCJG-CC-0001."""

    key_item = models.BooleanField("重点检查事项", default=False, db_index=True)

    code_letters = "CC"
    content_fields = (
        "power_item",
        "content",
        "industries",
        "entity_kinds",
        "places",
        "key_item",
        "method",
        "qualification",
    )

    class Meta(CatalogItem.Meta):
        verbose_name = "抽查事项"
        verbose_name_plural = "随机抽查事项清单"
        indexes = [models.Index(fields=["department", "state"])]


class CheckItemVersion(ItemVersion):
    item = models.ForeignKey(CheckItem, on_delete=models.CASCADE, related_name="versions")
    power_item = models.ForeignKey(
        "lists.PowerItem",
        verbose_name="对应权力事项（行政检查）",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="check_versions",
    )
    content = models.TextField("抽查内容", blank=True)
    # The target scope: 国民经济行业门类 letters, Entity kinds and government codes (empty: all).
    industries = models.JSONField("行业门类", default=list, blank=True)
    entity_kinds = models.JSONField("主体类型", default=list, blank=True)
    places = models.JSONField("地域范围（区划代码）", default=list, blank=True)
    key_item = models.BooleanField("重点检查事项", default=False)
    method = models.CharField(
        "检查方式", max_length=20, choices=CheckMethod.choices, default=CheckMethod.ON_SITE
    )
    qualification = models.ForeignKey(
        "inspection.Qualification",
        verbose_name="检查人员应具备的资格",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="check_versions",
    )

    class Meta(ItemVersion.Meta):
        verbose_name = "抽查事项版本"
        verbose_name_plural = "抽查事项版本"

    def scope_filter(self) -> models.Q:
        """The entities this item may be checked on (within the department's jurisdiction)."""
        q = models.Q()
        if self.industries:
            q &= models.Q(industry__in=self.industries)
        if self.entity_kinds:
            q &= models.Q(kind__in=self.entity_kinds)
        if self.places:
            q &= models.Q(region__code__in=self.places)
        return q

    def scope_text(self) -> str:
        from fazhi.core.org.choices import EntityKind, Industry

        parts = []
        parts.append(
            "、".join(str(Industry(i).label) for i in self.industries)
            if self.industries
            else "全部行业"
        )
        parts.append(
            "、".join(str(EntityKind(k).label) for k in self.entity_kinds)
            if self.entity_kinds
            else "全部主体类型"
        )
        parts.append("、".join(self.places) if self.places else "本部门辖区")
        return "；".join(parts)

    def matches(self, entity: Entity) -> bool:
        return (
            (not self.industries or entity.industry in self.industries)
            and (not self.entity_kinds or entity.kind in self.entity_kinds)
            and (not self.places or getattr(entity.region, "code", None) in self.places)
        )


CheckItem.version_model = CheckItemVersion


def describe(version: CheckItemVersion) -> dict[str, Any]:
    """The public fields of an entry (portal, export)."""
    return {
        "code": version.item.code,
        "name": version.name,
        "department": version.department.name,
        "power_item": version.power_item.name if version.power_item else "",
        "basis": version.legal_basis,
        "scope": version.scope_text(),
        "key_item": "重点" if version.key_item else "一般",
        "method": version.get_method_display(),
        "qualification": str(version.qualification) if version.qualification else "",
    }
