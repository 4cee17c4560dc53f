"""Recording a case-review meeting (案审会) of a department: its head records who attended, and
for each case discussed the opinion and the decision.

A meeting covers the department's own enforcement cases, handled here or collected from its
sector system. It changes no case: a collected case stays as its source reports it, and on a
handled case the decision is still taken by the case's own step (the meeting is its record of
collective discussion, 行政处罚法 第五十七条第二款).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from fazhi.core.casework.models import Participant
from fazhi.core.org.choices import Role
from fazhi.core.org.models import OrgUnit, Staff

from .models import AttendanceRole, EnforcementCase, Meeting, MeetingAttendance, MeetingCase

BASIS = "行政处罚法 第五十七条"


class MeetingRefused(Exception):
    def __init__(self, message: str, basis: str = BASIS) -> None:
        super().__init__(message)
        self.message = message
        self.basis = basis

    def __str__(self) -> str:
        return f"{self.message}（{self.basis}）"


@dataclass(frozen=True)
class Attendee:
    name: str
    role: str
    title: str = ""
    staff: Staff | None = None


@dataclass(frozen=True)
class Item:
    case_id: int
    opinion: str
    decision: str
    note: str = ""


def may_record(actor: Any, department: OrgUnit) -> bool:
    """Only the department's head records its meetings."""
    return any(
        row.role == Role.DEPARTMENT_HEAD and row.org_unit_id == department.pk
        for row in actor.role_rows()
    )


def record_meeting(
    *,
    department: OrgUnit,
    held_on: date,
    subject: str,
    attendance: Sequence[Attendee],
    items: Sequence[Item],
    actor: Staff,
    place: str = "",
) -> Meeting:
    """Record one meeting; ``MeetingRefused`` (with its article) says what is wrong."""
    if not may_record(actor, department):
        raise MeetingRefused(f"只有{department}的负责人可以登记本部门的案审会")
    if held_on > timezone.localdate():
        raise MeetingRefused("案审会的召开日期不能晚于今天")
    if not any(a.role == AttendanceRole.CHAIR for a in attendance):
        raise MeetingRefused("案审会须由负责人主持，请登记主持人")
    if sum(a.role in (AttendanceRole.CHAIR, AttendanceRole.MEMBER) for a in attendance) < 3:
        raise MeetingRefused("集体讨论须有三名以上主持和参会人员")
    names = [a.name for a in attendance]
    if len(set(names)) != len(names):
        raise MeetingRefused("出席人员重复")
    if not items:
        raise MeetingRefused("请至少登记一个审议的案件")
    ids = [i.case_id for i in items]
    if len(set(ids)) != len(ids):
        raise MeetingRefused("同一案件在一次案审会上只能登记一次")
    own = set(
        Participant.objects.filter(case_id__in=ids, role="owner", org_unit=department).values_list(
            "case_id", flat=True
        )
    )
    enforcement = dict(
        EnforcementCase.objects.filter(case_id__in=ids).values_list("case_id", "case__opened_on")
    )
    for i in items:
        if i.case_id not in own or i.case_id not in enforcement:
            raise MeetingRefused("只能审议本部门的行政执法案件")
        if enforcement[i.case_id] > held_on:
            raise MeetingRefused("案审会召开时该案件尚未立案")
        if not i.opinion.strip():
            raise MeetingRefused("请填写每个案件的讨论意见")
    with transaction.atomic():
        meeting = Meeting.objects.create(
            department=department,
            held_on=held_on,
            subject=subject,
            place=place,
            recorded_by=actor,
        )
        # One create per row (a meeting has a handful): each is a staff write, audited.
        for a in attendance:
            MeetingAttendance.objects.create(
                meeting=meeting, name=a.name, title=a.title, role=a.role, staff=a.staff
            )
        for i in items:
            MeetingCase.objects.create(
                meeting=meeting,
                case_id=i.case_id,
                opinion=i.opinion,
                decision=i.decision,
                note=i.note,
            )
    return meeting
