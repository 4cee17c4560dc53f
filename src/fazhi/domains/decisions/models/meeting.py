"""The decision body's executive or plenary meetings and their agendas (议题): 条例 第三十条."""

from __future__ import annotations

from django.db import models

from fazhi.core.org.scoping import RestrictedManager, Scope

from ..choices import MeetingKind


class Meeting(models.Model):
    government = models.ForeignKey(
        "org.OrgUnit", verbose_name="决策机关", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField("会议", max_length=20, choices=MeetingKind.choices)
    session = models.CharField("届次", max_length=40)
    held_on = models.DateField("会议日期")
    chair = models.CharField("主持人（行政首长）", max_length=50)

    scope = Scope("owner", "government")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "政府常务（全体）会议"
        verbose_name_plural = "政府常务（全体）会议"
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["government", "kind", "session"],
                name="%(app_label)s_%(class)s_unique_session",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}（{self.session}）"


class AgendaItem(models.Model):
    """A decision placed on a meeting's agenda: only through the workflow step that checks
    every statutory procedure first (未履行法定程序的议题，坚决不上会)."""

    meeting = models.ForeignKey(
        Meeting, verbose_name="会议", on_delete=models.CASCADE, related_name="items"
    )
    decision = models.ForeignKey(
        "decisions.MajorDecision",
        verbose_name="决策",
        on_delete=models.PROTECT,
        related_name="agenda_items",
    )
    order = models.PositiveIntegerField("议题顺序")
    placed_on = models.DateField("列入日期")

    scope = Scope("owner", "meeting__government")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "会议议题"
        verbose_name_plural = "会议议题"
        ordering = ["meeting", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "decision"], name="%(app_label)s_%(class)s_unique_decision"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting}：{self.decision}"
