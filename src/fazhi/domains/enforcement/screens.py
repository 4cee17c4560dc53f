"""The enforcement cases' back-office screens (list, export, search, filters, pickers)."""

from __future__ import annotations

from fazhi.shell.office.resources import Resource, register

from . import filtersets
from .models import EnforcementCase

register(
    Resource(
        "enforcement-cases",
        EnforcementCase,
        "行政执法案件",
        ["case__number", "case__title", "power_item__name", "violation_on", "major"],
        search_fields=["case__number", "case__title"],
        filterset=filtersets.EnforcementCaseFilterSet,
        select_related=["case", "power_item"],
        ordering=["-case__opened_on", "-pk"],
    )
)
