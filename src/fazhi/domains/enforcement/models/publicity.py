"""执法公示: the publication rules per sector as dated data, and each department's sector.

The rules ship in ``publicity_rules.yaml`` (versioned with the code, each with its basis and
the date it took effect) and are loaded into ``PublicationRule`` after every migration, so an
administrator sees them, and a province may add its own rows, without a code change.
"""

from __future__ import annotations

from datetime import date

from django.db import models

from fazhi.core.org.scoping import RestrictedManager, Scope


class Sector(models.TextChoices):
    """The enforcement sectors whose publication rules differ."""

    GENERAL = "", "通用（各领域）"
    MARKET = "market", "市场监管"
    ECOLOGY = "ecology", "生态环境"
    TRANSPORT = "transport", "交通运输"
    PUBLIC_SECURITY = "public_security", "公安"
    URBAN = "urban", "城市管理"
    COMPREHENSIVE = "comprehensive", "综合行政执法"
    OTHER = "other", "其他"


class DecisionKind(models.TextChoices):
    PENALTY = "penalty", "行政处罚决定"
    LICENSING = "licensing", "行政许可决定"


class PublicationRule(models.Model):
    """Which decisions of a sector must be published, where, within which period, from when.

    The rule in force on the decision date applies: for the department's sector its own rules,
    and the general rules (``sector`` empty) it does not supersede.
    """

    code = models.CharField("规则代码", max_length=40)
    name = models.CharField("名称", max_length=100)
    sector = models.CharField(
        "领域", max_length=20, choices=Sector.choices, blank=True, default=Sector.GENERAL
    )
    decision_kind = models.CharField("决定种类", max_length=20, choices=DecisionKind.choices)
    # 行政处罚法 第四十八条: 具有一定社会影响的决定 — which decisions the rule counts as such.
    social_impact = models.CharField("公开范围（具有一定社会影响的决定）", max_length=300)
    procedures = models.JSONField("适用程序", default=list, blank=True)
    excluded_penalty_types = models.JSONField("不予公开的处罚种类", default=list, blank=True)
    # A statutory period (fazhi.core.clock.statutes) from the decision date.
    period_key = models.CharField("公开期限（法定期间代码）", max_length=60)
    # Outside systems that receive the record through the outbox (disclosure.Channel values).
    targets = models.JSONField("推送系统", default=list, blank=True)
    # General rules replaced, in this sector, by this one while it is in force.
    supersedes = models.JSONField("替代的通用规则", default=list, blank=True)
    valid_from = models.DateField("施行日期")
    valid_until = models.DateField("废止日期（最后一日）", null=True, blank=True)
    basis = models.CharField("依据", max_length=300)

    scope = Scope("public")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "执法公示规则"
        verbose_name_plural = "执法公示规则"
        ordering = ["sector", "code", "valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "sector", "valid_from"],
                name="%(app_label)s_%(class)s_unique_version",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_sector_display()}，{self.valid_from.isoformat()} 起）"

    def in_force_on(self, on: date) -> bool:
        return self.valid_from <= on and (self.valid_until is None or on <= self.valid_until)


class DepartmentSector(models.Model):
    """The sector of an enforcing department, where its name does not say it plainly."""

    department = models.OneToOneField(
        "org.OrgUnit",
        verbose_name="执法主体",
        on_delete=models.CASCADE,
        related_name="enforcement_sector",
    )
    sector = models.CharField("领域", max_length=20, choices=Sector.choices)

    scope = Scope("public")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "执法主体所属领域"
        verbose_name_plural = "执法主体所属领域"

    def __str__(self) -> str:
        return f"{self.department}：{self.get_sector_display()}"
