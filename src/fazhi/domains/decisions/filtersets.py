from __future__ import annotations

from fazhi.core.org.filtersets import ScopedFilterSet

from .models import AdviserContract, LegalOpinion, MajorDecision, WorkLog


class MajorDecisionFilterSet(ScopedFilterSet):
    class Meta:
        model = MajorDecision
        fields = ["item__category"]


class LegalOpinionFilterSet(ScopedFilterSet):
    class Meta:
        model = LegalOpinion
        fields = ["kind", "subject_kind", "conclusion"]


class AdviserContractFilterSet(ScopedFilterSet):
    class Meta:
        model = AdviserContract
        fields = ["round"]


class WorkLogFilterSet(ScopedFilterSet):
    class Meta:
        model = WorkLog
        fields = ["kind"]
