"""The lawsuits' back-office list screens (list, export, search, filters); each lawsuit's
steps are on its case page."""

from __future__ import annotations

from fazhi.shell.office.resources import Resource, register

from ..models import Appearance, JudicialSuggestion, LawsuitCase
from . import filtersets

register(
    Resource(
        "lawsuits",
        LawsuitCase,
        "行政应诉案件",
        ["case__number", "cause", "served_on", "case__state", "outcome", "ended_on"],
        search_fields=["case__number", "cause"],
        filterset=filtersets.LawsuitCaseFilterSet,
        select_related=["case"],
        sensitive_fields=["plaintiffs"],
        ordering=["-served_on", "-pk"],
    )
)
register(
    Resource(
        "court-appearances",
        Appearance,
        "出庭应诉记录",
        ["hearing__held_on", "hearing__instance__court_number", "defendant", "appearer", "post",
         "absence_reason"],
        search_fields=["hearing__instance__court_number"],
        filterset=filtersets.AppearanceFilterSet,
        select_related=["hearing__instance", "defendant"],
        ordering=["-hearing__held_on", "-pk"],
    )
)  # fmt: skip
register(
    Resource(
        "judicial-suggestions",
        JudicialSuggestion,
        "司法建议",
        ["court", "received_on", "addressed_to", "reply_due", "replied_on"],
        search_fields=["court", "content"],
        filterset=filtersets.JudicialSuggestionFilterSet,
        select_related=["addressed_to"],
        ordering=["-received_on", "-pk"],
    )
)
