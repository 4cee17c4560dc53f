from .access import FileAccess, FileAccessRequest, RespondentSubmission
from .case import ReconsiderationCase
from .hearing import CommitteeOpinion, CommitteeReferral, Hearing
from .lawsuit import (
    Appearance,
    AppearanceBulletin,
    CourtInstance,
    CourtSession,
    JudicialSuggestion,
    LawsuitCase,
    LawsuitDefendant,
)
from .parties import Application, IncidentalReview, PartyRecord
from .performance import DecisionPerformance, PerformanceRecord
from .rules import CommitteeRule, CommitteeRuleVersion
from .typical import TypicalCase, TypicalCaseCompilation

__all__ = [
    "Appearance",
    "AppearanceBulletin",
    "Application",
    "CommitteeOpinion",
    "CommitteeReferral",
    "CommitteeRule",
    "CommitteeRuleVersion",
    "CourtInstance",
    "CourtSession",
    "DecisionPerformance",
    "FileAccess",
    "FileAccessRequest",
    "Hearing",
    "IncidentalReview",
    "JudicialSuggestion",
    "LawsuitCase",
    "LawsuitDefendant",
    "PartyRecord",
    "PerformanceRecord",
    "ReconsiderationCase",
    "RespondentSubmission",
    "TypicalCase",
    "TypicalCaseCompilation",
]
