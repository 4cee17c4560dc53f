"""Case-review meetings (案审会): a department's collective discussion of several cases.

行政处罚法 第五十七条第二款: 对情节复杂或者重大违法行为给予行政处罚，行政机关负责人应当集体讨论
决定. A meeting records its date, who attended in what role, and for each case discussed the
opinion and the decision. On a handled case it records the collective discussion; on a
collected case (decided in the sector's own system) it is a record for supervision and
statistics and changes nothing of the case.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from fazhi.core.org.scoping import RestrictedManager, Scope


class AttendanceRole(models.TextChoices):
    CHAIR = "chair", "主持人"
    MEMBER = "member", "参会人员"
    OBSERVER = "observer", "列席人员"
    RECORDER = "recorder", "记录人"


class MeetingDecision(models.TextChoices):
    AGREE = "agree", "同意承办机构意见"
    AMEND = "amend", "变更处理意见"
    INVESTIGATE = "investigate", "退回补充调查"
    NO_PENALTY = "no_penalty", "不予行政处罚"
    TRANSFER = "transfer", "移送有关机关"


class Meeting(models.Model):
    department = models.ForeignKey(
        "org.OrgUnit", verbose_name="召开部门", on_delete=models.PROTECT, related_name="+"
    )
    held_on = models.DateField("召开日期")
    subject = models.CharField("会议名称", max_length=200)
    place = models.CharField("地点", max_length=100, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    recorded_at = models.DateTimeField("登记时间", default=timezone.now)

    scope = Scope("owner", "department")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "案审会"
        verbose_name_plural = "案审会"
        ordering = ["-held_on", "-id"]
        indexes = [
            models.Index(fields=["department", "held_on"], name="enforcement_meeting_dept_on")
        ]

    def __str__(self) -> str:
        return f"{self.held_on.isoformat()} {self.subject}"


class MeetingAttendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    name = models.CharField("姓名", max_length=50)
    # The staff account when the attendee has one (sector staff and invited experts may not).
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    title = models.CharField("职务", max_length=50, blank=True)
    role = models.CharField("会议角色", max_length=20, choices=AttendanceRole.choices)

    scope = Scope("owner", "meeting__department")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "案审会出席人员"
        verbose_name_plural = "案审会出席人员"
        ordering = ["meeting", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "name"], name="%(app_label)s_%(class)s_unique_name"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_role_display()}）"


class MeetingCase(models.Model):
    """One case discussed at a meeting: the opinion voiced and the decision taken on it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    case = models.ForeignKey(
        "casework.Case", verbose_name="案件", on_delete=models.PROTECT, related_name="+"
    )
    opinion = models.TextField("讨论意见")
    decision = models.CharField("决定", max_length=20, choices=MeetingDecision.choices)
    note = models.CharField("决定说明", max_length=500, blank=True)

    scope = Scope("owner", "meeting__department")
    objects = RestrictedManager()

    class Meta:
        verbose_name = "案审会审议案件"
        verbose_name_plural = "案审会审议案件"
        ordering = ["meeting", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "case"], name="%(app_label)s_%(class)s_unique_case"
            )
        ]

    def __str__(self) -> str:
        return f"{self.case} — {self.get_decision_display()}"
