from .access import FileAccess, FileAccessRequest, RespondentSubmission
from .case import ReconsiderationCase
from .hearing import CommitteeOpinion, CommitteeReferral, Hearing
from .parties import Application, IncidentalReview, PartyRecord

__all__ = [
    "Application",
    "CommitteeOpinion",
    "CommitteeReferral",
    "FileAccess",
    "FileAccessRequest",
    "Hearing",
    "IncidentalReview",
    "PartyRecord",
    "ReconsiderationCase",
    "RespondentSubmission",
]
