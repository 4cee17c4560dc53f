"""From the plan to the visits: a plan entry is carried out by a draw's ``Campaign`` under the
plan's rules, then its targets become inspection tasks.

- ``open_campaign``: the campaign with the plan's scheme, ratios (the entry's own, else the
  plan's) and team size; its code is ``<department>-<year>-<seq>``.
- ``freeze``: the pools under the rules — the items' scope narrowed by the entry, without the
  entities the no-repeat window and the yearly cap take out, the inspectors holding the items'
  qualifications, and (when the plan says so) the officers' own grids recorded as conflicts.
- ``assign_tasks``: after the draw, one task per target for the lead department (its drawn team)
  and, in a joint campaign, one per partner department, whose team is drawn by the same rule
  (draw-spec §5) from its own qualified officers with the campaign's seed: each department under
  its own team size.
- ``publish_all``: each department's results through ``results.publish_results``; once none is
  left unpublished, the draw itself is revealed (seed, targets, pools) by the draw's service.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import numpy as np
from django.db.models import Q

from fazhi.core.org.choices import CredentialStatus
from fazhi.core.org.models import Officer

from . import draw, plans, results, tasks
from .models import Assignment, Campaign, Conflict, InspectionTask, PlanEntry, Target


def campaign_code(entry: PlanEntry) -> str:
    return f"{entry.plan.department.code}-{entry.plan.year}-{entry.seq:03d}"


def open_campaign(entry: PlanEntry, *, actor: Any = None) -> Campaign:
    plan = entry.plan
    camp = Campaign(
        department=plan.department,
        code=campaign_code(entry),
        title=entry.name,
        year=plan.year,
        risk_scheme=plan.scheme,
        ratios=entry.effective_ratios(),
        team_size=plan.team_size,
        created_by=actor,
    )
    camp.full_clean()
    camp.save()
    PlanEntry.objects.filter(pk=entry.pk).update(campaign=camp)
    entry.campaign = camp
    return camp


def freeze(
    entry: PlanEntry, at: datetime, *, actor: Any = None, candidates: list[int] | None = None
) -> Any:
    """``candidates`` (entity ids) lets a caller that already knows the entry's scope narrow the
    pool query to them first; the rules still apply to every one."""
    from . import services

    on = at.date()
    entities = plans.pool_filter(entry, on)
    if candidates is not None:
        entities = Q(pk__in=candidates) & entities
    plans.record_grid_conflicts(entry, on, entities)
    inspectors = plans.inspector_filter(entry, entry.plan.department_id, on)
    assert entry.campaign is not None
    return services.freeze_pools(
        entry.campaign, at, actor=actor, entities=entities, inspectors=inspectors
    )


def partner_team_size(entry: PlanEntry, department_id: int) -> int:
    """A partner follows its own plan's team size for the year (two when it has none)."""
    from .models import InspectionPlan

    size = (
        InspectionPlan.objects.filter(department_id=department_id, year=entry.plan.year)
        .values_list("team_size", flat=True)
        .first()
    )
    return int(size or 2)


def partner_teams(
    entry: PlanEntry, department_id: int, targets: list[Target], seed: bytes, on: date
) -> dict[int, list[int]]:
    """A partner department's team per target: draw-spec §5 on the partner's own qualified
    officers (valid credential on ``on``) and their recorded conflicts, with the campaign's seed."""
    oq = Officer.objects.filter(
        plans.inspector_filter(entry, department_id, on),
        department_id=department_id,
        status=CredentialStatus.ISSUED,
        valid_until__gte=on,
    ).exclude(credential_no="")
    by_number = {n.encode(): pk for pk, n in oq.values_list("pk", "credential_no")}
    numbers = draw.as_codes(list(by_number))
    codes = [t.entity.uscc.encode() for t in targets]
    pairs = sorted(
        {
            (o.encode(), c.encode())
            for o, c in Conflict.objects.filter(
                officer__in=oq, entity_id__in=[t.entity_id for t in targets]
            ).values_list("officer__credential_no", "entity__uscc")
        }
    )
    team = partner_team_size(entry, department_id)
    reason = draw.staffing_refusal(numbers, set(codes), pairs, team)
    if reason:
        raise draw.DrawRefused(reason)
    picks = draw.assign(seed, codes, numbers, pairs, team)
    listed = numbers.tolist()
    return {
        t.pk: [by_number[listed[int(i)]] for i in row]
        for t, row in zip(targets, np.asarray(picks).tolist(), strict=True)
    }


def assign_tasks(entry: PlanEntry, *, on: date, actor: Any = None) -> list[InspectionTask]:
    from . import services

    camp = entry.campaign
    assert camp is not None
    targets = list(Target.objects.filter(campaign=camp).select_related("entity").order_by("rank"))
    lead: dict[int, list[int]] = {}
    for target_id, officer_id in (
        Assignment.objects.filter(target__campaign=camp)
        .order_by("target_id", "position")
        .values_list("target_id", "officer_id")
    ):
        lead.setdefault(target_id, []).append(officer_id)
    teams = {entry.plan.department_id: lead}
    partners = list(entry.partners.values_list("pk", flat=True))
    if partners:
        seed = services.seed_of(camp)
        for dept_id in partners:
            teams[dept_id] = partner_teams(entry, dept_id, targets, seed, on)
    items: dict[int, list[int]] = {}
    for item_id, dept_id in entry.items.values_list("pk", "department_id"):
        items.setdefault(dept_id, []).append(item_id)
    return tasks.create_tasks(camp, teams, items, on=on, actor=actor)


def publish_all(entry: PlanEntry, *, on: date, actor: Any = None) -> None:
    """Each taking-part department's confirmed results; then the draw is revealed."""
    from . import services
    from .campaign_choices import TaskState

    camp = entry.campaign
    assert camp is not None
    departments = [entry.plan.department, *entry.partners.all()]
    for dept in departments:
        pending = InspectionTask.objects.filter(
            target__campaign=camp, department=dept, published_on__isnull=True
        )
        if pending.filter(case__state=TaskState.CONFIRMED).exists():
            results.publish_results(camp, dept, actor=actor, on=on)
    left = InspectionTask.objects.filter(target__campaign=camp, published_on__isnull=True)
    if not left.exists():
        services.publish_results(camp, actor=actor, on=on)
