"""Drafting a government rule (政府规章) or a normative document (行政规范性文件).

- The issuing-body list (制定主体清单) is a list of the list mechanism (``lists.models.base``):
  versioned, in force on a date, published; a draft from a body not on it on that date is
  refused (国办发〔2018〕37号: 严禁越权发文). It replaces ``OrgUnit.may_issue_documents``, which
  only seeds it.
- The annual plan (年度规章制定工作计划 / 规范性文件制定计划) and its entries.
- A draft is the detail of a casework ``Case`` of kind ``rule_drafting``: its text is a
  ``LegalText`` whose versions in the draft state are the successive drafts (each parsed into
  provisions), and the version made at publication is the one in force.
- A provision keeps a stable identity across the drafts (``ProvisionAnchor``): comments of the
  public consultation attach to the anchor, not to one version's row, so they stay attached when
  the draft is revised (``anchors.py`` documents the matching rule).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q

from fazhi.core.org.scoping import RestrictedManager, Scope
from fazhi.domains.lists.models import CatalogItem, ItemVersion

from ..choices import TextKind
from ..drafting_choices import (
    Adoption,
    CommentStatus,
    PlanCategory,
    ReviewConclusion,
    ReviewKind,
)

if TYPE_CHECKING:
    from django.db.models.fields.related_descriptors import RelatedManager

DRAFT_KINDS = [
    (TextKind.GOVERNMENT_RULE.value, TextKind.GOVERNMENT_RULE.label),
    (TextKind.NORMATIVE_DOCUMENT.value, TextKind.NORMATIVE_DOCUMENT.label),
]


class IssuingBody(CatalogItem):
    """One body on the 制定主体清单 under a stable code like 420700000000-ZT-0001. The list's
    ``department`` is the org unit (a government or a department) that may issue."""

    code_letters = "ZT"
    content_fields = ("may_make_rules", "scope_note")

    class Meta(CatalogItem.Meta):
        verbose_name = "制定主体"
        verbose_name_plural = "行政规范性文件制定主体清单"


class IssuingBodyVersion(ItemVersion):
    item = models.ForeignKey(IssuingBody, on_delete=models.CASCADE, related_name="versions")
    # 立法法 第九十三条 (2015: 第八十二条): only the people's governments of provinces and of
    # cities divided into districts make government rules; every body on the list may issue
    # normative documents.
    may_make_rules = models.BooleanField("可以制定政府规章", default=False)
    scope_note = models.CharField("制定范围", max_length=300, blank=True)

    class Meta(ItemVersion.Meta):
        verbose_name = "制定主体版本"
        verbose_name_plural = "制定主体版本"


IssuingBody.version_model = IssuingBodyVersion


class RulemakingPlan(models.Model):
    """The government's annual plan: 年度规章制定工作计划 and 规范性文件制定计划 in one list."""

    government = models.ForeignKey(
        "org.OrgUnit", verbose_name="人民政府", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField("年度")
    approved_on = models.DateField("批准日期", null=True, blank=True)
    published_on = models.DateField("公布日期", null=True, blank=True)
    publication = models.ForeignKey(
        "disclosure.Publication",
        verbose_name="公开记录",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    if TYPE_CHECKING:
        entries: RelatedManager[PlanEntry]

    scope = Scope("owner", "government")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "年度制定计划"
        verbose_name_plural = "年度制定计划"
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["government", "year"], name="%(app_label)s_%(class)s_unique_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.government}{self.year}年度规章和规范性文件制定计划"


class PlanEntry(models.Model):
    plan = models.ForeignKey(
        RulemakingPlan, verbose_name="计划", on_delete=models.CASCADE, related_name="entries"
    )
    number = models.PositiveSmallIntegerField("序号")
    title = models.CharField("名称", max_length=200)
    kind = models.CharField("类别", max_length=30, choices=DRAFT_KINDS)
    category = models.CharField(
        "项目类别", max_length=20, choices=PlanCategory.choices, default=PlanCategory.FORMAL
    )
    drafting_unit = models.ForeignKey(
        "org.OrgUnit", verbose_name="起草单位", on_delete=models.PROTECT, related_name="+"
    )
    # 规章制定程序条例 第十三条: 名称、起草单位、完成时间.
    due = models.CharField("完成时间", max_length=40, blank=True)
    # The in-force text an amendment (修订) changes; empty for a new text (制定).
    amends = models.ForeignKey(
        "rulemaking.LegalText",
        verbose_name="修订的文本",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    scope = Scope("owner", "plan__government")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "计划项目"
        verbose_name_plural = "计划项目"
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"], name="%(app_label)s_%(class)s_unique_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Draft(models.Model):
    """The drafting case's detail: what is drafted, by whom, for which issuing body, and the
    dates of its steps (the events keep who took them)."""

    case = models.OneToOneField("casework.Case", on_delete=models.CASCADE, related_name="draft")
    kind = models.CharField("类别", max_length=30, choices=DRAFT_KINDS)
    issuer = models.ForeignKey(
        "org.OrgUnit", verbose_name="制定机关", on_delete=models.PROTECT, related_name="+"
    )
    plan_entry = models.ForeignKey(
        PlanEntry,
        verbose_name="计划项目",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="drafts",
    )
    text = models.ForeignKey(
        "rulemaking.LegalText", verbose_name="文本", on_delete=models.PROTECT, related_name="+"
    )
    # The version in force the draft amends (None: a new text).
    amends = models.ForeignKey(
        "rulemaking.TextVersion",
        verbose_name="修订的现行版本",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The latest draft version (its provisions are the draft as it stands).
    current = models.ForeignKey(
        "rulemaking.TextVersion",
        verbose_name="当前草案",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    draft_text = models.TextField("草案文本", blank=True)
    explanation = models.TextField("起草说明", blank=True)
    # 优化营商环境条例 第六十二条、第六十三条: 与市场主体生产经营活动密切相关的 — consultation of
    # at least 30 days, enterprises heard, fair-competition review.
    market_related = models.BooleanField("涉及市场主体经济活动", default=False)
    integrity_required = models.BooleanField("须开展制度廉洁性评估", default=False)
    research_done_on = models.DateField("调研完成日期", null=True, blank=True)
    research_summary = models.TextField("调研情况", blank=True)
    deliberated_on = models.DateField("集体审议日期", null=True, blank=True)
    meeting = models.CharField("审议会议", max_length=100, blank=True)
    signed_on = models.DateField("签署日期", null=True, blank=True)
    published_on = models.DateField("公布日期", null=True, blank=True)
    doc_number = models.CharField("文号", max_length=80, blank=True)
    gazette = models.CharField("公报刊载", max_length=100, blank=True)
    effective_from = models.DateField("施行日期", null=True, blank=True)
    # 规章制定程序条例 第三十二条: 公布后不立即施行将有碍规章施行的, 可以自公布之日起施行.
    early_effect_reason = models.CharField("提前施行的理由", max_length=500, blank=True)
    published_version = models.ForeignKey(
        "rulemaking.TextVersion",
        verbose_name="公布的版本",
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
    deferred_on = models.DateField("暂缓日期", null=True, blank=True)
    deferral_reason = models.CharField("暂缓理由", max_length=500, blank=True)

    if TYPE_CHECKING:
        reviews: RelatedManager[DraftReview]
        consultations: RelatedManager[Consultation]
        anchors: RelatedManager[ProvisionAnchor]

    scope = Scope("participants", "case")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "规章、规范性文件草案"
        verbose_name_plural = "规章、规范性文件草案"
        ordering = ["-id"]

    def __str__(self) -> str:
        return str(self.case)

    @property
    def is_rule(self) -> bool:
        return self.kind == TextKind.GOVERNMENT_RULE


class DraftReview(models.Model):
    """A review of the draft: the legality review (合法性审核, by the issuing body's legal office),
    the fair-competition review (公平竞争审查) and the integrity assessment (制度廉洁性评估)."""

    draft = models.ForeignKey(
        Draft, verbose_name="草案", on_delete=models.CASCADE, related_name="reviews"
    )
    kind = models.CharField("审查类别", max_length=20, choices=ReviewKind.choices)
    # The draft version reviewed: a later revision needs a new review.
    version = models.ForeignKey(
        "rulemaking.TextVersion",
        verbose_name="审查的草案",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_on = models.DateField("送审日期")
    opinion_on = models.DateField("出具意见日期", null=True, blank=True)
    conclusion = models.CharField(
        "结论", max_length=30, choices=ReviewConclusion.choices, blank=True
    )
    opinion = models.TextField("审查意见", blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审查人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    scope = Scope("participants", "draft__case")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "草案审查"
        verbose_name_plural = "草案审查"
        ordering = ["draft", "submitted_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.draft}"


class ProvisionAnchor(models.Model):
    """A provision's identity across the drafts of one text (see ``anchors.py``)."""

    draft = models.ForeignKey(
        Draft, verbose_name="草案", on_delete=models.CASCADE, related_name="anchors"
    )
    key = models.CharField("标识", max_length=12)
    # The path it had when it first appeared (第五条 of the first draft).
    first_path = models.CharField("首次出现的条文", max_length=120)

    if TYPE_CHECKING:
        placements: RelatedManager[AnchorPlacement]

    scope = Scope("participants", "draft__case")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "条文标识"
        verbose_name_plural = "条文标识"
        ordering = ["draft", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["draft", "key"], name="%(app_label)s_%(class)s_unique_key"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key}（{self.first_path}）"


class AnchorPlacement(models.Model):
    """Where an anchor stands in one draft version: the article that carries it."""

    anchor = models.ForeignKey(
        ProvisionAnchor,
        verbose_name="条文标识",
        on_delete=models.CASCADE,
        related_name="placements",
    )
    version = models.ForeignKey(
        "rulemaking.TextVersion", verbose_name="版本", on_delete=models.CASCADE, related_name="+"
    )
    provision = models.OneToOneField(
        "rulemaking.Provision",
        verbose_name="条文",
        on_delete=models.CASCADE,
        related_name="anchor_placement",
    )
    # How the matching found it: unchanged, renumbered, changed … (compare.Change.kind) and the
    # similarity of the wording to the previous draft's article.
    match = models.CharField("匹配方式", max_length=30, blank=True)
    similarity = models.FloatField("相似度", default=1.0)

    scope = Scope("participants", "anchor__draft__case")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "条文标识位置"
        verbose_name_plural = "条文标识位置"
        ordering = ["version", "provision__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["anchor", "version"], name="%(app_label)s_%(class)s_unique_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.anchor.key} → {self.provision.path}"


class Consultation(models.Model):
    """公开征求意见: a draft version put out for comment, its closing date by the clock."""

    draft = models.ForeignKey(
        Draft, verbose_name="草案", on_delete=models.CASCADE, related_name="consultations"
    )
    version = models.ForeignKey(
        "rulemaking.TextVersion",
        verbose_name="征求意见稿",
        on_delete=models.PROTECT,
        related_name="+",
    )
    opened_on = models.DateField("公布日期")
    closes_on = models.DateField("截止日期")
    shortened_reason = models.CharField("缩短期限的理由", max_length=500, blank=True)
    anonymous_allowed = models.BooleanField("允许匿名提出意见", default=False)
    closed_on = models.DateField("结束日期", null=True, blank=True)
    publication = models.ForeignKey(
        "disclosure.Publication",
        verbose_name="公开记录",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    feedback_on = models.DateField("反馈日期", null=True, blank=True)
    feedback_summary = models.TextField("意见采纳情况说明", blank=True)
    feedback_publication = models.ForeignKey(
        "disclosure.Publication",
        verbose_name="反馈公开记录",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    if TYPE_CHECKING:
        comments: RelatedManager[Comment]

    scope = Scope("participants", "draft__case")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "公开征求意见"
        verbose_name_plural = "公开征求意见"
        ordering = ["-opened_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gt=models.F("opened_on")),
                name="%(app_label)s_%(class)s_closes_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return f"公开征求意见：{self.draft}"


class Comment(models.Model):
    """A comment of the public on the draft as a whole or on one provision (its anchor)."""

    consultation = models.ForeignKey(
        Consultation, verbose_name="征求意见", on_delete=models.CASCADE, related_name="comments"
    )
    anchor = models.ForeignKey(
        ProvisionAnchor,
        verbose_name="条文",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="comments",
    )
    # The article as the commenter saw it (第五条 of the 征求意见稿).
    path = models.CharField("针对条文", max_length=120, blank=True)
    # Identity: the platform's public account, or none where the body allows anonymous comments.
    account = models.ForeignKey(
        "accounts.PublicAccount",
        verbose_name="公众账号",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    display_name = models.CharField("署名", max_length=50, blank=True)
    body = models.TextField("意见内容")
    submitted_on = models.DateField("提出日期")
    submitted_at = models.DateTimeField("提交时间", auto_now_add=True)
    status = models.CharField(
        "审核状态", max_length=20, choices=CommentStatus.choices, default=CommentStatus.PENDING
    )
    moderated_on = models.DateField("审核日期", null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审核人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    moderation_reason = models.CharField("审核理由", max_length=300, blank=True)
    publication = models.ForeignKey(
        "disclosure.Publication",
        verbose_name="公开记录",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    adoption = models.CharField("采纳情况", max_length=20, choices=Adoption.choices, blank=True)
    response = models.TextField("采纳说明", blank=True)

    scope = Scope("participants", "consultation__draft__case")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "公众意见"
        verbose_name_plural = "公众意见"
        ordering = ["consultation", "submitted_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=CommentStatus.REJECTED) | ~Q(moderation_reason=""),
                name="%(app_label)s_%(class)s_rejection_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.path or '总体意见'}：{self.body[:20]}"
