"""The reconsideration cases' back-office list screen (list, export, search, filters)."""

from __future__ import annotations

from fazhi.shell.office.resources import Resource, register

from . import filtersets
from .models import ReconsiderationCase

register(
    Resource(
        "reconsideration-cases",
        ReconsiderationCase,
        "行政复议案件",
        ["case__number", "case__title", "knew_on", "procedure", "outcome", "procedural_end"],
        search_fields=["case__number", "case__title"],
        filterset=filtersets.ReconsiderationCaseFilterSet,
        select_related=["case"],
        ordering=["-case__opened_on", "-pk"],
    )
)
