"""Models of administrative enforcement, one module per sub-domain (the case; and, as they
come, supervision, publicity, city matters …). Each sub-module's models are re-exported here
so ``fazhi.domains.enforcement.models.X`` stays the one import path."""

from .case import EnforcementCase
from .coercion import CoerciveMeasure
from .evidence import Evidence

__all__ = ["CoerciveMeasure", "EnforcementCase", "Evidence"]
