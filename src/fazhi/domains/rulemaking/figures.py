"""Seed figures counted from the rulemaking domain's filing and cleanup records
(docs/figures.md rows 31 and 32)."""

from __future__ import annotations

from datetime import date

from .choices import TextKind
from .filing import filings_submitted
from .filing_choices import CleanupOutcome
from .models import CleanupEntry

END_OF_NOVEMBER_2019 = date(2019, 11, 30)


def cleanup_2019_amend_or_repeal() -> int:
    """Row 31: 共清理出需要修改和废止的规章、规范性文件共40件 — entries of the cleanups concluded
    in 2019 whose outcome is amend or repeal."""
    return CleanupEntry.objects.filter(
        cleanup__concluded_on__year=2019,
        outcome__in=[CleanupOutcome.AMEND, CleanupOutcome.REPEAL],
    ).count()


def rules_filed_2019() -> int:
    """Row 32: 4部政府规章 filed by the end of November 2019 (3 made + 1 amended: versions)."""
    return filings_submitted([TextKind.GOVERNMENT_RULE], END_OF_NOVEMBER_2019, 2019)


def documents_filed_2019() -> int:
    """Row 32: 2件规范性文件 filed by the end of November 2019."""
    return filings_submitted([TextKind.NORMATIVE_DOCUMENT], END_OF_NOVEMBER_2019, 2019)


def register_figures() -> None:
    from fazhi import registry

    registry.figure(
        "31", "清理出需要修改和废止的规章、规范性文件", 40, cleanup_2019_amend_or_repeal
    )
    registry.figure("32", "截至11月底报送备案的政府规章", 4, rules_filed_2019)
    registry.figure("32", "截至11月底报送备案的规范性文件", 2, documents_filed_2019)
