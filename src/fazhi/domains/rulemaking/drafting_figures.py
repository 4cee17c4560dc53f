"""Seed figures counted from the drafting records (docs/figures.md rows 23–27, 29)."""

from __future__ import annotations

from .choices import TextKind
from .drafting_choices import DraftState
from .models import Consultation, Draft
from .periods import earliest_close

CITY = "420700000000"


def rules_made_2019() -> int:
    """Row 23: rules made (a new text, not an amendment) published in 2019."""
    return Draft.objects.filter(
        issuer__code=CITY,
        kind=TextKind.GOVERNMENT_RULE,
        amends__isnull=True,
        published_on__year=2019,
    ).count()


def rules_amended_2019() -> int:
    """Row 24: rules amended (a new version of a text in force) published in 2019."""
    return Draft.objects.filter(
        issuer__code=CITY,
        kind=TextKind.GOVERNMENT_RULE,
        amends__isnull=False,
        published_on__year=2019,
    ).count()


def rules_researched_2019() -> int:
    """Row 25: rule drafts whose research was completed in 2019 and that are still being
    drafted (not published, deferred or withdrawn)."""
    return Draft.objects.filter(
        issuer__code=CITY,
        kind=TextKind.GOVERNMENT_RULE,
        research_done_on__year=2019,
        case__state__in=[DraftState.RESEARCH, DraftState.DRAFTING],
    ).count()


def rules_deferred_2019() -> int:
    """Row 26: rule drafts deferred (暂缓出台) in 2019 and still deferred."""
    return Draft.objects.filter(
        issuer__code=CITY,
        kind=TextKind.GOVERNMENT_RULE,
        deferred_on__year=2019,
        case__state=DraftState.DEFERRED,
    ).count()


def short_consultations_without_reason_2019() -> int:
    """Consultations opened in 2019 closing before the earliest date the clock allows (30 days)
    with no recorded reason — checked on each consultation; the step refuses them, so 0."""
    short = 0
    for c in Consultation.objects.filter(opened_on__year=2019).select_related("draft"):
        if c.closes_on < earliest_close(c.draft.is_rule, c.opened_on) and not c.shortened_reason:
            short += 1
    return short


def shortest_consultation_days_2019() -> int:
    """Row 27 (不少于30日): the shortest consultation of 2019 in days, of those without a recorded
    reason for a shorter period (0 when one is shorter than the clock allows: the check above)."""
    if short_consultations_without_reason_2019():
        return 0
    days = [
        (c.closes_on - c.opened_on).days
        for c in Consultation.objects.filter(opened_on__year=2019, shortened_reason="")
    ]
    return min(days, default=0)


def normative_documents_2019() -> int:
    """Row 29: normative documents issued by 鄂州市人民政府 (published) in 2019."""
    return Draft.objects.filter(
        issuer__code=CITY, kind=TextKind.NORMATIVE_DOCUMENT, published_on__year=2019
    ).count()


def register_figures() -> None:
    from fazhi import registry

    registry.figure("23", "制定出台政府规章", 3, rules_made_2019)
    registry.figure("24", "修订政府规章", 1, rules_amended_2019)
    registry.figure("25", "完成调研的政府规章", 1, rules_researched_2019)
    registry.figure("26", "暂缓出台的政府规章", 1, rules_deferred_2019)
    registry.figure("27", "草案公开征求意见最短期限（日）", 30, shortest_consultation_days_2019)
    registry.figure("29", "制定出台政府规范性文件", 2, normative_documents_2019)
