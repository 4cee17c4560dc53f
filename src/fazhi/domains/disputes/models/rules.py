"""The reconsideration committee's documents of procedure, each version with its dates."""

from __future__ import annotations

from django.db import models

from fazhi.core.org.scoping import RestrictedManager, Scope

from ..decision_choices import RuleKind


class CommitteeRule(models.Model):
    """One document (工作规程, 议事规则, 听证规则 …) of a reconsideration committee."""

    owner = models.ForeignKey(
        "org.OrgUnit", verbose_name="制定机关", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField("类别", max_length=20, choices=RuleKind.choices)
    title = models.CharField("名称", max_length=200)

    scope = Scope("public")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "行政复议委员会制度"
        verbose_name_plural = "行政复议委员会制度"
        ordering = ["owner", "id"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "title"], name="%(app_label)s_%(class)s_once"),
        ]

    def __str__(self) -> str:
        return self.title

    def version_on(self, on: object) -> CommitteeRuleVersion | None:
        """The version in force on ``on`` (the latest effective on or before it)."""
        return self.versions.filter(effective_on__lte=on).order_by("-effective_on").first()

    def current(self) -> CommitteeRuleVersion | None:
        from django.utils import timezone

        return self.version_on(timezone.localdate())


class CommitteeRuleVersion(models.Model):
    rule = models.ForeignKey(CommitteeRule, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField("版本")
    adopted_on = models.DateField("通过日期")
    effective_on = models.DateField("施行日期")
    text = models.TextField("正文")
    note = models.CharField("修订说明", max_length=300, blank=True)

    scope = Scope("public")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "制度版本"
        verbose_name_plural = "制度版本"
        ordering = ["rule", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "number"], name="%(app_label)s_%(class)s_number_once"
            ),
            models.CheckConstraint(
                condition=models.Q(effective_on__gte=models.F("adopted_on")),
                name="%(app_label)s_%(class)s_effective_after_adoption",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rule}（第{self.number}版，{self.effective_on}施行）"

    @property
    def revision(self) -> bool:
        return self.number > 1
