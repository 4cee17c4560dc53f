"""The drafting sub-domain's back-office list screens (list, Excel export, search, filters)."""

from __future__ import annotations

from fazhi.core.org.filtersets import ScopedFilterSet
from fazhi.shell.office.resources import Resource, register

from .models import Comment, Consultation, Draft, IssuingBodyVersion, PlanEntry


class DraftFilterSet(ScopedFilterSet):
    class Meta:
        model = Draft
        fields = ["kind", "market_related"]


class CommentFilterSet(ScopedFilterSet):
    class Meta:
        model = Comment
        fields = ["status", "adoption"]


class ConsultationFilterSet(ScopedFilterSet):
    class Meta:
        model = Consultation
        fields = ["anonymous_allowed"]


class PlanEntryFilterSet(ScopedFilterSet):
    class Meta:
        model = PlanEntry
        fields = ["kind", "category"]


class IssuingBodyFilterSet(ScopedFilterSet):
    class Meta:
        model = IssuingBodyVersion
        fields = ["state", "may_make_rules"]


register(
    Resource(
        "drafts",
        Draft,
        "规章、规范性文件草案",
        ["case__number", "case__title", "kind", "issuer", "published_on", "doc_number"],
        search_fields=["case__number", "case__title"],
        filterset=DraftFilterSet,
        select_related=["case", "issuer"],
        ordering=["-case__opened_on", "-pk"],
    )
)
register(
    Resource(
        "draft-consultations",
        Consultation,
        "草案公开征求意见",
        ["draft__case__title", "opened_on", "closes_on", "shortened_reason", "closed_on"],
        search_fields=["draft__case__title"],
        filterset=ConsultationFilterSet,
        select_related=["draft__case"],
        ordering=["-opened_on", "-pk"],
    )
)
register(
    Resource(
        "draft-comments",
        Comment,
        "草案公众意见",
        ["consultation__draft__case__title", "path", "submitted_on", "status", "adoption"],
        search_fields=["body"],
        filterset=CommentFilterSet,
        select_related=["consultation__draft__case"],
        ordering=["-submitted_at", "-pk"],
    )
)
register(
    Resource(
        "rulemaking-plan-entries",
        PlanEntry,
        "年度规章和规范性文件制定计划",
        ["plan__year", "number", "title", "kind", "category", "drafting_unit", "due"],
        search_fields=["title"],
        filterset=PlanEntryFilterSet,
        select_related=["plan", "drafting_unit"],
        ordering=["-plan__year", "number"],
    )
)
register(
    Resource(
        "issuing-bodies",
        IssuingBodyVersion,
        "行政规范性文件制定主体清单",
        ["item__code", "name", "department", "may_make_rules", "valid_from", "valid_to", "state"],
        search_fields=["name", "item__code"],
        filterset=IssuingBodyFilterSet,
        select_related=["item", "department"],
        ordering=["item__code", "valid_from"],
    )
)
