"""The decisions domain's back-office list screens (list, Excel export, search, filters)."""

from __future__ import annotations

from fazhi.shell.office.resources import Resource, register

from . import filtersets
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

register(
    Resource(
        "major-decisions",
        MajorDecision,
        "重大行政决策",
        ["case__number", "case__title", "item__catalog__year", "decided_on", "published_on"],
        search_fields=["case__number", "case__title"],
        filterset=filtersets.MajorDecisionFilterSet,
        select_related=["case", "item__catalog"],
        ordering=["-case__opened_on", "-pk"],
    )
)
register(
    Resource(
        "decision-catalog-items",
        CatalogItem,
        "决策事项目录",
        ["catalog__year", "number", "title", "category", "undertaking_unit", "cancelled_on"],
        search_fields=["title"],
        filterset=filtersets.CatalogItemFilterSet,
        select_related=["catalog", "undertaking_unit"],
        ordering=["-catalog__year", "number"],
    )
)
register(
    Resource(
        "decision-catalog-adjustments",
        CatalogAdjustment,
        "决策事项目录调整记录",
        ["catalog__year", "on", "action", "item__title", "reason"],
        filterset=filtersets.CatalogAdjustmentFilterSet,
        select_related=["catalog", "item"],
        ordering=["-on", "-pk"],
    )
)
register(
    Resource(
        "decision-meetings",
        Meeting,
        "政府常务（全体）会议",
        ["government", "kind", "session", "held_on", "chair"],
        filterset=filtersets.MeetingFilterSet,
        select_related=["government"],
        ordering=["-held_on"],
    )
)
register(
    Resource(
        "legal-opinions",
        LegalOpinion,
        "法律意见书与审查意见",
        [
            "number",
            "kind",
            "subject_kind",
            "subject",
            "requester",
            "author_unit",
            "adviser",
            "issued_on",
            "conclusion",
        ],
        search_fields=["number", "subject"],
        filterset=filtersets.LegalOpinionFilterSet,
        select_related=["requester", "author_unit", "adviser"],
        ordering=["-issued_on", "-pk"],
    )
)
register(
    Resource(
        "adviser-contracts",
        AdviserContract,
        "法律顾问合同",
        [
            "contract_no",
            "assignment__adviser__name",
            "assignment__org_unit",
            "assignment__region",
            "firm",
            "round",
            "start",
            "end",
        ],
        search_fields=["contract_no", "assignment__adviser__name", "firm"],
        filterset=filtersets.AdviserContractFilterSet,
        select_related=[
            "assignment__adviser",
            "assignment__org_unit",
            "assignment__region",
            "round",
        ],
        ordering=["-start", "contract_no"],
        detail_url_name="decisions_office:contract_detail",
    )
)
register(
    Resource(
        "adviser-work-logs",
        WorkLog,
        "法律顾问工作台账",
        ["on", "assignment__adviser__name", "kind", "count", "summary"],
        search_fields=["assignment__adviser__name", "summary"],
        filterset=filtersets.WorkLogFilterSet,
        select_related=["assignment__adviser"],
        ordering=["-on", "-pk"],
    )
)
register(
    Resource(
        "adviser-evaluations",
        AdviserEvaluation,
        "法律顾问年度评价",
        ["year", "assignment__adviser__name", "evaluator", "grade", "evaluated_on"],
        filterset=filtersets.AdviserEvaluationFilterSet,
        select_related=["assignment__adviser"],
        ordering=["-year", "pk"],
    )
)
register(
    Resource(
        "adviser-messages",
        AdviserMessage,
        "群众向法律顾问留言",
        ["at", "assignment__adviser__name", "assignment__region", "name", "phone", "answered_on"],
        filterset=filtersets.AdviserMessageFilterSet,
        select_related=["assignment__adviser", "assignment__region"],
        sensitive_fields=["phone"],
        ordering=["-at"],
    )
)
