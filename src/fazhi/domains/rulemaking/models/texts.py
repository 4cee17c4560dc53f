"""The text model: a legal text, its versions and their provisions.

A legal text (a national law, a regulation, the city's government rule or normative document)
keeps its identity; each promulgated wording is a version with the dates the law gives it
(promulgated on, effective from, effective until); each version's provisions are child rows in
a tree (编 → 章 → 节 → 条 → 款 → 项) with a stable path such as "第二十条第一款", so the text as
in force on any date is a range query on the versions, two versions compare provision by
provision, and other records cite a provision by path. A draft rule or normative document is a
text whose version is in the draft state: the drafting lifecycle builds on the same rows.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from fazhi.core.org.models import OrgUnit
from fazhi.core.org.scoping import RestrictedManager, Scope, visible_unit_ids

from ..choices import PROMULGATED_STATES, ProvisionLevel, TextKind, TextState

if TYPE_CHECKING:
    from django.db.models.fields.related_descriptors import RelatedManager


def public_or_issued(prefix: str = "", version_state: str = "") -> Any:
    """Published texts are public; drafts only to the issuing unit (and its supervisors).
    Writes always need the issuing unit. ``version_state`` names the version's state field: a
    draft version of a public text (an amendment being prepared) stays the issuing unit's — the
    public sees a draft only as the consultation publishes it, through the disclosure gate."""

    def rule(user: Any, action: str) -> Q:
        own = Q(**{f"{prefix}issuing_unit__in": visible_unit_ids(user, action)})  # type: ignore[arg-type]
        public = Q(**{f"{prefix}public": True})
        if version_state:
            public &= ~Q(**{version_state: TextState.DRAFT})
        return (public | own) if action == "view" else own

    return rule


class LegalText(models.Model):
    kind = models.CharField("类别", max_length=30, choices=TextKind.choices, db_index=True)
    title = models.CharField("标题", max_length=200)
    # The name a citation uses: 行政复议法 for 中华人民共和国行政复议法.
    short_title = models.CharField("简称", max_length=120, db_index=True)
    issuing_body = models.CharField("制定机关", max_length=200)
    # The city's own rules and documents belong to an org unit (the library's do not).
    issuing_unit = models.ForeignKey(
        OrgUnit,
        verbose_name="制定单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    state = models.CharField(
        "时效性", max_length=20, choices=TextState.choices, default=TextState.DRAFT, db_index=True
    )
    public = models.BooleanField("已公开", default=False)
    # Identity in the built-in library (the manifest's key); empty for the city's own texts.
    library_key = models.CharField("法规库标识", max_length=120, blank=True, db_index=True)
    note = models.TextField("说明", blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    if TYPE_CHECKING:
        versions: RelatedManager[TextVersion]

    scope = Scope("public", custom=public_or_issued())
    objects = RestrictedManager()

    class Meta:
        verbose_name = "法律文本"
        verbose_name_plural = "法律文本"
        ordering = ["kind", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["library_key"],
                condition=~Q(library_key=""),
                name="%(app_label)s_%(class)s_unique_library_key",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def version_on(self, on: date) -> TextVersion | None:
        """The version in force on ``on`` (None when none was, or none is recorded)."""
        return self.versions.filter(in_force_on(on)).order_by("-effective_from").first()

    def latest_version(self) -> TextVersion | None:
        return (
            self.versions.filter(state__in=PROMULGATED_STATES).order_by("-effective_from").first()
        )


def in_force_on(on: date, prefix: str = "") -> Q:
    """Versions in force on ``on``: promulgated, effective from on or before it and not ended
    before it (``effective_until`` is the last day in force)."""
    return (
        Q(**{f"{prefix}state__in": PROMULGATED_STATES})
        & Q(**{f"{prefix}effective_from__lte": on})
        & (
            Q(**{f"{prefix}effective_until__isnull": True})
            | Q(**{f"{prefix}effective_until__gte": on})
        )
    )


class TextVersion(models.Model):
    text = models.ForeignKey(
        LegalText, verbose_name="法律文本", on_delete=models.CASCADE, related_name="versions"
    )
    label = models.CharField("版本", max_length=60)
    doc_number = models.CharField("文号", max_length=80, blank=True)
    state = models.CharField(
        "时效性", max_length=20, choices=TextState.choices, default=TextState.DRAFT, db_index=True
    )
    promulgated_on = models.DateField("公布日期", null=True, blank=True)
    effective_from = models.DateField("施行日期", null=True, blank=True, db_index=True)
    effective_until = models.DateField("施行至", null=True, blank=True, db_index=True)
    # Where the wording comes from: the library's source file and commit, or the drafting case.
    source = models.CharField("来源", max_length=300, blank=True)
    source_digest = models.CharField("来源摘要（SHA-256）", max_length=64, blank=True)
    recorded_at = models.DateTimeField("登记时间", auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    if TYPE_CHECKING:
        provisions: RelatedManager[Provision]
        text_id: int

    scope = Scope("public", custom=public_or_issued("text__", "state"))
    objects = RestrictedManager()

    class Meta:
        verbose_name = "文本版本"
        verbose_name_plural = "文本版本"
        ordering = ["text", "effective_from", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["text", "label"], name="%(app_label)s_%(class)s_unique_label"
            ),
            models.CheckConstraint(
                condition=Q(effective_until__isnull=True)
                | Q(effective_from__isnull=False, effective_until__gte=models.F("effective_from")),
                name="%(app_label)s_%(class)s_until_after_from",
            ),
            models.CheckConstraint(
                condition=Q(state=TextState.DRAFT) | Q(effective_from__isnull=False),
                name="%(app_label)s_%(class)s_promulgated_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.text.title}（{self.label}）"

    def articles(self) -> models.QuerySet[Provision]:
        return self.provisions.filter(level=ProvisionLevel.ARTICLE).order_by("position")


class Provision(models.Model):
    version = models.ForeignKey(
        TextVersion, verbose_name="版本", on_delete=models.CASCADE, related_name="provisions"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="上级",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    level = models.CharField("层级", max_length=12, choices=ProvisionLevel.choices)
    number = models.PositiveIntegerField("序号")
    # The label as written (第二十条, 第一款, （一）) and the citation path, unique in a version.
    label = models.CharField("编号", max_length=40)
    path = models.CharField("引用路径", max_length=120)
    heading = models.CharField("标题", max_length=200, blank=True)
    # An article's whole wording (its paragraphs and items); a paragraph's or item's own.
    body = models.TextField("条文", blank=True)
    position = models.PositiveIntegerField("顺序")
    # The body cut into words by the legal-terms segmenter, space-separated: what the full-text
    # index (FTS5 on SQLite, a stored tsvector on PostgreSQL) reads.
    search_text = models.TextField("分词", blank=True)

    if TYPE_CHECKING:
        version_id: int
        parent_id: int | None

    scope = Scope("public", custom=public_or_issued("version__text__", "version__state"))
    objects = RestrictedManager()

    class Meta:
        verbose_name = "条款"
        verbose_name_plural = "条款"
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "path"], name="%(app_label)s_%(class)s_unique_path"
            ),
        ]
        indexes = [
            models.Index(fields=["version", "position"], name="rulemaking_prov_ver_pos"),
        ]

    def __str__(self) -> str:
        return self.path
