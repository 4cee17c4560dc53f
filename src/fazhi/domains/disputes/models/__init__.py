from .case import ReconsiderationCase

__all__ = ["ReconsiderationCase"]
from .lawsuit import (
    Appearance,
    AppearanceBulletin,
    CourtInstance,
    Hearing,
    JudicialSuggestion,
    LawsuitCase,
    LawsuitDefendant,
)

__all__ += [
    "Appearance",
    "AppearanceBulletin",
    "CourtInstance",
    "Hearing",
    "JudicialSuggestion",
    "LawsuitCase",
    "LawsuitDefendant",
]
