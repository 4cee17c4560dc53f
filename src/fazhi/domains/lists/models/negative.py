"""市场准入负面清单: the national list, imported; the city applies it and adds nothing."""

from __future__ import annotations

from django.db import models

from ..choices import NegativeKind
from .base import CatalogItem, ItemVersion


class NegativeListItem(CatalogItem):
    """One entry of the national list, in its own wording with the industry codes it names.

    Entries do not map one-to-one to industry codes, so the codes are kept as the entry gives
    them and searched as text. The owning department is the one that applies the list locally.
    """

    kind = models.CharField("类别", max_length=20, choices=NegativeKind.choices, db_index=True)
    code_letters = "FM"
    content_fields = ("edition", "number", "kind", "measure", "industry_codes", "administering")

    class Meta(CatalogItem.Meta):
        verbose_name = "负面清单事项"
        verbose_name_plural = "市场准入负面清单"


class NegativeListItemVersion(ItemVersion):
    item = models.ForeignKey(NegativeListItem, on_delete=models.CASCADE, related_name="versions")
    edition = models.CharField("版本", max_length=40)
    number = models.CharField("事项编号", max_length=20)
    kind = models.CharField("类别", max_length=20, choices=NegativeKind.choices)
    measure = models.TextField("禁止或许可准入措施")
    industry_codes = models.CharField("涉及行业代码", max_length=300, blank=True)
    administering = models.CharField("主管部门", max_length=300, blank=True)

    class Meta(ItemVersion.Meta):
        verbose_name = "负面清单事项版本"
        verbose_name_plural = "负面清单事项版本"


NegativeListItem.version_model = NegativeListItemVersion
