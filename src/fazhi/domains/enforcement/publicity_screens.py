"""The publicity rules and department sectors on back-office list screens (read from data)."""

from __future__ import annotations

from fazhi.core.org.filtersets import ScopedFilterSet
from fazhi.shell.office.resources import Resource, register

from .models import DepartmentSector, PublicationRule


class PublicationRuleFilterSet(ScopedFilterSet):
    class Meta:
        model = PublicationRule
        fields = ["sector", "decision_kind", "code"]


class DepartmentSectorFilterSet(ScopedFilterSet):
    class Meta:
        model = DepartmentSector
        fields = ["sector"]


register(
    Resource(
        "publication-rules",
        PublicationRule,
        "执法公示规则",
        ["name", "sector", "decision_kind", "period_key", "valid_from", "valid_until", "basis"],
        search_fields=["name", "basis"],
        filterset=PublicationRuleFilterSet,
        ordering=["sector", "code", "valid_from"],
    )
)
register(
    Resource(
        "department-sectors",
        DepartmentSector,
        "执法主体所属领域",
        ["department__name", "sector"],
        search_fields=["department__name"],
        filterset=DepartmentSectorFilterSet,
        select_related=["department"],
        ordering=["department__code"],
    )
)
