"""Models of the inspection domain; each sub-domain in its own module."""

from .draw import Assignment, Campaign, Conflict, PoolSnapshot, SeedCommitment, Target

__all__ = ["Assignment", "Campaign", "Conflict", "PoolSnapshot", "SeedCommitment", "Target"]
