"""Models of the rulemaking domain; each sub-domain in its own module."""

from .cleanup import Cleanup, CleanupEntry
from .filing import Filing, FilingCatalogue
from .incidental import IncidentalLink
from .texts import LegalText, Provision, TextVersion, in_force_on
from .validity import TextAct, Validity

__all__ = [
    "Cleanup",
    "CleanupEntry",
    "Filing",
    "FilingCatalogue",
    "IncidentalLink",
    "LegalText",
    "Provision",
    "TextAct",
    "TextVersion",
    "Validity",
    "in_force_on",
]
