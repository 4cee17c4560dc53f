"""专项治理 / 专项整治: a department's campaign on a topic over a period, grouping the cases,
matters and problems it dealt with; what it rectified, the persons dealt with, and the problems
it exposed — exposure is publication through the disclosure gate (masked), never a flag."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Count, Q, Sum

from fazhi.core.disclosure.gate import publish

from .models import Campaign, CampaignProblem


def start_campaign(
    *,
    organiser: Any,
    topic: str,
    field: str,
    started_on: date,
    ended_on: date | None = None,
    description: str = "",
    actor: Any = None,
) -> Campaign:
    campaign = Campaign(
        organiser=organiser,
        topic=topic,
        field=field,
        started_on=started_on,
        ended_on=ended_on,
        description=description,
        created_by=actor,
    )
    campaign.full_clean()
    campaign.save()
    return campaign


def add_problem(
    campaign: Campaign,
    *,
    matter: str,
    description: str,
    found_on: date,
    department: Any = None,
    case: Any = None,
) -> CampaignProblem:
    problem = CampaignProblem(
        campaign=campaign,
        matter=matter,
        description=description,
        found_on=found_on,
        department=department,
        case=case,
    )
    problem.full_clean()
    problem.save()
    if case is not None:
        campaign.cases.add(case)
    return problem


def rectify(problem: CampaignProblem, on: date, *, persons_dealt_with: int = 0) -> None:
    if on < problem.found_on:
        raise ValueError("整改完成日期不能早于发现日期")
    problem.rectified_on = on
    problem.persons_dealt_with = persons_dealt_with
    problem.save(update_fields=["rectified_on", "persons_dealt_with"])


def expose(problem: CampaignProblem, *, on: date, actor: Any = None) -> CampaignProblem:
    """曝光: publish the problem through the gate (structured fields, personal data masked)."""
    with transaction.atomic():
        locked = CampaignProblem.objects.select_for_update().get(pk=problem.pk)
        if locked.publication_id is not None:
            raise ValueError("该问题已曝光")
        campaign = locked.campaign
        pub = publish(
            kind="专项治理问题曝光",
            title=f"{campaign.topic}：{locked.matter}",
            org_unit=campaign.organiser,
            case=locked.case,
            fields={
                "专项治理": campaign.topic,
                "事项": locked.matter,
                "责任单位": str(locked.department or ""),
                "问题": locked.description,
                "整改情况": (
                    f"已于{locked.rectified_on.isoformat()}整改"
                    if locked.rectified_on
                    else "整改中"
                ),
            },
            actor=actor,
            published_on=on,
        )
        locked.publication = pub
        locked.save(update_fields=["publication"])
        return locked


@dataclass(frozen=True)
class Counts:
    problems: int
    rectified: int
    persons_dealt_with: int
    exposed: int


def counts(campaigns: Any) -> Counts:
    """Problems, rectified, persons dealt with and exposed, over a queryset of campaigns."""
    row = CampaignProblem.objects.filter(campaign__in=campaigns).aggregate(
        problems=Count("id"),
        rectified=Count("id", filter=Q(rectified_on__isnull=False)),
        persons=Sum("persons_dealt_with"),
        exposed=Count("id", filter=Q(publication__isnull=False)),
    )
    return Counts(row["problems"], row["rectified"], row["persons"] or 0, row["exposed"])


MARKET_REGULATOR = "420700-SCJG"


def pharmacy_campaigns_2019() -> int:
    """The market regulator's special campaigns in the drug field begun in 2019 (row 44)."""
    return Campaign.objects.filter(
        organiser__code=MARKET_REGULATOR, field="药品", started_on__year=2019
    ).count()
