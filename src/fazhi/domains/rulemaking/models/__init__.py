"""Models of the rulemaking domain; each sub-domain in its own module."""

from .cleanup import Cleanup, CleanupEntry
from .drafting import (
    AnchorPlacement,
    Comment,
    Consultation,
    Draft,
    DraftReview,
    IssuingBody,
    IssuingBodyVersion,
    PlanEntry,
    ProvisionAnchor,
    RulemakingPlan,
)
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

# Drafting a rule or normative document: the issuing-body list, the annual plan, the draft
# case's detail, its reviews, the consultation and its comments.
__all__ += [
    "AnchorPlacement",
    "Comment",
    "Consultation",
    "Draft",
    "DraftReview",
    "IssuingBody",
    "IssuingBodyVersion",
    "PlanEntry",
    "ProvisionAnchor",
    "RulemakingPlan",
]
