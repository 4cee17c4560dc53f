"""抽查计划 (一表) and its rules (一细则) as plan settings.

A department's plan lists the year's campaigns (``PlanEntry``); a joint entry names partner
departments whose items are checked in the same visit (联合抽查, 进一次门、查多项事). The rules are
the plan's settings: the risk-classification scheme and the per-mille ratio per class (defaults per
province, ``rules.default_ratios``), the team size (at least two certified officers), the
no-repeat window, the yearly cap on inspections of one enterprise, the publication period and the
optional "not in the officer's own grid" rule. The plan is public once published (through the
disclosure gate); the targets are not, until their results are.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from fazhi.core.org.models import OrgUnit
from fazhi.core.org.scoping import Action, RestrictedManager, Scope, visible_unit_ids

from ..campaign_choices import PlanState


def _published_or_owned(department: str, state: str) -> Any:
    def rule(user: Any, action: Action) -> Q:
        own = Q(**{f"{department}__in": visible_unit_ids(user, action)})
        if action != "view":
            return own
        return own | Q(**{state: PlanState.PUBLISHED})

    return rule


class InspectionPlan(models.Model):
    department = models.ForeignKey(
        OrgUnit, verbose_name="部门", on_delete=models.PROTECT, related_name="inspection_plans"
    )
    year = models.PositiveSmallIntegerField("年度")
    title = models.CharField("名称", max_length=200)
    state = models.CharField(
        "状态", max_length=20, choices=PlanState.choices, default=PlanState.DRAFT, db_index=True
    )
    # 一细则: the rules every campaign of the plan follows.
    scheme = models.CharField("信用风险分类体系", max_length=40, default="市场监管")
    ratios = models.JSONField("各类抽查比例（‰）", default=dict)
    team_size = models.PositiveSmallIntegerField("每组检查人员数", default=2)
    no_repeat_days = models.PositiveSmallIntegerField("不重复抽查间隔（日）", default=365)
    yearly_cap = models.PositiveSmallIntegerField("同一企业年度检查次数上限", default=2)
    publication_workdays = models.PositiveSmallIntegerField("结果公示期限（工作日）", default=20)
    exclude_own_grid = models.BooleanField("不得抽派本网格执法人员", default=False)
    basis = models.CharField(
        "依据",
        max_length=300,
        default="国发〔2019〕5号；国办发〔2024〕54号",
    )
    filed_on = models.DateField("报备日期", null=True, blank=True)
    published_on = models.DateField("公布日期", null=True, blank=True)
    publication = models.ForeignKey(
        "disclosure.Publication",
        verbose_name="公布记录",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    scope = Scope("public", custom=_published_or_owned("department", "state"))
    objects = RestrictedManager()

    class Meta:
        verbose_name = "抽查计划"
        verbose_name_plural = "抽查计划"
        ordering = ["-year", "department_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["department", "year"], name="%(app_label)s_%(class)s_unique_year"
            ),
            # 国发〔2019〕5号 and 行政处罚法 第四十二条: at least two officers per inspection act.
            models.CheckConstraint(
                condition=Q(team_size__gte=2), name="%(app_label)s_%(class)s_team_of_two"
            ),
            # The plan may promise less than the statutory 20 working days, never more.
            models.CheckConstraint(
                condition=Q(publication_workdays__gte=1, publication_workdays__lte=20),
                name="%(app_label)s_%(class)s_publication_within_statute",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class PlanEntry(models.Model):
    """One campaign of the plan (抽查任务 as planned); the draw's ``Campaign`` carries it out."""

    plan = models.ForeignKey(
        InspectionPlan, verbose_name="抽查计划", on_delete=models.CASCADE, related_name="entries"
    )
    seq = models.PositiveSmallIntegerField("序号")
    name = models.CharField("任务名称", max_length=200)
    items = models.ManyToManyField(
        "inspection.CheckItem", verbose_name="抽查事项", related_name="plan_entries"
    )
    partners = models.ManyToManyField(
        OrgUnit, verbose_name="联合抽查部门", blank=True, related_name="joint_plan_entries"
    )
    starts_on = models.DateField("计划开始")
    ends_on = models.DateField("计划结束")
    # The campaign may narrow its items' scope (a place, a trade, a kind of entity: 专项抽查).
    industries = models.JSONField("行业门类（空则按事项）", default=list, blank=True)
    entity_kinds = models.JSONField("主体类型（空则按事项）", default=list, blank=True)
    places = models.JSONField("地域范围（空则按事项）", default=list, blank=True)
    # Overrides of the plan's ratios for this campaign (empty: the plan's).
    ratios = models.JSONField("抽查比例（‰，空则按计划）", default=dict, blank=True)
    # The draw that carried the entry out (the draw's model stays as it is: the link is here).
    campaign = models.OneToOneField(
        "inspection.Campaign",
        verbose_name="抽查任务（抽取）",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plan_entry",
    )

    scope = Scope("public", custom=_published_or_owned("plan__department", "plan__state"))
    objects = RestrictedManager()

    class Meta:
        verbose_name = "计划抽查任务"
        verbose_name_plural = "计划抽查任务"
        ordering = ["plan_id", "seq"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "seq"], name="%(app_label)s_%(class)s_unique_seq"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="%(app_label)s_%(class)s_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan.year}-{self.seq:03d} {self.name}"

    @property
    def joint(self) -> bool:
        return self.partners.exists()

    def effective_ratios(self) -> dict[str, int]:
        return dict(self.ratios or self.plan.ratios)
