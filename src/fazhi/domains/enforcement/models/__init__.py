"""Models of administrative enforcement, one module per sub-domain (the case; and, as they
come, supervision, publicity, city matters …). Each sub-module's models are re-exported here
so ``fazhi.domains.enforcement.models.X`` stays the one import path."""

from .case import EnforcementCase
from .meeting import AttendanceRole, Meeting, MeetingAttendance, MeetingCase, MeetingDecision

__all__ = [
    "AttendanceRole",
    "EnforcementCase",
    "Meeting",
    "MeetingAttendance",
    "MeetingCase",
    "MeetingDecision",
]
