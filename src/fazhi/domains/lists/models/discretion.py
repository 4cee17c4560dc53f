"""自由裁量基准 and 首次轻微违法免罚清单 (行政处罚法 第三十三条、第三十四条).

Circumstances are declared factors (``DiscretionFactor``), not free text: a tier or a no-penalty
entry states conditions on them, and ``lists.discretion.tier_for`` evaluates the facts of a case.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from fazhi.core.org.scoping import RestrictedManager, Scope

from ..choices import FactorKind
from .base import CatalogItem, ItemVersion, published_or_owned


class DiscretionFactor(models.Model):
    """A circumstance a benchmark may depend on, e.g. 初次违法, 违法所得（元）, 危害后果."""

    code = models.SlugField("代码", max_length=60, unique=True)
    label = models.CharField("情节", max_length=100)
    kind = models.CharField("类型", max_length=20, choices=FactorKind.choices)
    choices = models.JSONField("可选值", default=list, blank=True)
    unit = models.CharField("单位", max_length=20, blank=True)

    scope = Scope("public")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "裁量情节"
        verbose_name_plural = "裁量情节"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        """A factor is named by the conditions of tiers and no-penalty entries: changing its
        code, kind or choices must not leave one of them naming it invalid, and a statutory
        factor (``lists.statutory``) keeps the statute's kind and choices."""
        from ..discretion import conditions_broken_by, statutory_mismatch

        errors = statutory_mismatch(self)
        old_code = None
        if self.pk:
            old_code = type(self).objects.filter(pk=self.pk).values_list("code", flat=True).first()
        errors += conditions_broken_by(self, old_code)
        if errors:
            raise ValidationError(errors)


class DiscretionBenchmark(CatalogItem):
    code_letters = "CL"
    content_fields = ("power_item", "violation", "penalty_basis")

    class Meta(CatalogItem.Meta):
        verbose_name = "裁量基准"
        verbose_name_plural = "自由裁量基准"


class DiscretionBenchmarkVersion(ItemVersion):
    item = models.ForeignKey(DiscretionBenchmark, on_delete=models.CASCADE, related_name="versions")
    power_item = models.ForeignKey(
        "lists.PowerItem", verbose_name="处罚事项", on_delete=models.PROTECT, related_name="+"
    )
    violation = models.TextField("违法行为")
    penalty_basis = models.TextField("处罚依据")

    child_relations = ("tiers",)

    class Meta(ItemVersion.Meta):
        verbose_name = "裁量基准版本"
        verbose_name_plural = "裁量基准版本"


DiscretionBenchmark.version_model = DiscretionBenchmarkVersion


class DiscretionTier(models.Model):
    """One tier of a benchmark version: conditions on declared factors → a penalty range."""

    version = models.ForeignKey(
        DiscretionBenchmarkVersion, on_delete=models.CASCADE, related_name="tiers"
    )
    order = models.PositiveSmallIntegerField("顺序")
    label = models.CharField("裁量阶次", max_length=50)
    # [{"factor": "illegal_gain", "op": "<", "value": 5000}, …]; all must hold.
    conditions = models.JSONField("适用情形", default=list)
    fine_min = models.DecimalField(
        "罚款下限（元）", max_digits=14, decimal_places=2, null=True, blank=True
    )
    fine_max = models.DecimalField(
        "罚款上限（元）", max_digits=14, decimal_places=2, null=True, blank=True
    )
    measures = models.CharField("其他处罚", max_length=300, blank=True)
    article = models.CharField("适用条款", max_length=200)

    scope = Scope(
        "public",
        custom=published_or_owned("version__item__department", "version__item__state"),
    )
    objects = RestrictedManager()

    class Meta:
        verbose_name = "裁量阶次"
        verbose_name_plural = "裁量阶次"
        ordering = ["version", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "order"], name="%(app_label)s_%(class)s_unique_order"
            ),
            models.CheckConstraint(
                condition=models.Q(fine_min__isnull=True)
                | models.Q(fine_max__isnull=True)
                | models.Q(fine_min__lte=models.F("fine_max")),
                name="%(app_label)s_%(class)s_range",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        from ..discretion import validate_conditions

        errors = validate_conditions(self.conditions)
        if errors:
            raise ValidationError({"conditions": errors})


class NoPenaltyItem(CatalogItem):
    """首次轻微违法免罚清单 entry: first, minor, promptly corrected → no penalty."""

    code_letters = "MF"
    content_fields = ("power_item", "violation", "conditions", "mandatory", "basis", "measures")

    class Meta(CatalogItem.Meta):
        verbose_name = "免罚事项"
        verbose_name_plural = "首次轻微违法免罚清单"


class NoPenaltyItemVersion(ItemVersion):
    item = models.ForeignKey(NoPenaltyItem, on_delete=models.CASCADE, related_name="versions")
    power_item = models.ForeignKey(
        "lists.PowerItem", verbose_name="处罚事项", on_delete=models.PROTECT, related_name="+"
    )
    violation = models.TextField("违法行为")
    conditions = models.JSONField("免罚条件", default=list)
    # 行政处罚法 第三十三条第一款 has both: its first sentence ("违法行为轻微并及时改正，没有造成
    # 危害后果的，不予行政处罚") is mandatory; its second ("初次违法且危害后果轻微并及时改正的，
    # 可以不予行政处罚") leaves the agency discretion. The statute applies to every penalty item
    # whether listed or not (``lists.statutory``); an entry states how the agency applies it.
    mandatory = models.BooleanField("应当不予处罚", default=False)
    basis = models.CharField("依据", max_length=200, default="行政处罚法 第三十三条")
    measures = models.CharField("替代措施", max_length=200, default="批评教育、责令改正")

    class Meta(ItemVersion.Meta):
        verbose_name = "免罚事项版本"
        verbose_name_plural = "免罚事项版本"

    def clean(self) -> None:
        from ..discretion import validate_conditions

        errors = validate_conditions(self.conditions)
        if errors:
            raise ValidationError({"conditions": errors})


NoPenaltyItem.version_model = NoPenaltyItemVersion
