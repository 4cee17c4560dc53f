"""The respondent's reply and evidence as submitted (第四十八条, 第七十条), and the applicant's
and third parties' reading of them (阅卷, 第四十七条), every access logged."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from fazhi.core.org.scoping import RestrictedManager, Scope

from ..party_choices import AccessMode, AccessRefusalGround, AccessState, SubmissionKind

STAFF = settings.AUTH_USER_MODEL


class RespondentSubmission(models.Model):
    case = models.ForeignKey(
        "casework.Case", on_delete=models.CASCADE, related_name="respondent_submissions"
    )
    document = models.OneToOneField(
        "casework.Document", on_delete=models.PROTECT, related_name="respondent_submission"
    )
    kind = models.CharField("材料类别", max_length=20, choices=SubmissionKind.choices)
    submitted_on = models.DateField("提交日期")
    # The reply deadline's last day when submitted; after it the material is late (第七十条).
    due = models.DateField("答复期限届满日", null=True, blank=True)
    late = models.BooleanField("逾期提交", default=False)
    submitted_by = models.ForeignKey(
        STAFF, verbose_name="提交人", on_delete=models.PROTECT, related_name="+"
    )

    scope = Scope("participants", "case")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "被申请人答复材料"
        verbose_name_plural = "被申请人答复材料"
        ordering = ["submitted_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.document}"


class FileAccessRequest(models.Model):
    case = models.ForeignKey(
        "casework.Case", on_delete=models.CASCADE, related_name="file_access_requests"
    )
    requester = models.ForeignKey(
        "casework.Party", verbose_name="申请人", on_delete=models.PROTECT, related_name="+"
    )
    requested_on = models.DateField("申请日期")
    state = models.CharField(
        "状态", max_length=20, choices=AccessState.choices, default=AccessState.REQUESTED
    )
    decided_on = models.DateField("决定日期", null=True, blank=True)
    decided_by = models.ForeignKey(
        STAFF,
        verbose_name="决定人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    refusal_ground = models.CharField(
        "不同意的情形", max_length=20, choices=AccessRefusalGround.choices, blank=True
    )
    reasons = models.TextField("理由", blank=True)

    scope = Scope("participants", "case")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "阅卷申请"
        verbose_name_plural = "阅卷申请"
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(state=AccessState.REFUSED) | ~models.Q(refusal_ground=""),
                name="%(app_label)s_%(class)s_refusal_has_ground",
            )
        ]

    def __str__(self) -> str:
        return f"{self.requester} 阅卷申请（{self.get_state_display()}）"


class FileAccess(models.Model):
    """One reading or copying: who read, who let them (or the account online), when, which
    files. Written once, never changed (the audit log keeps its creation)."""

    request = models.ForeignKey(
        FileAccessRequest, on_delete=models.PROTECT, related_name="accesses"
    )
    case = models.ForeignKey("casework.Case", on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField("时间", default=timezone.now)
    mode = models.CharField("方式", max_length=20, choices=AccessMode.choices)
    reader = models.CharField("阅卷人", max_length=100)
    staff = models.ForeignKey(
        STAFF,
        verbose_name="经办人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    account = models.ForeignKey(
        "accounts.PublicAccount",
        verbose_name="网上账号",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    documents = models.ManyToManyField(
        "casework.Document", verbose_name="所阅材料", related_name="+"
    )

    scope = Scope("participants", "case")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "阅卷记录"
        verbose_name_plural = "阅卷记录"
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.reader} {self.get_mode_display()} {self.at:%Y-%m-%d %H:%M}"
