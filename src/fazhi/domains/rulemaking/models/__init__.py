"""Models of the rulemaking domain; each sub-domain in its own module."""

from .texts import LegalText, Provision, TextVersion, in_force_on

__all__ = ["LegalText", "Provision", "TextVersion", "in_force_on"]

# Drafting a rule or normative document (issue 10): the issuing-body list, the annual plan, the
# draft case's detail, its reviews, the consultation and its comments.
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
