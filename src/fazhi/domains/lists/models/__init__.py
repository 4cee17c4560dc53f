from .base import CatalogItem, ItemVersion
from .discretion import (
    DiscretionBenchmark,
    DiscretionBenchmarkVersion,
    DiscretionFactor,
    DiscretionTier,
    NoPenaltyItem,
    NoPenaltyItemVersion,
)
from .fees import FeeCleanup, FeeDocumentReview, FeeItem, FeeItemVersion
from .negative import NegativeListItem, NegativeListItemVersion
from .power import GuideMaterial, PowerItem, PowerItemVersion, ServiceGuide
from .proofs import ProofComplaint, ProofRequirement, ProofRequirementVersion

__all__ = [
    "CatalogItem",
    "DiscretionBenchmark",
    "DiscretionBenchmarkVersion",
    "DiscretionFactor",
    "DiscretionTier",
    "FeeCleanup",
    "FeeDocumentReview",
    "FeeItem",
    "FeeItemVersion",
    "GuideMaterial",
    "ItemVersion",
    "NegativeListItem",
    "NegativeListItemVersion",
    "NoPenaltyItem",
    "NoPenaltyItemVersion",
    "PowerItem",
    "PowerItemVersion",
    "ProofComplaint",
    "ProofRequirement",
    "ProofRequirementVersion",
    "ServiceGuide",
]
