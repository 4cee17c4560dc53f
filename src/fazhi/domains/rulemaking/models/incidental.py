"""The rulemaking side of incidental review (附带审查, STATUTES.md A23, I1): a request recorded on
a reconsideration case (``disputes.IncidentalReview``) linked to the normative document it names
(the version in force when the act relied on it, and the provisions cited), so the document's
page lists the requests about it and the case lists the documents; and what the answer means for
the document (its handling when a provision was found unlawful)."""

from __future__ import annotations

from django.db import models

from fazhi.core.org.scoping import RestrictedManager, Scope

from .texts import Provision, TextVersion


class IncidentalLink(models.Model):
    review = models.OneToOneField(
        "disputes.IncidentalReview",
        verbose_name="附带审查申请",
        on_delete=models.CASCADE,
        related_name="document_link",
    )
    version = models.ForeignKey(
        TextVersion,
        verbose_name="规范性文件",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="incidental_links",
    )
    provisions = models.ManyToManyField(
        Provision, verbose_name="请求审查的条款", blank=True, related_name="incidental_links"
    )
    # What follows from an unlawful conclusion for the document (停止执行、责令纠正、修改、废止).
    handling = models.TextField("文件处理", blank=True)

    scope = Scope("participants", "review__case")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "附带审查关联文件"
        verbose_name_plural = "附带审查关联文件"
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.review}：{self.version or '未关联文件'}"
