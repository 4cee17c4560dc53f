"""Models of administrative enforcement, one module per sub-domain (the case; and, as they
come, supervision, publicity, city matters …). Each sub-module's models are re-exported here
so ``fazhi.domains.enforcement.models.X`` stays the one import path."""

from .case import EnforcementCase
from .city import OverloadCheck, UrbanMatter
from .coercion import CoerciveMeasure
from .evidence import Evidence
from .hotline import HotlineOrder
from .publicity import DepartmentSector, PublicationRule

__all__ = [
    "CoerciveMeasure",
    "DepartmentSector",
    "EnforcementCase",
    "Evidence",
    "HotlineOrder",
    "OverloadCheck",
    "PublicationRule",
    "UrbanMatter",
]
