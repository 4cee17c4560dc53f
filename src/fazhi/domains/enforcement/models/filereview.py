"""Case-file review (案卷评查) by the justice bureau: the exercise, its versioned checklist, the
files it drew per department, their scores and the problems found.

Each department's part of an exercise is a casework ``Case`` (kind ``file_review``) owned by the
justice bureau with the department taking part as respondent: the results are shared through
those two participants (the department sees its own, the justice bureau all, another department
none), and the rectification runs as its steps with a deadline on that case.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from fazhi.core.org.scoping import RestrictedManager, Scope


class Checklist(models.Model):
    """A scoring standard (评查标准) of a justice bureau; its items live in versions."""

    name = models.CharField("评查标准", max_length=200, unique=True)
    owner_unit = models.ForeignKey(
        "org.OrgUnit", verbose_name="制定机关", on_delete=models.PROTECT, related_name="+"
    )

    scope = Scope("reference")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "案卷评查标准"
        verbose_name_plural = "案卷评查标准"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def version_on(self, on: object) -> ChecklistVersion | None:
        """The version in force on ``on`` (the latest taking effect on or before it)."""
        return self.versions.filter(valid_from__lte=on).order_by("-valid_from").first()


class ChecklistVersion(models.Model):
    """One version of a checklist. A version is never edited once a file was scored against
    it: a change is a new version, so past scores keep the items they were given under."""

    checklist = models.ForeignKey(Checklist, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField("版本号")
    valid_from = models.DateField("施行日期")
    note = models.CharField("修订说明", max_length=200, blank=True)

    scope = Scope("reference")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "评查标准版本"
        verbose_name_plural = "评查标准版本"
        ordering = ["checklist", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["checklist", "number"], name="%(app_label)s_%(class)s_unique_number"
            ),
            models.UniqueConstraint(
                fields=["checklist", "valid_from"], name="%(app_label)s_%(class)s_unique_from"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.checklist}（第{self.number}版，{self.valid_from}起施行）"

    @property
    def total_points(self) -> int:
        return sum(i.points for i in self.items.all())


class ChecklistItem(models.Model):
    version = models.ForeignKey(ChecklistVersion, on_delete=models.PROTECT, related_name="items")
    code = models.CharField("序号", max_length=20)
    category = models.CharField("类别", max_length=40)
    text = models.CharField("评查内容", max_length=500)
    points = models.PositiveIntegerField("分值")

    scope = Scope("reference")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "评查项目"
        verbose_name_plural = "评查项目"
        ordering = ["version", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "code"], name="%(app_label)s_%(class)s_unique_code"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.category}：{self.text}（{self.points}分）"


class FileReview(models.Model):
    """A review exercise of a justice bureau: which year's closed cases, of which departments,
    drawn by which rule with which seed (recorded, so anyone can draw the same sample again)."""

    owner_unit = models.ForeignKey(
        "org.OrgUnit", verbose_name="组织机关", on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField("评查活动", max_length=200)
    year = models.PositiveIntegerField("评查年度")
    closed_from = models.DateField("结案日期起")
    closed_to = models.DateField("结案日期止")
    # What a case must be to be drawn (case kinds) and how it is drawn, in words and as data.
    kinds = models.JSONField("案件类型", default=list)
    seed = models.CharField("随机种子", max_length=64)
    rule = models.TextField("抽取规则")
    checklist = models.ForeignKey(
        Checklist, verbose_name="评查标准", on_delete=models.PROTECT, related_name="reviews"
    )
    started_on = models.DateField("开始日期")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    scope = Scope("owner", "owner_unit")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "案卷评查"
        verbose_name_plural = "案卷评查"
        ordering = ["-year", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closed_from__lte=models.F("closed_to")),
                name="%(app_label)s_%(class)s_window_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.closed_from and self.closed_to and self.closed_from > self.closed_to:
            raise ValidationError({"closed_to": "结案日期止不能早于结案日期起"})


class DepartmentReview(models.Model):
    """One department's part of an exercise: its quota of files, and the casework case that
    carries its results and the rectification (kind ``file_review``)."""

    review = models.ForeignKey(FileReview, on_delete=models.PROTECT, related_name="departments")
    department = models.ForeignKey(
        "org.OrgUnit", verbose_name="被评查部门", on_delete=models.PROTECT, related_name="+"
    )
    quota = models.PositiveIntegerField("抽取案卷数")
    # How many closed cases the department had in the window when the sample was drawn.
    population = models.PositiveIntegerField("可抽取案卷数", default=0)
    case = models.OneToOneField(
        "casework.Case", on_delete=models.PROTECT, related_name="file_review"
    )
    rectified = models.TextField("整改情况", blank=True)

    scope = Scope("participants", "case")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "部门案卷评查"
        verbose_name_plural = "部门案卷评查"
        ordering = ["review", "department__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "department"], name="%(app_label)s_%(class)s_unique_department"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.review} · {self.department}"


class ReviewedFile(models.Model):
    """A case file drawn for review, in its place in the sample, with its score."""

    department_review = models.ForeignKey(
        DepartmentReview, on_delete=models.PROTECT, related_name="files"
    )
    case = models.ForeignKey(
        "casework.Case", verbose_name="案卷", on_delete=models.PROTECT, related_name="+"
    )
    # The case's key in the draw (its number, or source system/external id) and its digest.
    draw_key = models.CharField("抽取键", max_length=200)
    draw_digest = models.CharField("排序摘要", max_length=64)
    position = models.PositiveIntegerField("抽取顺序")
    checklist_version = models.ForeignKey(
        ChecklistVersion,
        verbose_name="评查标准版本",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    score = models.PositiveIntegerField("得分", null=True, blank=True)
    scored_on = models.DateField("评查日期", null=True, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="评查人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    scope = Scope("participants", "department_review__case")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "评查案卷"
        verbose_name_plural = "评查案卷"
        ordering = ["department_review", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["department_review", "case"], name="%(app_label)s_%(class)s_unique_case"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case.number or self.draw_key} {self.case.title}"


class ItemScore(models.Model):
    """The points a file was given on one item of the checklist version it was scored against."""

    reviewed_file = models.ForeignKey(ReviewedFile, on_delete=models.CASCADE, related_name="items")
    item = models.ForeignKey(ChecklistItem, on_delete=models.PROTECT, related_name="+")
    points = models.PositiveIntegerField("得分")

    scope = Scope("participants", "reviewed_file__department_review__case")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "评查项目得分"
        verbose_name_plural = "评查项目得分"
        constraints = [
            models.UniqueConstraint(
                fields=["reviewed_file", "item"], name="%(app_label)s_%(class)s_unique_item"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item.code} {self.points}"


class FileProblem(models.Model):
    """A problem found in a reviewed file (执法不规范问题), with its category."""

    reviewed_file = models.ForeignKey(
        ReviewedFile, verbose_name="评查案卷", on_delete=models.PROTECT, related_name="problems"
    )
    item = models.ForeignKey(
        ChecklistItem,
        verbose_name="评查项目",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    category = models.CharField("问题类别", max_length=40)
    description = models.TextField("问题描述")
    found_on = models.DateField("发现日期")

    scope = Scope("participants", "reviewed_file__department_review__case")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "评查发现问题"
        verbose_name_plural = "评查发现问题"
        ordering = ["reviewed_file", "id"]

    def __str__(self) -> str:
        return f"{self.category}：{self.description[:40]}"
