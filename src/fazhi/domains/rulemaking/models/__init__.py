"""Models of the rulemaking domain; each sub-domain in its own module."""

from .texts import LegalText, Provision, TextVersion, in_force_on

__all__ = ["LegalText", "Provision", "TextVersion", "in_force_on"]
