"""The verifiable draw (双随机): a campaign, its frozen pools, the officials' seed commitments,
the drawn targets and their inspectors. The rules are docs/draw-spec.md; the computation is
``fazhi.domains.inspection.draw`` and the steps ``fazhi.domains.inspection.services``."""

from __future__ import annotations

import zlib

from django.core.exceptions import ValidationError
from django.db import models

from fazhi.core.org.models import Entity, Officer, OrgUnit, Staff
from fazhi.core.org.scoping import RestrictedManager, Scope

from ..choices import SPEC_VERSION, CampaignState, ConflictKind
from ..scoping import ASSIGNMENT_RULE, COMMITMENT_RULE, TARGET_RULE


class Campaign(models.Model):
    """抽查任务: one draw of a department under its rules (一细则), from its pools.

    ``state`` moves only through ``services.transition`` along ``CAMPAIGN_TRANSITIONS``. From
    ``committed`` on, the rules, the pools and the commitments are fixed by the ``manifest``
    (draw-spec §2.6), which is what the public sees before the draw.
    """

    department = models.ForeignKey(
        OrgUnit, verbose_name="抽查部门", on_delete=models.PROTECT, related_name="campaigns"
    )
    # The campaign's code in the manifest: unique, no spaces (e.g. 420700-SCJG-2019-007).
    code = models.CharField("任务编号", max_length=60, unique=True)
    title = models.CharField("任务名称", max_length=200)
    year = models.PositiveSmallIntegerField("年度")
    risk_scheme = models.CharField("信用风险分类体系", max_length=40)
    # Per-mille ratio per stratum (risk class, or 未分类): {"A": 30, "B": 50, …}.
    ratios = models.JSONField("抽查比例（‰）", default=dict)
    team_size = models.PositiveSmallIntegerField("每户检查人员数", default=2)
    # A public random value named in advance (e.g. a lottery draw of a stated date), optional.
    public_random_label = models.CharField("公共随机数来源", max_length=200, blank=True)
    public_random_value = models.CharField("公共随机数", max_length=200, blank=True)
    spec_version = models.CharField("抽取规范版本", max_length=20, default=SPEC_VERSION)
    state = models.CharField(
        "状态", max_length=20, choices=CampaignState.choices, default=CampaignState.PLANNED
    )
    manifest = models.TextField("抽取清单（承诺时公开）", blank=True, editable=False)
    manifest_digest = models.CharField("抽取清单摘要", max_length=64, blank=True, editable=False)
    # Business dates of the steps; the publication period of the results.
    committed_on = models.DateField("公布承诺日期", null=True, blank=True)
    drawn_on = models.DateField("抽取日期", null=True, blank=True)
    inspection_end = models.DateField("检查结束日期", null=True, blank=True)
    results_published_on = models.DateField("结果公示日期", null=True, blank=True)
    publication_until = models.DateField("公示截止日期", null=True, blank=True)
    created_by = models.ForeignKey(
        Staff,
        verbose_name="创建人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created = models.DateTimeField("创建时间", auto_now_add=True)

    scope = Scope("owner", "department")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "抽查任务"
        verbose_name_plural = "抽查任务"
        ordering = ["-year", "code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(team_size__gte=2),
                name="%(app_label)s_%(class)s_team_of_two",
            ),
        ]
        indexes = [models.Index(fields=["department", "year"])]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if not self.code or any(ch.isspace() for ch in self.code):
            errors["code"] = "任务编号不能为空，也不能含空格"
        if not isinstance(self.ratios, dict) or not self.ratios:
            errors["ratios"] = "请为每个风险分类填写抽查比例（千分比整数）"
        else:
            for stratum, ratio in self.ratios.items():
                if not stratum or any(ch.isspace() for ch in str(stratum)):
                    errors["ratios"] = f"分类名称“{stratum}”不能为空或含空格"
                elif (
                    not isinstance(ratio, int) or isinstance(ratio, bool) or not 0 <= ratio <= 1000
                ):
                    errors["ratios"] = f"分类“{stratum}”的比例应为0至1000之间的整数（‰）"
        if self.team_size is not None and self.team_size < 2:
            errors["team_size"] = "每次检查至少两名执法人员（国办发〔2024〕54号）"
        if errors:
            raise ValidationError(errors)


class PoolSnapshot(models.Model):
    """一单两库: the entity pool, the inspector pool and the recorded conflicts, frozen at a
    stated moment as the exact files of draw-spec §2.1–2.3 (zlib-compressed) with their
    SHA-256 digests and the size of each stratum."""

    campaign = models.OneToOneField(
        Campaign, verbose_name="抽查任务", on_delete=models.PROTECT, related_name="pools"
    )
    frozen_at = models.DateTimeField("冻结时点")
    entities = models.BinaryField("检查对象名录（压缩）")
    entities_digest = models.CharField("检查对象名录摘要", max_length=64)
    inspectors = models.BinaryField("检查人员名录（压缩）")
    inspectors_digest = models.CharField("检查人员名录摘要", max_length=64)
    conflicts = models.BinaryField("回避关系（压缩）")
    conflicts_digest = models.CharField("回避关系摘要", max_length=64)
    strata = models.JSONField("各分类户数", default=dict)  # {"A": 41230, …}
    inspector_count = models.PositiveIntegerField("检查人员数")

    scope = Scope("owner", "campaign__department")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "名录库快照"
        verbose_name_plural = "名录库快照"

    def __str__(self) -> str:
        return f"{self.campaign.code} @ {self.frozen_at:%Y-%m-%d %H:%M}"

    @property
    def entity_count(self) -> int:
        return sum(self.strata.values())

    @staticmethod
    def pack(text: bytes) -> bytes:
        # Level 1: the codes are near-random digits and letters; higher levels gain little
        # and cost seconds at province scale.
        return zlib.compress(text, 1)

    def file(self, which: str) -> bytes:
        """The exact file of the spec ("entities", "inspectors" or "conflicts")."""
        return zlib.decompress(bytes(getattr(self, which)))


class SeedCommitment(models.Model):
    """One official's commitment to a secret (draw-spec §2.5), and its reveal after the draw.
    A missing or non-matching reveal counts as empty."""

    campaign = models.ForeignKey(
        Campaign, verbose_name="抽查任务", on_delete=models.PROTECT, related_name="commitments"
    )
    official = models.ForeignKey(
        Staff, verbose_name="在场人员", on_delete=models.PROTECT, related_name="+"
    )
    commitment = models.CharField("承诺值", max_length=64)
    reveal = models.CharField("揭示值", max_length=256, blank=True)
    committed_at = models.DateTimeField("承诺时间")
    revealed_at = models.DateTimeField("揭示时间", null=True, blank=True)

    scope = Scope("owner", "campaign__department", custom=COMMITMENT_RULE)
    objects = RestrictedManager()

    class Meta:
        verbose_name = "随机种子承诺"
        verbose_name_plural = "随机种子承诺"
        ordering = ["campaign_id", "commitment"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "official"], name="%(app_label)s_%(class)s_one_per_official"
            ),
            models.UniqueConstraint(
                fields=["campaign", "commitment"], name="%(app_label)s_%(class)s_unique_value"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.official} {self.commitment[:12]}…"


class Conflict(models.Model):
    """回避: a recorded relation that bars an officer from inspecting an entity. Only the pair
    is ever published (draw-spec §2.3), never the kind or the note."""

    officer = models.ForeignKey(
        Officer, verbose_name="执法人员", on_delete=models.PROTECT, related_name="conflicts"
    )
    entity = models.ForeignKey(
        Entity, verbose_name="市场主体", on_delete=models.PROTECT, related_name="conflicts"
    )
    kind = models.CharField("回避事由", max_length=20, choices=ConflictKind.choices)
    note = models.CharField("说明", max_length=200, blank=True)
    recorded_on = models.DateField("登记日期")

    scope = Scope("owner", "officer__department")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "回避关系"
        verbose_name_plural = "回避关系"
        constraints = [
            models.UniqueConstraint(
                fields=["officer", "entity"], name="%(app_label)s_%(class)s_unique_pair"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.officer_id} ↔ {self.entity_id}"


class Target(models.Model):
    """抽查对象: one drawn entity, ``rank`` its place in key order (draw-spec §4)."""

    campaign = models.ForeignKey(
        Campaign, verbose_name="抽查任务", on_delete=models.PROTECT, related_name="targets"
    )
    entity = models.ForeignKey(
        Entity, verbose_name="市场主体", on_delete=models.PROTECT, related_name="targets"
    )
    stratum = models.CharField("风险分类", max_length=20)
    rank = models.PositiveIntegerField("抽取顺序")

    scope = Scope("owner", "campaign__department", custom=TARGET_RULE)
    objects = RestrictedManager()

    class Meta:
        verbose_name = "抽查对象"
        verbose_name_plural = "抽查对象"
        ordering = ["campaign_id", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "rank"], name="%(app_label)s_%(class)s_unique_rank"
            ),
            models.UniqueConstraint(
                fields=["campaign", "entity"], name="%(app_label)s_%(class)s_unique_entity"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}#{self.rank}"


class Assignment(models.Model):
    """An inspector of a target's team, ``position`` the pick order (draw-spec §5)."""

    target = models.ForeignKey(
        Target, verbose_name="抽查对象", on_delete=models.PROTECT, related_name="assignments"
    )
    officer = models.ForeignKey(
        Officer, verbose_name="检查人员", on_delete=models.PROTECT, related_name="assignments"
    )
    position = models.PositiveSmallIntegerField("顺序")

    scope = Scope("owner", "target__campaign__department", custom=ASSIGNMENT_RULE)
    objects = RestrictedManager()

    class Meta:
        verbose_name = "检查人员分派"
        verbose_name_plural = "检查人员分派"
        ordering = ["target_id", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["target", "officer"], name="%(app_label)s_%(class)s_unique_officer"
            ),
            models.UniqueConstraint(
                fields=["target", "position"], name="%(app_label)s_%(class)s_unique_position"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.target_id}/{self.position}: {self.officer_id}"
