"""The annual decision catalog (决策事项目录), 重大行政决策程序暂行条例 第三条第三款: determined by
the decision body, published after the same-level party committee agrees, and adjusted as needed —
each adjustment kept with its reason and date."""

from __future__ import annotations

from django.db import models

from fazhi.core.org.scoping import RestrictedManager, Scope

from ..choices import AdjustmentAction, CatalogState, DecisionCategory


class DecisionCatalog(models.Model):
    government = models.ForeignKey(
        "org.OrgUnit", verbose_name="决策机关", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveIntegerField("年度")
    state = models.CharField(
        "状态", max_length=20, choices=CatalogState.choices, default=CatalogState.DRAFT
    )
    approved_on = models.DateField("党委同意日期", null=True, blank=True)
    approval_ref = models.CharField("党委同意文件", max_length=100, blank=True)
    published_on = models.DateField("公布日期", null=True, blank=True)
    publication = models.ForeignKey(
        "disclosure.Publication",
        verbose_name="公开记录",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    scope = Scope("owner", "government")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "重大行政决策事项目录"
        verbose_name_plural = "重大行政决策事项目录"
        ordering = ["-year", "government__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["government", "year"], name="%(app_label)s_%(class)s_unique_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.government}{self.year}年度重大行政决策事项目录"


class CatalogItem(models.Model):
    catalog = models.ForeignKey(
        DecisionCatalog, verbose_name="目录", on_delete=models.CASCADE, related_name="items"
    )
    number = models.PositiveIntegerField("序号")
    title = models.CharField("决策事项", max_length=200)
    category = models.CharField("类别", max_length=30, choices=DecisionCategory.choices)
    undertaking_unit = models.ForeignKey(
        "org.OrgUnit", verbose_name="承办单位", on_delete=models.PROTECT, related_name="+"
    )
    planned = models.CharField("计划完成时间", max_length=40, blank=True)
    # 条例 第十九条、第二十二条: whether the matter needs expert review and risk assessment is
    # settled with the catalog, so that the agenda gate knows which procedures apply.
    expert_review = models.BooleanField("需专家论证", default=True)
    risk_assessment = models.BooleanField("需风险评估", default=True)
    hearing = models.BooleanField("拟召开听证会", default=False)
    # 条例 第二十九条第一项: a draft touching market actors carries its fair-competition review.
    fair_competition = models.BooleanField("涉及市场主体经济活动", default=False)
    added_on = models.DateField("列入日期")
    cancelled_on = models.DateField("取消日期", null=True, blank=True)

    scope = Scope("owner", "catalog__government")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "决策事项"
        verbose_name_plural = "决策事项"
        ordering = ["catalog", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["catalog", "number"], name="%(app_label)s_%(class)s_unique_number"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class CatalogAdjustment(models.Model):
    """One adjustment of a published catalog (条例 第三条第三款 根据实际情况调整), with its
    reason."""

    catalog = models.ForeignKey(
        DecisionCatalog, verbose_name="目录", on_delete=models.CASCADE, related_name="adjustments"
    )
    item = models.ForeignKey(
        CatalogItem, verbose_name="决策事项", on_delete=models.PROTECT, related_name="adjustments"
    )
    action = models.CharField("调整方式", max_length=20, choices=AdjustmentAction.choices)
    on = models.DateField("调整日期")
    reason = models.TextField("调整理由")
    before = models.JSONField("调整前", default=dict, blank=True)
    after = models.JSONField("调整后", default=dict, blank=True)
    actor = models.ForeignKey(
        "org.Staff", verbose_name="经办人", null=True, on_delete=models.PROTECT, related_name="+"
    )

    scope = Scope("owner", "catalog__government")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "目录调整记录"
        verbose_name_plural = "目录调整记录"
        ordering = ["catalog", "on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(reason=""), name="%(app_label)s_%(class)s_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()}：{self.item}"
