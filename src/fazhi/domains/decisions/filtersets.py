from __future__ import annotations

from fazhi.core.org.filtersets import ScopedFilterSet

from .models import (
    AdviserContract,
    AdviserEvaluation,
    AdviserMessage,
    CatalogAdjustment,
    CatalogItem,
    LegalOpinion,
    MajorDecision,
    Meeting,
    WorkLog,
)


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


class CatalogItemFilterSet(ScopedFilterSet):
    class Meta:
        model = CatalogItem
        fields = ["category"]


class CatalogAdjustmentFilterSet(ScopedFilterSet):
    class Meta:
        model = CatalogAdjustment
        fields = ["action"]


class MeetingFilterSet(ScopedFilterSet):
    class Meta:
        model = Meeting
        fields = ["kind"]


class AdviserEvaluationFilterSet(ScopedFilterSet):
    class Meta:
        model = AdviserEvaluation
        fields = ["year", "grade"]


class AdviserMessageFilterSet(ScopedFilterSet):
    class Meta:
        model = AdviserMessage
        fields = ["answered_on"]
