"""The seed report's litigation figure (docs/figures.md row 78), counted from records."""

from __future__ import annotations

from fazhi import registry

from ..models import AppearanceBulletin


def bulletins_2019() -> int:
    """每季度印发《全市行政机关负责人出庭应诉情况通报》: the bulletins of 2019 (one a quarter)."""
    return (
        AppearanceBulletin.objects.unrestricted("figures.md 第78行")
        .filter(year=2019)
        .values("quarter")
        .distinct()
        .count()
    )


def register_figures() -> None:
    registry.figure(
        "78",
        "负责人出庭应诉情况通报（季度）",
        4,
        bulletins_2019,
        query="fazhi.domains.disputes.litigation.figures.bulletins_2019()",
    )
