"""听证 (第五十条、第五十一条) and the committee's consultation (第五十二条、第六十一条)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from fazhi.core.org.scoping import RestrictedManager, Scope

from ..party_choices import CommitteeGround, HearingGround, HearingState

STAFF = settings.AUTH_USER_MODEL


class Hearing(models.Model):
    case = models.ForeignKey("casework.Case", on_delete=models.CASCADE, related_name="hearings")
    ground = models.CharField("听证理由", max_length=20, choices=HearingGround.choices)
    hearing_on = models.DateField("听证日期")
    place = models.CharField("听证地点", max_length=200)
    matters = models.TextField("拟听证事项")
    notice_served_on = models.DateField("书面通知日期")
    # 第五十条第三款: 一名主持人, 两名以上听证员 (行政复议人员), 一名记录员.
    host = models.ForeignKey(
        STAFF, verbose_name="主持人", on_delete=models.PROTECT, related_name="+"
    )
    members: models.ManyToManyField[Any, Any] = models.ManyToManyField(
        STAFF, verbose_name="听证员", related_name="+"
    )
    recorder = models.ForeignKey(
        STAFF, verbose_name="记录员", on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField(
        "状态", max_length=20, choices=HearingState.choices, default=HearingState.SCHEDULED
    )
    held_on = models.DateField("举行日期", null=True, blank=True)
    applicant_attended = models.BooleanField("申请人参加", default=True)
    # 第五十一条第三款: 被申请人的负责人应当参加; 不能参加的, 说明理由并委托工作人员参加.
    respondent_head_attended = models.BooleanField("被申请人负责人参加", default=True)
    respondent_attendee = models.CharField("被申请人参加人员", max_length=200, blank=True)
    head_absence_reason = models.CharField("负责人未参加的理由", max_length=300, blank=True)
    record = models.TextField("听证笔录", blank=True)

    scope = Scope("participants", "case")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "行政复议听证"
        verbose_name_plural = "行政复议听证"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.case} 听证 {self.hearing_on:%Y-%m-%d}"


class CommitteeReferral(models.Model):
    case = models.ForeignKey(
        "casework.Case", on_delete=models.CASCADE, related_name="committee_referrals"
    )
    ground = models.CharField("提请咨询的情形", max_length=20, choices=CommitteeGround.choices)
    questions = models.TextField("咨询事项")
    referred_on = models.DateField("提请日期")
    referred_by = models.ForeignKey(
        STAFF, verbose_name="提请人", on_delete=models.PROTECT, related_name="+"
    )

    scope = Scope("participants", "case")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "提请行政复议委员会咨询"
        verbose_name_plural = "提请行政复议委员会咨询"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.case} 提请委员会咨询"


class CommitteeOpinion(models.Model):
    """第六十一条第三款: the consultative opinion is an important reference for the decision."""

    referral = models.ForeignKey(
        CommitteeReferral, on_delete=models.CASCADE, related_name="opinions"
    )
    case = models.ForeignKey("casework.Case", on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey(
        STAFF, verbose_name="委员", on_delete=models.PROTECT, related_name="+"
    )
    opinion = models.TextField("咨询意见")
    given_on = models.DateField("提出日期")

    scope = Scope("participants", "case")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "复议委员会咨询意见"
        verbose_name_plural = "复议委员会咨询意见"
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["referral", "member"], name="%(app_label)s_%(class)s_one_per_member"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} 的咨询意见"
