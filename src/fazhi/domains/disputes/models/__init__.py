from .access import FileAccess, FileAccessRequest, RespondentSubmission
from .case import ReconsiderationCase
from .hearing import CommitteeOpinion, CommitteeReferral, Hearing
from .parties import Application, IncidentalReview, PartyRecord
from .performance import DecisionPerformance, PerformanceRecord
from .rules import CommitteeRule, CommitteeRuleVersion
from .typical import TypicalCase, TypicalCaseCompilation

__all__ = [
    "Application",
    "CommitteeOpinion",
    "CommitteeReferral",
    "CommitteeRule",
    "CommitteeRuleVersion",
    "DecisionPerformance",
    "FileAccess",
    "FileAccessRequest",
    "Hearing",
    "IncidentalReview",
    "PartyRecord",
    "PerformanceRecord",
    "ReconsiderationCase",
    "RespondentSubmission",
    "TypicalCase",
    "TypicalCaseCompilation",
]
