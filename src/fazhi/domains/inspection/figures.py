"""The seed report's figures of section (一) 4 (docs/figures.md rows 17, 20–22), counted from
records. One function per figure; nothing here knows the expected numbers. "2019" is the year
of the business date: a check item in force on 2019-12-31, a campaign drawn in 2019, a target of
such a campaign, an inspection confirmed in 2019 with a violation that led to a case or a
referral. System code (``fazhi figures``), not a request path: the plain managers are used."""

from __future__ import annotations

from datetime import date

from django.db.models import Q

from fazhi.domains.lists.services import as_of

from .campaign_choices import FollowUp, ResultCategory
from .models import Campaign, CheckItem, InspectionTask, Target

END_2019 = date(2019, 12, 31)
Y2019 = (date(2019, 1, 1), END_2019)


def as_reported(count: int) -> int:
    """The report states rows 21 and 22 as "2810余户", "450余起": the count rounded down to the
    tens (docs/figures.md: the record count is at least the figure and rounds down to it)."""
    return count - count % 10


def check_items_in_force(on: date = END_2019) -> int:
    """Row 17: 随机抽查事项 in force on the day (one per item, whatever its versions)."""
    return as_of(CheckItem, on).order_by().values("item").distinct().count()


def campaigns_drawn(year: int = 2019) -> int:
    """Row 20: campaigns whose draw happened in the year."""
    return Campaign.objects.filter(drawn_on__year=year).count()


def distinct_targets(year: int = 2019) -> int:
    """Row 21: distinct entities among the targets of the year's campaigns."""
    return (
        Target.objects.filter(campaign__drawn_on__year=year)
        .order_by()
        .values("entity")
        .distinct()
        .count()
    )


def violations_handled(year: int = 2019) -> int:
    """Row 22: inspections confirmed in the year that found a violation and led to an
    enforcement case (opened at its clue step) or a referral to the body that may act."""
    return (
        InspectionTask.objects.filter(confirmed_on__year=year, category=ResultCategory.VIOLATION)
        .filter(
            Q(follow_up=FollowUp.ENFORCEMENT_CASE, enforcement_case__isnull=False)
            | Q(follow_up=FollowUp.REFERRAL, referred_to__isnull=False)
        )
        .count()
    )


def register_figures() -> None:
    from fazhi import registry

    registry.figure("17", "随机抽查事项（2019年末有效）", 269, check_items_in_force)
    registry.figure("20", "随机抽查次数（2019年抽取）", 356, campaigns_drawn)
    here = __name__
    registry.figure(
        "21",
        "检查对象（户，去重，取整到十位）",
        2810,
        lambda: as_reported(distinct_targets()),
        query=f"{here}.as_reported({here}.distinct_targets())",
    )
    registry.figure(
        "22",
        "处理违法违规行为（起，取整到十位）",
        450,
        lambda: as_reported(violations_handled()),
        query=f"{here}.as_reported({here}.violations_handled())",
    )
