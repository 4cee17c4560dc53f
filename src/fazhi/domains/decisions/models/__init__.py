"""Models of the decisions domain; each sub-domain in its own module."""

from .advisers import AdviserContract, AdviserEvaluation, AdviserMessage, AdviserRound, WorkLog
from .catalog import CatalogAdjustment, CatalogItem, DecisionCatalog
from .decision import (
    Consultation,
    Discussion,
    Expert,
    ExpertReview,
    Hearing,
    ImplementationReport,
    LegalityReview,
    MajorDecision,
    MemberOpinion,
    PostEvaluation,
    RiskAssessment,
)
from .meeting import AgendaItem, Meeting
from .opinions import LegalOpinion

__all__ = [
    "AdviserContract",
    "AdviserEvaluation",
    "AdviserMessage",
    "AdviserRound",
    "AgendaItem",
    "CatalogAdjustment",
    "CatalogItem",
    "Consultation",
    "DecisionCatalog",
    "Discussion",
    "Expert",
    "ExpertReview",
    "Hearing",
    "ImplementationReport",
    "LegalOpinion",
    "LegalityReview",
    "MajorDecision",
    "Meeting",
    "MemberOpinion",
    "PostEvaluation",
    "RiskAssessment",
    "WorkLog",
]
