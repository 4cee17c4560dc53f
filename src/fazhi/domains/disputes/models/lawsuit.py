"""行政应诉: a lawsuit against a department (or the government), the detail of a casework
``Case`` of kind ``lawsuit``; its defendants, its instances, each hearing's appearance per
defendant, the court's judicial suggestions, and the quarterly appearance bulletins."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from fazhi.core.org.scoping import RestrictedManager, Scope

from ..litigation_choices import (
    HEAD_APPEARERS,
    LOSSES,
    AbsenceReason,
    Appearer,
    DecisionType,
    DefendantCapacity,
    InstanceLevel,
    LawsuitOutcome,
)


class LawsuitCase(models.Model):
    case = models.OneToOneField("casework.Case", on_delete=models.CASCADE, related_name="lawsuit")
    cause = models.CharField("案由", max_length=200)
    # The plaintiffs' names as the complaint gives them: personal data, never published (the
    # bulletin counts sessions per department only).
    plaintiffs = models.TextField("原告")
    # 行政诉讼法 第六十七条: the fifteen days run from the service of the complaint copy.
    served_on = models.DateField("收到起诉状副本之日")
    outcome = models.CharField("结果", max_length=30, choices=LawsuitOutcome.choices, blank=True)
    ended_on = models.DateField("结案日期", null=True, blank=True)

    scope = Scope("participants", "case")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "行政应诉案件"
        verbose_name_plural = "行政应诉案件"
        ordering = ["-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(outcome="") | models.Q(ended_on__isnull=False),
                name="%(app_label)s_%(class)s_outcome_has_end",
            ),
        ]

    def __str__(self) -> str:
        return str(self.case)

    @property
    def lost(self) -> bool:
        return self.outcome in LOSSES

    def current_instance(self) -> CourtInstance | None:
        return self.instances.order_by("-started_on", "-pk").first()


class LawsuitDefendant(models.Model):
    lawsuit = models.ForeignKey(LawsuitCase, on_delete=models.CASCADE, related_name="defendants")
    org_unit = models.ForeignKey(
        "org.OrgUnit", verbose_name="被告", on_delete=models.PROTECT, related_name="+"
    )
    capacity = models.CharField("被告身份", max_length=30, choices=DefendantCapacity.choices)
    defence_filed_on = models.DateField("提交答辩状、证据日期", null=True, blank=True)
    # 行政诉讼法 第三十四条第二款; 2018解释 第三十四条: evidence not given in time counts as none.
    defence_late = models.BooleanField("逾期举证", default=False)

    scope = Scope("participants", "lawsuit__case")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "被告"
        verbose_name_plural = "被告"
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["lawsuit", "org_unit"], name="%(app_label)s_%(class)s_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.org_unit}（{self.get_capacity_display()}）"


class CourtInstance(models.Model):
    lawsuit = models.ForeignKey(LawsuitCase, on_delete=models.CASCADE, related_name="instances")
    level = models.CharField("审级", max_length=10, choices=InstanceLevel.choices)
    court = models.CharField("法院", max_length=100)
    court_number = models.CharField("法院案号", max_length=60)
    started_on = models.DateField("开始日期")
    decision_type = models.CharField(
        "裁判文书", max_length=10, choices=DecisionType.choices, blank=True
    )
    outcome = models.CharField("结果", max_length=30, choices=LawsuitOutcome.choices, blank=True)
    # The day the judgment or ruling was served: the appeal period runs from it (第八十五条).
    decided_on = models.DateField("裁判文书送达之日", null=True, blank=True)

    scope = Scope("participants", "lawsuit__case")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "审级"
        verbose_name_plural = "审级"
        ordering = ["started_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(outcome="") | models.Q(decided_on__isnull=False),
                name="%(app_label)s_%(class)s_outcome_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_level_display()} {self.court_number}"


class CourtSession(models.Model):
    """A court session (开庭) of an instance, on its day."""

    instance = models.ForeignKey(CourtInstance, on_delete=models.CASCADE, related_name="hearings")
    held_on = models.DateField("开庭日期", db_index=True)

    scope = Scope("participants", "instance__lawsuit__case")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "开庭"
        verbose_name_plural = "开庭"
        ordering = ["held_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["instance", "held_on"], name="%(app_label)s_%(class)s_unique_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instance} {self.held_on}"


class Appearance(models.Model):
    """Who appeared for one defendant at one session (行政诉讼法 第三条第三款)."""

    hearing = models.ForeignKey(CourtSession, on_delete=models.CASCADE, related_name="appearances")
    defendant = models.ForeignKey(
        "org.OrgUnit", verbose_name="被告", on_delete=models.PROTECT, related_name="+"
    )
    appearer = models.CharField("出庭人员", max_length=20, choices=Appearer.choices)
    name = models.CharField("姓名", max_length=50, blank=True)
    post = models.CharField("职务", max_length=50, blank=True)
    absence_reason = models.CharField(
        "负责人未出庭理由", max_length=30, choices=AbsenceReason.choices, blank=True
    )
    absence_note = models.CharField("理由说明", max_length=500, blank=True)
    # 2018解释 第一百二十九条第一款: the court asked in writing for the head to appear.
    head_requested = models.BooleanField("法院书面建议负责人出庭", default=False)

    scope = Scope("participants", "hearing__instance__lawsuit__case")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "出庭应诉"
        verbose_name_plural = "出庭应诉"
        ordering = ["hearing__held_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["hearing", "defendant"], name="%(app_label)s_%(class)s_unique"
            ),
            # A head appeared, or the reason why not is recorded.
            models.CheckConstraint(
                condition=models.Q(appearer__in=sorted(HEAD_APPEARERS))
                | ~models.Q(absence_reason=""),
                name="%(app_label)s_%(class)s_reason_when_absent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.hearing} {self.defendant} {self.get_appearer_display()}"

    @property
    def head_appeared(self) -> bool:
        return self.appearer in HEAD_APPEARERS


class JudicialSuggestion(models.Model):
    """司法建议 received from a court, its reply deadline and the reply."""

    lawsuit = models.ForeignKey(LawsuitCase, on_delete=models.CASCADE, related_name="suggestions")
    addressed_to = models.ForeignKey(
        "org.OrgUnit", verbose_name="被建议单位", on_delete=models.PROTECT, related_name="+"
    )
    court = models.CharField("提出建议的法院", max_length=100)
    received_on = models.DateField("收到日期")
    content = models.TextField("建议内容")
    reply_due = models.DateField("答复期限", db_index=True)
    # Where the due date comes from: the suggestion itself, or the declared period.
    due_basis = models.CharField("期限依据", max_length=200)
    replied_on = models.DateField("答复日期", null=True, blank=True)
    reply = models.TextField("答复内容", blank=True)

    scope = Scope("participants", "lawsuit__case")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "司法建议"
        verbose_name_plural = "司法建议"
        ordering = ["received_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reply_due__gte=models.F("received_on")),
                name="%(app_label)s_%(class)s_due_after_receipt",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.court}司法建议（{self.received_on}）"

    @property
    def replied_late(self) -> bool:
        return self.replied_on is not None and self.replied_on > self.reply_due


class AppearanceBulletin(models.Model):
    """《全市行政机关负责人出庭应诉情况通报》 for one quarter, computed from the appearances; its
    Word document and its publication on the portal (through the disclosure gate)."""

    issuer = models.ForeignKey(
        "org.OrgUnit", verbose_name="通报机关", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField("年度")
    quarter = models.PositiveSmallIntegerField("季度")
    issued_on = models.DateField("印发日期")
    # The per-department rows as computed on the day (the document and the publication carry
    # the same numbers).
    rows = models.JSONField("统计", default=list)
    document = models.ForeignKey(
        "casework.Document",
        verbose_name="通报（Word）",
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
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    scope = Scope("owner", "issuer")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "负责人出庭应诉情况通报"
        verbose_name_plural = "负责人出庭应诉情况通报"
        ordering = ["-year", "-quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "year", "quarter"], name="%(app_label)s_%(class)s_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(quarter__gte=1) & models.Q(quarter__lte=4),
                name="%(app_label)s_%(class)s_quarter",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}年第{self.quarter}季度负责人出庭应诉情况通报"

    def totals(self) -> dict[str, Any]:
        sessions = sum(r["sessions"] for r in self.rows)
        heads = sum(r["head_sessions"] for r in self.rows)
        return {"sessions": sessions, "head_sessions": heads}
