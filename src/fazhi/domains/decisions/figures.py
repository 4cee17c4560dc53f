"""Seed figures counted from the decisions domain's records (docs/figures.md)."""

from __future__ import annotations

from .models import LegalOpinion


def opinions_2019() -> int:
    """Row 33: 出具审查意见、法律意见书65份 — opinions of the register issued in 2019."""
    return LegalOpinion.objects.filter(issued_on__year=2019).count()


def register_figures() -> None:
    from fazhi import registry

    registry.figure("33", "出具审查意见、法律意见书", 65, opinions_2019)
