"""Models of administrative enforcement, one module per sub-domain (the case; and, as they
come, supervision, publicity, city matters …). Each sub-module's models are re-exported here
so ``fazhi.domains.enforcement.models.X`` stays the one import path."""

from .case import EnforcementCase
from .city import OverloadCheck, UrbanMatter
from .coercion import CoerciveMeasure
from .evidence import Evidence
from .filereview import (
    Checklist,
    ChecklistItem,
    ChecklistVersion,
    DepartmentReview,
    FileProblem,
    FileReview,
    ItemScore,
    ReviewedFile,
)
from .hotline import HotlineOrder
from .meeting import AttendanceRole, Meeting, MeetingAttendance, MeetingCase, MeetingDecision
from .publicity import DepartmentSector, PublicationRule
from .supervision import Campaign, CampaignProblem, SupervisionOpinion

__all__ = [
    "AttendanceRole",
    "Campaign",
    "CampaignProblem",
    "Checklist",
    "ChecklistItem",
    "ChecklistVersion",
    "CoerciveMeasure",
    "DepartmentReview",
    "DepartmentSector",
    "EnforcementCase",
    "Evidence",
    "FileProblem",
    "FileReview",
    "HotlineOrder",
    "ItemScore",
    "Meeting",
    "MeetingAttendance",
    "MeetingCase",
    "MeetingDecision",
    "OverloadCheck",
    "PublicationRule",
    "ReviewedFile",
    "SupervisionOpinion",
    "UrbanMatter",
]
