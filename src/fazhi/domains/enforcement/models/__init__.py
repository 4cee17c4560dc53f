"""Models of administrative enforcement, one module per sub-domain (the case; and, as they
come, supervision, publicity, city matters …). Each sub-module's models are re-exported here
so ``fazhi.domains.enforcement.models.X`` stays the one import path."""

from .case import EnforcementCase
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
from .supervision import Campaign, CampaignProblem, SupervisionOpinion

__all__ = [
    "Campaign",
    "CampaignProblem",
    "Checklist",
    "ChecklistItem",
    "ChecklistVersion",
    "DepartmentReview",
    "EnforcementCase",
    "FileProblem",
    "FileReview",
    "ItemScore",
    "ReviewedFile",
    "SupervisionOpinion",
]
