"""The plan (一表) and its rules (一细则): created with the province's defaults, filed, then
published through the disclosure gate. What is published is the plan — departments, items,
dates, ratios, team size, windows, cap — never a target (the draw keeps those secret until the
results are published)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from fazhi.core.casework.workflow import Refusal, TransitionError
from fazhi.core.disclosure.gate import publish
from fazhi.core.disclosure.models import Publication

from . import rules
from .campaign_choices import PLAN_TRANSITIONS, PlanState
from .models import CheckItem, InspectionPlan, PlanEntry

PLAN_KIND = "双随机抽查计划"
BASIS = "国发〔2019〕5号"


def create_plan(
    department: Any,
    year: int,
    *,
    actor: Any = None,
    title: str = "",
    scheme: str = "市场监管",
    province_code: str = rules.PROVINCE_HUBEI,
    **settings: Any,
) -> InspectionPlan:
    """A draft plan with the province's default ratios and the configured yearly cap."""
    plan = InspectionPlan(
        department=department,
        year=year,
        title=title or f"{department.name}{year}年度双随机抽查工作计划",
        scheme=scheme,
        ratios=rules.default_ratios(province_code, scheme),
        created_by=actor,
        **{"yearly_cap": rules.default_yearly_cap(), **settings},
    )
    plan.full_clean()
    plan.save()
    return plan


def add_entry(
    plan: InspectionPlan,
    name: str,
    items: list[CheckItem],
    starts_on: date,
    ends_on: date,
    *,
    partners: list[Any] = (),  # type: ignore[assignment]
    ratios: dict[str, int] | None = None,
    industries: list[str] = (),  # type: ignore[assignment]
    entity_kinds: list[str] = (),  # type: ignore[assignment]
    places: list[str] = (),  # type: ignore[assignment]
) -> PlanEntry:
    """A campaign of the plan. Items belong to the plan's department or to a partner's (joint);
    ``industries`` / ``entity_kinds`` / ``places`` narrow its entity pool."""
    if plan.state != PlanState.DRAFT:
        raise TransitionError(Refusal("已报备或公布的计划不能再增加任务", BASIS))
    if starts_on.year != plan.year:
        raise ValidationError({"starts_on": f"任务须在计划年度（{plan.year}年）内开始"})
    allowed = {plan.department_id, *(p.pk for p in partners)}
    foreign = [i.code for i in items if i.department_id not in allowed]
    if foreign:
        raise ValidationError({"items": f"抽查事项不属于本部门或联合部门：{'、'.join(foreign)}"})
    if not items:
        raise ValidationError({"items": "请至少选择一个抽查事项"})
    seq = (plan.entries.order_by("-seq").values_list("seq", flat=True).first() or 0) + 1
    entry = PlanEntry(
        plan=plan,
        seq=seq,
        name=name,
        starts_on=starts_on,
        ends_on=ends_on,
        ratios=ratios or {},
        industries=list(industries),
        entity_kinds=list(entity_kinds),
        places=list(places),
    )
    entry.full_clean(exclude=["items", "partners"])
    entry.save()
    entry.items.set(items)
    if partners:
        entry.partners.set(partners)
    return entry


def _move(plan: InspectionPlan, to: str) -> InspectionPlan:
    locked = InspectionPlan.objects.select_for_update().get(pk=plan.pk)
    if to not in PLAN_TRANSITIONS[locked.state]:
        action = {PlanState.FILED: "报备", PlanState.PUBLISHED: "公布"}[PlanState(to)]
        need = "，须先报备" if to == PlanState.PUBLISHED and locked.state == PlanState.DRAFT else ""
        raise TransitionError(
            Refusal(
                f"“{PlanState(locked.state).label}”的计划不能{action}{need}",
                BASIS,
                missing_step="file" if need else "",
            )
        )
    return locked


@transaction.atomic
def file_plan(plan: InspectionPlan, *, actor: Any = None, on: date | None = None) -> InspectionPlan:
    locked = _move(plan, PlanState.FILED)
    if not locked.entries.exists():
        raise TransitionError(Refusal("计划中没有抽查任务，不能报备", BASIS))
    locked.state, locked.filed_on = PlanState.FILED, on or timezone.localdate()
    locked.save(update_fields=["state", "filed_on"])
    return locked


def plan_fields(plan: InspectionPlan) -> dict[str, Any]:
    """The public record of the plan: its rules and its campaigns (no entity, no inspector)."""
    entries = plan.entries.prefetch_related("items", "partners").order_by("seq")
    return {
        "部门": plan.department.name,
        "年度": plan.year,
        "信用风险分类体系": plan.scheme,
        "各类抽查比例（‰）": {k: plan.ratios[k] for k in sorted(plan.ratios)},
        "每组检查人员数": plan.team_size,
        "不重复抽查间隔（日）": plan.no_repeat_days,
        "同一企业年度检查次数上限": plan.yearly_cap,
        "结果公示期限（工作日）": plan.publication_workdays,
        "不得抽派本网格执法人员": "是" if plan.exclude_own_grid else "否",
        "依据": plan.basis,
        "抽查任务": [
            {
                "序号": e.seq,
                "任务名称": e.name,
                # By code (the list names them): the gate masks every text it publishes.
                "抽查事项": "、".join(i.code for i in e.items.all()),
                "联合抽查部门": "、".join(p.name for p in e.partners.all()),
                "计划时间": f"{e.starts_on.isoformat()} 至 {e.ends_on.isoformat()}",
                "抽查比例（‰）": e.effective_ratios(),
            }
            for e in entries
        ],
    }


@transaction.atomic
def publish_plan(plan: InspectionPlan, *, actor: Any = None, on: date | None = None) -> Publication:
    """Publish the filed plan through the gate (to the portal and the provincial platform)."""
    locked = _move(plan, PlanState.PUBLISHED)
    on = on or timezone.localdate()
    pub = publish(
        kind=PLAN_KIND,
        title=locked.title,
        org_unit=locked.department,
        subject=locked,
        fields=plan_fields(locked),
        actor=actor,
        outbox_targets=["province_random"],
        published_on=on,
    )
    locked.state, locked.published_on, locked.publication = PlanState.PUBLISHED, on, pub
    locked.save(update_fields=["state", "published_on", "publication"])
    return pub


# -- the rules applied to a draw ---------------------------------------------------------------


def entry_scope(entry: PlanEntry, on: date) -> Q:
    """The entities the entry's campaign may draw from (within the department's territory,
    which the draw applies): any of its items' scopes in force on ``on``, narrowed by the
    entry's own place, trade and kind."""
    from fazhi.domains.lists.services import as_of

    versions = as_of(CheckItem, on).filter(item__in=entry.items.all())
    q = Q(pk__in=[])
    for v in versions:
        q |= v.scope_filter()
    if entry.industries:
        q &= Q(industry__in=entry.industries)
    if entry.entity_kinds:
        q &= Q(kind__in=entry.entity_kinds)
    if entry.places:
        q &= Q(region__code__in=entry.places)
    return q


def rules_exclusion(entry: PlanEntry, on: date) -> Q:
    """What the plan's rules take out of the pool on ``on``: entities this department inspected
    within the no-repeat window, and entities that reached the yearly cap of inspections
    (国办发〔2024〕54号; the cap is the plan's setting), counting a joint visit once."""
    from django.db.models import Count

    from .models import InspectionTask

    plan = entry.plan
    window_start = on.fromordinal(on.toordinal() - plan.no_repeat_days)
    recent = InspectionTask.objects.filter(
        department_id=plan.department_id, assigned_on__gte=window_start, assigned_on__lte=on
    ).values("entity_id")
    capped = (
        InspectionTask.objects.filter(assigned_on__year=on.year, assigned_on__lte=on)
        .values("entity_id")
        .annotate(visits=Count("target_id", distinct=True))
        .filter(visits__gte=plan.yearly_cap)
        .values("entity_id")
    )
    return Q(pk__in=recent) | Q(pk__in=capped)


def pool_filter(entry: PlanEntry, on: date) -> Q:
    return entry_scope(entry, on) & ~rules_exclusion(entry, on)


def inspector_filter(entry: PlanEntry, department_id: int, on: date) -> Q:
    """Officers of ``department_id`` holding every qualification its items of the entry need
    on ``on`` (none needed: any officer with a valid credential, which the draw checks)."""
    from fazhi.domains.lists.services import as_of

    from .models.inspectors import qualified_officer_ids

    needed = sorted(
        {
            v.qualification_id
            for v in as_of(CheckItem, on).filter(
                item__in=entry.items.filter(department_id=department_id)
            )
            if v.qualification_id
        }
    )
    if not needed:
        return Q()
    return Q(pk__in=sorted(qualified_officer_ids(needed, on)))


def record_grid_conflicts(entry: PlanEntry, on: date, entities: Q) -> int:
    """The plan's optional rule "not in the officer's own grid": before the pools are frozen,
    each officer of the department is recorded in conflict (kind 回避规则) with the pool's
    entities registered in a unit of their grid, so the draw's assignment never picks them
    (the draw publishes only the pairs, draw-spec §2.3). Nothing when the rule is off."""
    from fazhi.core.org.models import Entity

    from .choices import ConflictKind
    from .models import Conflict, OfficerGrid

    if not entry.plan.exclude_own_grid:
        return 0
    grids = OfficerGrid.objects.filter(officer__department_id=entry.plan.department_id)
    have = set(
        Conflict.objects.filter(officer__department_id=entry.plan.department_id).values_list(
            "officer_id", "entity_id"
        )
    )
    rows = []
    for officer_id, unit_id in grids.values_list("officer_id", "unit_id"):
        for entity_id in Entity.objects.filter(entities, region_id=unit_id).values_list(
            "pk", flat=True
        ):
            if (officer_id, entity_id) not in have:
                have.add((officer_id, entity_id))
                rows.append(
                    Conflict(
                        officer_id=officer_id,
                        entity_id=entity_id,
                        kind=ConflictKind.RULE,
                        note=f"{entry.plan.title}：不得抽派本网格执法人员",
                        recorded_on=on,
                    )
                )
    Conflict.objects.bulk_create(rows, batch_size=2000)
    return len(rows)
