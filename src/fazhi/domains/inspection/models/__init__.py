"""Models of the inspection domain; each sub-domain in its own module."""

from .checkitem import CheckItem, CheckItemVersion
from .inspectors import OfficerGrid, OfficerQualification, Qualification
from .plan import InspectionPlan, PlanEntry
from .results import Finding, FindingPhoto, InspectionTask

__all__ = [
    "CheckItem",
    "CheckItemVersion",
    "Finding",
    "FindingPhoto",
    "InspectionPlan",
    "InspectionTask",
    "OfficerGrid",
    "OfficerQualification",
    "PlanEntry",
    "Qualification",
]
