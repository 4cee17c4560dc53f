"""The register of legal opinions (法律意见书) and review opinions (审查意见) on major agreements,
decisions and drafts, kept by the legal office (the justice bureau) and the advisers."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q

from fazhi.core.org.scoping import RestrictedManager, Scope, visible_unit_ids

from ..choices import OpinionConclusion, OpinionKind, OpinionSubject


def _requester_or_author(user: Any, action: str) -> Q:
    # Shared by the unit that asked and the unit that wrote it (owners:requester,author_unit).
    units = visible_unit_ids(user, "change" if action == "change" else "view")
    return Q(requester_id__in=units) | Q(author_unit_id__in=units)


class LegalOpinion(models.Model):
    number = models.CharField("编号", max_length=40, unique=True)
    kind = models.CharField("类别", max_length=20, choices=OpinionKind.choices)
    subject_kind = models.CharField("事项类别", max_length=20, choices=OpinionSubject.choices)
    subject = models.CharField("审查事项", max_length=200)
    requester = models.ForeignKey(
        "org.OrgUnit", verbose_name="送审单位", on_delete=models.PROTECT, related_name="+"
    )
    # The legal office that issues it; an adviser who wrote it is named beside it.
    author_unit = models.ForeignKey(
        "org.OrgUnit", verbose_name="出具单位", on_delete=models.PROTECT, related_name="+"
    )
    adviser = models.ForeignKey(
        "org.LegalAdviser",
        verbose_name="出具意见的法律顾问",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    received_on = models.DateField("收件日期")
    issued_on = models.DateField("出具日期")
    conclusion = models.CharField("结论", max_length=20, choices=OpinionConclusion.choices)
    summary = models.TextField("意见要点")
    decision = models.ForeignKey(
        "decisions.MajorDecision",
        verbose_name="所涉重大行政决策",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="opinions",
    )
    document = models.FileField("意见书（Word）", upload_to="decisions/opinions/", blank=True)

    scope = Scope("owner", "author_unit", custom=_requester_or_author)
    objects = RestrictedManager()

    class Meta:
        verbose_name = "法律意见书与审查意见"
        verbose_name_plural = "法律意见书与审查意见"
        ordering = ["-issued_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(issued_on__gte=models.F("received_on")),
                name="%(app_label)s_%(class)s_issued_after_received",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.subject}"
