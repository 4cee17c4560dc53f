"""Models of the inspection domain; each sub-domain in its own module."""

from .checkitem import CheckItem, CheckItemVersion
from .draw import Assignment, Campaign, Conflict, PoolSnapshot, SeedCommitment, Target
from .inspectors import OfficerGrid, OfficerQualification, Qualification
from .plan import InspectionPlan, PlanEntry
from .results import Finding, FindingPhoto, InspectionTask

__all__ = [
    "Assignment",
    "Campaign",
    "CheckItem",
    "CheckItemVersion",
    "Conflict",
    "Finding",
    "FindingPhoto",
    "InspectionPlan",
    "InspectionTask",
    "OfficerGrid",
    "OfficerQualification",
    "PlanEntry",
    "PoolSnapshot",
    "Qualification",
    "SeedCommitment",
    "Target",
]
