from __future__ import annotations

from fazhi.core.org.filtersets import ScopedFilterSet

from ..models import Appearance, JudicialSuggestion, LawsuitCase


class LawsuitCaseFilterSet(ScopedFilterSet):
    class Meta:
        model = LawsuitCase
        fields = ["outcome"]


class AppearanceFilterSet(ScopedFilterSet):
    class Meta:
        model = Appearance
        fields = ["appearer", "absence_reason"]


class JudicialSuggestionFilterSet(ScopedFilterSet):
    class Meta:
        model = JudicialSuggestion
        fields = ["court"]
