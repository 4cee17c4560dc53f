"""The filing records on the back office's generic list screens (list, Excel export, search)."""

from __future__ import annotations

from fazhi.shell.office.resources import Resource, register

from .filing_filtersets import CleanupEntryFilterSet, FilingFilterSet, ValidityFilterSet
from .models import CleanupEntry, Filing, Validity

register(
    Resource(
        "rulemaking-filings",
        Filing,
        "规章和规范性文件备案",
        [
            "case__number",
            "version__text__title",
            "version__doc_number",
            "recipient",
            "published_on",
            "due_on",
            "submitted_on",
            "registered_on",
        ],
        search_fields=["version__text__title", "case__number"],
        filterset=FilingFilterSet,
        select_related=["case", "version__text"],
        ordering=["-published_on", "-pk"],
    )
)
register(
    Resource(
        "rulemaking-validities",
        Validity,
        "规范性文件有效期",
        ["version__text__title", "version__doc_number", "years", "valid_until", "evaluation_due"],
        search_fields=["version__text__title"],
        filterset=ValidityFilterSet,
        select_related=["version__text"],
        ordering=["valid_until", "pk"],
    )
)
register(
    Resource(
        "rulemaking-cleanup-entries",
        CleanupEntry,
        "规章和规范性文件清理结果",
        [
            "cleanup__title",
            "version__text__title",
            "version__doc_number",
            "outcome",
            "reason",
            "effective_on",
            "reviewed_on",
        ],
        search_fields=["version__text__title"],
        filterset=CleanupEntryFilterSet,
        select_related=["cleanup", "version__text"],
        ordering=["cleanup", "pk"],
    )
)
