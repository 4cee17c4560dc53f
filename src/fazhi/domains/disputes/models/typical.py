"""Typical cases (典型案例): compiled from concluded reconsideration cases by act category."""

from __future__ import annotations

from django.db import models

from fazhi.core.org.scoping import RestrictedManager, Scope

from ..decision_choices import ActCategory


class TypicalCaseCompilation(models.Model):
    title = models.CharField("标题", max_length=200)
    year = models.PositiveSmallIntegerField("年度")
    owner = models.ForeignKey(
        "org.OrgUnit", verbose_name="编写机关", on_delete=models.PROTECT, related_name="+"
    )
    compiled_on = models.DateField("编写日期")
    document = models.ForeignKey(
        "casework.Document",
        verbose_name="Word 文本",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    publication = models.ForeignKey(
        "disclosure.Publication",
        verbose_name="公开记录",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    scope = Scope("owner", "owner")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "典型案例汇编"
        verbose_name_plural = "典型案例汇编"
        ordering = ["-year", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "year", "title"], name="%(app_label)s_%(class)s_once"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def categories(self) -> int:
        return self.entries.values("category").distinct().count()


class TypicalCase(models.Model):
    compilation = models.ForeignKey(
        TypicalCaseCompilation, on_delete=models.CASCADE, related_name="entries"
    )
    case = models.ForeignKey("casework.Case", on_delete=models.PROTECT, related_name="+")
    category = models.CharField("案件类型", max_length=30, choices=ActCategory.choices)
    heading = models.CharField("案例标题", max_length=200)
    summary = models.TextField("基本案情")
    outcome_text = models.TextField("处理结果")
    significance = models.TextField("典型意义", blank=True)
    position = models.PositiveSmallIntegerField("序号")

    scope = Scope("owner", "compilation.owner")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "典型案例"
        verbose_name_plural = "典型案例"
        ordering = ["compilation", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["compilation", "case"], name="%(app_label)s_%(class)s_case_once"
            ),
        ]

    def __str__(self) -> str:
        return self.heading
