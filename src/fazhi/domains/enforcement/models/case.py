"""The enforcement case: the detail of a casework ``Case`` of kind ``penalty``."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from fazhi.core.org.scoping import RestrictedManager, Scope

from ..choices import Outcome, PartyKind, PenaltyType, Procedure


class EnforcementCase(models.Model):
    case = models.OneToOneField(
        "casework.Case", on_delete=models.CASCADE, related_name="enforcement"
    )
    # The power exercised: its legal basis, its benchmark, and the department's right to act.
    # A case collected from a sector system may name no item of our power list (its source
    # does not say); a case handled here always does (its creation form requires it).
    power_item = models.ForeignKey(
        "lists.PowerItem",
        verbose_name="执法事项",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    procedure = models.CharField(
        "程序", max_length=20, choices=Procedure.choices, default=Procedure.ORDINARY
    )
    violation_on = models.DateField("违法行为发生（终了）日期")
    # 行政处罚法 第三十六条: the limitation is five years where citizens' life and health or
    # financial safety is involved and there are harmful consequences.
    grave_harm = models.BooleanField("涉及生命健康安全、金融安全且有危害后果", default=False)
    # 行政处罚法 第五十八条第一款: major cases need a legal review before the decision.
    major = models.BooleanField("重大执法决定（须法制审核）", default=False)
    facts = models.TextField("违法事实", blank=True)
    # 第五十七条第二款: 情节复杂或者重大违法行为给予行政处罚, 负责人应当集体讨论决定.
    complex_case = models.BooleanField("情节复杂（须集体讨论）", default=False)
    # The thresholds of the simplified procedure (第五十一条) and of the hearing (第六十三条)
    # differ for citizens and for legal persons or other organisations.
    party_kind = models.CharField(
        "当事人类别", max_length=20, choices=PartyKind.choices, default=PartyKind.ORGANISATION
    )
    proposed_fine = models.DecimalField(
        "拟罚款金额（元）", max_digits=14, decimal_places=2, null=True, blank=True
    )
    # Discretion (第三十四条): the circumstances as the benchmark's declared facts, and what
    # ``lists.discretion.tier_for`` proposed from them on the day they were recorded.
    discretion_facts = models.JSONField("裁量情节", default=dict, blank=True)
    proposed_tier = models.CharField("建议裁量阶次", max_length=80, blank=True)
    proposed_fine_min = models.DecimalField(
        "裁量幅度下限（元）", max_digits=14, decimal_places=2, null=True, blank=True
    )
    proposed_fine_max = models.DecimalField(
        "裁量幅度上限（元）", max_digits=14, decimal_places=2, null=True, blank=True
    )
    # 第三十三条: the no-penalty finding (statute or local list), when there is one.
    no_penalty_basis = models.CharField("不予处罚依据", max_length=200, blank=True)
    no_penalty_mandatory = models.BooleanField("应当不予处罚", default=False)
    # A proposed or decided penalty outside the range or tier needs its reason on record.
    deviation_reason = models.TextField("偏离裁量基准的理由", blank=True)

    # The decision, as decided here or as the sector system reports it: what publicity,
    # supervision and statistics read, the same for handled and collected cases.
    outcome = models.CharField("结果", max_length=20, choices=Outcome.choices, blank=True)
    penalty_type = models.CharField(
        "处罚种类", max_length=20, choices=PenaltyType.choices, blank=True
    )
    decision_no = models.CharField("决定书文号", max_length=80, blank=True)
    decided_on = models.DateField("决定日期", null=True, blank=True)
    fine = models.DecimalField(
        "罚款金额（元）", max_digits=14, decimal_places=2, null=True, blank=True
    )
    served_on = models.DateField("决定书送达日期", null=True, blank=True)
    # 执行 (第六十七条、第七十二条): the day the fine was paid in full, with the surcharge.
    paid_on = models.DateField("罚款缴清日期", null=True, blank=True)
    surcharge = models.DecimalField(
        "加处罚款（元）", max_digits=14, decimal_places=2, null=True, blank=True
    )
    # The sector's own classification (e.g. 交通运输: 出租车违规经营, 非法营运) and, in road
    # transport, the vehicle concerned: what the sector's figures count by.
    category = models.CharField("违法类别", max_length=60, blank=True)
    vehicle_plate = models.CharField("车辆号牌", max_length=20, blank=True)

    # The department whose case it is (the case's owner participant, copied here when the
    # detail is created): supervision counts decisions per department over a million cases
    # without joining every case's participants.
    owner = models.ForeignKey(
        "org.OrgUnit",
        verbose_name="办案机关",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )

    # 执法公示 (行政处罚法 第四十八条): the day the decision was published (its earliest penalty
    # publication not withdrawn) and the last day the publication rules gave for it. Copies
    # kept by ``publicity.sync_publication`` on every publication and withdrawal, so that
    # supervision counts the published, late and missing without joining the publications.
    published_on = models.DateField("公开日期", null=True, blank=True, editable=False)
    publication_due = models.DateField("公开期限", null=True, blank=True, editable=False)

    scope = Scope("participants", "case")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "行政执法案件"
        verbose_name_plural = "行政执法案件"
        ordering = ["-id"]
        # Supervision counts decisions by the day they were taken (publication lateness).
        indexes = [
            models.Index(fields=["decided_on", "outcome"], name="enforcement_ec_decided_on"),
            models.Index(fields=["owner", "decided_on"], name="enforcement_ec_owner_decided"),
            # The supervision publication view reads a year of decisions from this index alone
            # (an index-only scan): the rules' columns and the publication's copies.
            models.Index(
                fields=[
                    "decided_on",
                    "owner",
                    "outcome",
                    "procedure",
                    "penalty_type",
                    "published_on",
                    "publication_due",
                ],
                name="enforcement_ec_publication",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(proposed_fine__isnull=True) | models.Q(proposed_fine__gte=0),
                name="%(app_label)s_%(class)s_fine_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(fine__isnull=True) | models.Q(fine__gte=0),
                name="%(app_label)s_%(class)s_decided_fine_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case.number or self.case.title}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.owner_id is None and self.case_id is not None:
            from fazhi.core.casework.models import Participant

            self.owner_id = (
                Participant.objects.filter(case_id=self.case_id, role="owner")
                .values_list("org_unit_id", flat=True)
                .first()
            )
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.proposed_fine is not None and self.proposed_fine < Decimal(0):
            raise ValidationError({"proposed_fine": "罚款金额不能为负数"})
        if self.fine is not None and self.fine < Decimal(0):
            raise ValidationError({"fine": "罚款金额不能为负数"})
