"""证明事项清单: which proofs a department may ask for, and the 减证便民 complaints."""

from __future__ import annotations

from django.db import models

from fazhi.core.org.scoping import RestrictedManager, Scope

from ..choices import ProofReplacement, ProofStatus
from .base import CatalogItem, ItemVersion


class ProofRequirement(CatalogItem):
    """A certificate an applicant must bring for an item: retained, cancelled or notify-commit."""

    status = models.CharField("证明状态", max_length=20, choices=ProofStatus.choices, db_index=True)
    code_letters = "ZM"
    content_fields = ("power_item", "issuer", "status", "replacement", "community_issued")

    class Meta(CatalogItem.Meta):
        verbose_name = "证明事项"
        verbose_name_plural = "证明事项清单"


class ProofRequirementVersion(ItemVersion):
    item = models.ForeignKey(ProofRequirement, on_delete=models.CASCADE, related_name="versions")
    power_item = models.ForeignKey(
        "lists.PowerItem",
        verbose_name="涉及事项",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    issuer = models.CharField("开具单位", max_length=200, blank=True)
    status = models.CharField("证明状态", max_length=20, choices=ProofStatus.choices)
    replacement = models.CharField(
        "替代方式", max_length=20, choices=ProofReplacement.choices, blank=True
    )
    # Issued by a village or community office (the "社区万能章" the 2019 cleanup targeted).
    community_issued = models.BooleanField("由村（社区）开具", default=False)

    class Meta(ItemVersion.Meta):
        verbose_name = "证明事项版本"
        verbose_name_plural = "证明事项版本"


ProofRequirement.version_model = ProofRequirementVersion


class ProofComplaint(models.Model):
    """A complaint that a cancelled proof is still demanded: a case kind of the casework core."""

    case = models.OneToOneField(
        "casework.Case", on_delete=models.CASCADE, related_name="proof_complaint"
    )
    proof = models.ForeignKey(
        ProofRequirement,
        verbose_name="被要求的证明",
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    region = models.ForeignKey(
        "org.Region", verbose_name="村（社区）", null=True, blank=True, on_delete=models.PROTECT
    )
    demanded_by = models.CharField("要求提供证明的单位", max_length=200)
    description = models.TextField("投诉内容")
    reply = models.TextField("答复", blank=True)
    # Submitted on the portal by a public account (null: registered by staff).
    account = models.ForeignKey(
        "accounts.PublicAccount",
        verbose_name="投诉人账号",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    scope = Scope("participants", "case")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "减证便民投诉"
        verbose_name_plural = "减证便民投诉"

    def __str__(self) -> str:
        return f"{self.case.number} {self.proof.name}"
