"""Running a plan and its campaigns from the back office: who may take each step, and the steps
the screens take on top of ``plans``, ``campaigns``, ``services`` and ``results``.

- A department's clerk or head (``services.MANAGING_ROLES``) plans (creates the year's plan, adds
  its campaigns, files and publishes it) and runs each campaign (opens it, freezes the pools,
  publishes the rules and commitments, draws and assigns, publishes the results).
- The officials present at the draw commit to a secret each, in their own session: the staff of
  the department (a direct role other than officer) and the supervisors whose reach covers it
  (the justice bureau as witness). Only the commitment ``hex(SHA-256(secret))`` is stored; the
  secret itself is stored only when its official reveals it (draw-spec §2.5, §3).
- A joint campaign's partners are checked before the draw too: each must be able to staff every
  entity of the frozen pool under its own team size (draw-spec §5.1), so no draw fails later.

Every refusal names what is missing and its basis (``Refusal``), and the screens show it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from fazhi.core.casework.workflow import Refusal, TransitionError
from fazhi.core.org.choices import CredentialStatus, Role
from fazhi.core.org.models import Officer, OrgUnit
from fazhi.core.org.scoping import scoped, visible_unit_ids

from . import campaigns, draw, plans, results, rules, services
from .campaign_choices import PlanState, ResultCategory, TaskState
from .choices import CampaignState
from .models import (
    Campaign,
    CheckItem,
    Conflict,
    InspectionPlan,
    InspectionTask,
    PlanEntry,
    PoolSnapshot,
    SeedCommitment,
    Target,
)
from .scoping import department_staff_units

MANAGING_ROLES = services.MANAGING_ROLES
SECRET_MIN_BYTES, SECRET_MAX_BYTES = 16, 64


def _refuse(message: str, basis: str = services.BASIS_RULES, missing: str = "") -> TransitionError:
    return TransitionError(Refusal(message, basis, missing))


# -- who may do what ---------------------------------------------------------------------------


def managed_units(user: Any) -> list[OrgUnit]:
    """The departments where ``user`` plans and runs random inspections (clerk or head)."""
    if not getattr(user, "is_authenticated", False):
        return []
    return sorted({u.pk: u for u in user.units_with_role(*MANAGING_ROLES)}.values(), key=str)


def may_manage(user: Any, department_id: int) -> bool:
    return any(u.pk == department_id for u in managed_units(user))


def check_manager(user: Any, department_id: int) -> None:
    if not may_manage(user, department_id):
        raise _refuse("只有本部门的经办人或负责人可以办理抽查计划和抽查任务")


def may_commit(user: Any, campaign: Campaign) -> bool:
    """An official who may be present at the draw: the department's own staff (not its
    officers, who are in the inspector pool) or a supervisor whose reach covers it."""
    if not getattr(user, "is_authenticated", False):
        return False
    if campaign.department_id in department_staff_units(user):
        return True
    return user.has_role(Role.SUPERVISOR) and campaign.department_id in visible_unit_ids(
        user, "view"
    )


# -- the plan ----------------------------------------------------------------------------------


def create_plan(
    department: OrgUnit,
    year: int,
    *,
    actor: Any,
    ratios: dict[str, int],
    **settings: Any,
) -> InspectionPlan:
    """The department's plan for ``year`` with its rules, by its clerk or head."""
    check_manager(actor, department.pk)
    if InspectionPlan.objects.filter(department=department, year=year).exists():
        raise ValidationError(
            {"year": f"{department.name}已有{year}年度的抽查计划（每个部门每年一份计划）"}
        )
    with transaction.atomic():
        plan = plans.create_plan(department, year, actor=actor, **settings)
        if ratios and ratios != plan.ratios:
            plan.ratios = ratios
            plan.save(update_fields=["ratios"])
    return plan


PLAN_SETTINGS = (
    "title",
    "scheme",
    "ratios",
    "team_size",
    "no_repeat_days",
    "yearly_cap",
    "publication_workdays",
    "exclude_own_grid",
)


def change_plan(plan: InspectionPlan, *, actor: Any, **settings: Any) -> InspectionPlan:
    """A draft plan's rules changed (once filed, the plan is changed only by a new one)."""
    check_manager(actor, plan.department_id)
    with transaction.atomic():
        locked = InspectionPlan.objects.select_for_update().get(pk=plan.pk)
        if locked.state != PlanState.DRAFT:
            raise _refuse("已报备或公布的计划不能修改", plans.BASIS)
        for name in PLAN_SETTINGS:
            if name in settings:
                setattr(locked, name, settings[name])
        if not locked.title:
            locked.title = f"{locked.department.name}{locked.year}年度双随机抽查工作计划"
        locked.full_clean()
        locked.save()
    return locked


def add_entry(plan: InspectionPlan, *, actor: Any, **fields: Any) -> PlanEntry:
    check_manager(actor, plan.department_id)
    return plans.add_entry(plan, **fields)


def file_or_publish(plan: InspectionPlan, *, actor: Any) -> str:
    """报备 a draft, 公布 a filed plan (by its department's clerk or head); what was done."""
    check_manager(actor, plan.department_id)
    if plan.state == PlanState.DRAFT:
        plans.file_plan(plan, actor=actor)
        return "计划已报备。"
    plans.publish_plan(plan, actor=actor)
    return "计划已公布，公众可在门户查看。"


def items_in_force(on: date) -> QuerySet[CheckItem]:
    """The check items with a version in force on ``on`` (the list mechanism)."""
    from fazhi.domains.lists.services import as_of

    return CheckItem.objects.filter(pk__in=as_of(CheckItem, on).values("item_id"))


# -- the campaign ------------------------------------------------------------------------------


def open_campaign(entry: PlanEntry, *, actor: Any) -> Campaign:
    check_manager(actor, entry.plan.department_id)
    if entry.plan.state != PlanState.PUBLISHED:
        raise _refuse("抽查计划尚未公布，不能启动抽查任务", plans.BASIS, "公布抽查计划")
    if entry.campaign_id:
        raise _refuse("本项抽查任务已经启动")
    with transaction.atomic():
        locked = PlanEntry.objects.select_for_update().get(pk=entry.pk)
        if locked.campaign_id:
            raise _refuse("本项抽查任务已经启动")
        return campaigns.open_campaign(entry, actor=actor)


def partner_staffing_refusal(entry: PlanEntry, codes: set[bytes], on: date) -> str | None:
    """Why a partner department cannot staff every entity of the pool, or None."""
    for partner in entry.partners.order_by("pk"):
        oq = Officer.objects.filter(
            plans.inspector_filter(entry, partner.pk, on),
            department_id=partner.pk,
            status=CredentialStatus.ISSUED,
            valid_until__gte=on,
        ).exclude(credential_no="")
        numbers = draw.as_codes([n.encode() for n in oq.values_list("credential_no", flat=True)])
        # The partner's recorded conflicts are few; the pool may be large: filter here.
        pairs = sorted(
            {
                (o.encode(), c.encode())
                for o, c in Conflict.objects.filter(officer__in=oq).values_list(
                    "officer__credential_no", "entity__uscc"
                )
                if c.encode() in codes
            }
        )
        team = campaigns.partner_team_size(entry, partner.pk)
        reason = draw.staffing_refusal(numbers, codes, pairs, team)
        if reason:
            return f"联合抽查部门{partner.name}：{reason}"
    return None


def freeze(entry: PlanEntry, *, actor: Any, at: datetime | None = None) -> PoolSnapshot:
    """一单两库 frozen now under the plan's rules; refused before any draw when the campaign (or
    a joint campaign's partner) cannot be staffed, with the reason."""
    check_manager(actor, entry.plan.department_id)
    at = at or timezone.now()
    with transaction.atomic():
        pools = campaigns.freeze(entry, at, actor=actor)
        codes = {c for s in draw.parse_entity_pool_file(pools.file("entities")).values() for c in s}
        reason = partner_staffing_refusal(entry, {bytes(c) for c in codes}, at.date())
        if reason:  # leaving the block by the refusal rolls the snapshot back
            raise _refuse(reason, services.BASIS_TEAM, "补充联合抽查部门的检查人员名录库")
    return pools


def _one_line(text: str, what: str, limit: int = 200) -> str:
    text = text.strip()
    if not text or len(text) > limit or any(ch in text for ch in "\r\n"):
        raise _refuse(f"{what}应为一行文字，不超过{limit}字", services.BASIS_RANDOM)
    return text


def name_public_source(campaign: Campaign, label: str, *, actor: Any) -> Campaign:
    """Name in advance a public random value nobody knows at commit time (e.g. a stated day's
    lottery draw), mixed into the seed (draw-spec §2.5, §3); only before the commitments are
    published, since the manifest fixes it."""
    check_manager(actor, campaign.department_id)
    label = _one_line(label, "公共随机数来源")
    with transaction.atomic():
        locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if locked.state != CampaignState.PLANNED:
            raise _refuse("公共随机数来源须在公布承诺之前指定", services.BASIS_RANDOM)
        locked.public_random_label = label
        locked.save(update_fields=["public_random_label"])
    return locked


def enter_public_value(campaign: Campaign, value: str, *, actor: Any) -> Campaign:
    """The named public value, as published by its source, entered before the draw."""
    check_manager(actor, campaign.department_id)
    value = _one_line(value, "公共随机数")
    with transaction.atomic():
        locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if locked.state != CampaignState.COMMITTED or not locked.public_random_label:
            raise _refuse(
                "只能在承诺公布之后、抽取之前录入事先指定的公共随机数",
                services.BASIS_RANDOM,
                "公布承诺",
            )
        locked.public_random_value = value
        locked.save(update_fields=["public_random_value"])
    return locked


def check_secret(secret: str) -> str:
    """The secret as draw-spec §2.5 writes it (lowercase hex of 16–64 bytes), or a refusal."""
    secret = secret.strip().lower()
    if (
        len(secret) % 2
        or not SECRET_MIN_BYTES * 2 <= len(secret) <= SECRET_MAX_BYTES * 2
        or any(ch not in "0123456789abcdef" for ch in secret)
    ):
        raise _refuse(
            f"秘密值应为{SECRET_MIN_BYTES * 2}至{SECRET_MAX_BYTES * 2}位（偶数位）十六进制字符，"
            "只含数字0–9和字母a–f",
            services.BASIS_RANDOM,
        )
    return secret


def commit_secret(
    campaign: Campaign, *, actor: Any, secret: str = "", commitment: str = ""
) -> SeedCommitment:
    """The official's own commitment: from the secret they typed (only its SHA-256 is kept)
    or the commitment they computed themselves."""
    if not may_commit(actor, campaign):
        raise _refuse(
            "只有本部门工作人员或司法行政监督人员可以作为在场人员提交承诺值",
            services.BASIS_RANDOM,
        )
    if secret:
        commitment = draw.commitment_of(check_secret(secret))
    if not commitment:
        raise _refuse("请填写秘密值或承诺值", services.BASIS_RANDOM)
    return services.commit(campaign, actor, commitment)


def reveal_secret(campaign: Campaign, *, actor: Any, secret: str) -> None:
    """The official reveals the secret of their commitment. A secret that does not open it is
    refused here (not stored), so a typing error does not turn a reveal into an empty one."""
    secret = check_secret(secret)
    row = SeedCommitment.objects.filter(campaign=campaign, official=actor).first()
    if row is None:
        raise _refuse("您没有提交承诺值，无需揭示", services.BASIS_RANDOM)
    if row.reveal:
        raise _refuse("您已揭示过秘密值，不能更改", services.BASIS_RANDOM)
    if draw.commitment_of(secret) != row.commitment:
        raise _refuse(
            "秘密值与您提交的承诺值不符，请核对后重新输入（未保存）", services.BASIS_RANDOM
        )
    services.reveal(campaign, actor, secret)


def draw_and_assign(entry: PlanEntry, *, actor: Any, on: date | None = None) -> int:
    """committed → drawn, and the tasks on the inspectors' workbenches, in one transaction.
    At least one reveal must count: with none, anyone could have computed the seed from the
    published manifest before the draw (draw-spec §3)."""
    camp = entry.campaign
    assert camp is not None
    check_manager(actor, camp.department_id)
    if camp.state == CampaignState.COMMITTED and not any(services.counted_reveals(camp)):
        raise _refuse(
            "尚无在场人员揭示与承诺相符的秘密值，随机种子不能确定",
            services.BASIS_RANDOM,
            "揭示秘密值",
        )
    on = on or timezone.localdate()
    with transaction.atomic():
        count = services.run_draw(camp, actor=actor, on=on)
        entry.campaign = Campaign.objects.get(pk=camp.pk)
        try:
            campaigns.assign_tasks(entry, on=on, actor=actor)
        except draw.DrawRefused as exc:  # the draw is rolled back with the refusal
            raise _refuse(str(exc), services.BASIS_TEAM) from exc
    return count


def publish_results(entry: PlanEntry, *, actor: Any, on: date | None = None) -> None:
    camp = entry.campaign
    assert camp is not None
    check_manager(actor, camp.department_id)
    pending = InspectionTask.objects.filter(
        target__campaign=camp, published_on__isnull=True, case__state=TaskState.CONFIRMED
    )
    if not pending.exists():
        raise _refuse(
            "没有已确认、尚未公示的检查结果（须两名检查人员确认后公示）",
            rules.RESULT_PUBLICATION_BASIS,
            "检查人员确认检查结果",
        )
    campaigns.publish_all(entry, on=on or timezone.localdate(), actor=actor)


# -- what the campaign page shows ---------------------------------------------------------------


@dataclass
class DepartmentTask:
    department: str
    department_id: int
    task_id: int | None
    state: str
    state_label: str
    inspectors: list[str] = field(default_factory=list)
    mine: bool = False
    ended_on: date | None = None
    category: str = ""
    due_on: date | None = None
    published_on: date | None = None

    @property
    def late_days(self) -> int | None:
        if self.due_on is None or self.published_on is None:
            return None
        return max(0, (self.published_on - self.due_on).days)


@dataclass
class TargetRow:
    rank: int
    stratum: str
    name: str
    uscc: str
    entity_id: int
    tasks: list[DepartmentTask] = field(default_factory=list)
    alerts: list[str] = field(default_factory=list)


def progress(user: Any, campaign: Campaign, lead_department: str) -> list[TargetRow]:
    """The targets ``user`` may see (``secret-until-published``: the running department's
    staff, the assigned inspectors their own; the supervisors once published), each with every
    department's task: its team, state, result and publication. Read through the scoped targets
    only, a few queries for the whole campaign."""
    targets = scoped(user, Target).filter(campaign=campaign)
    rows: dict[int, TargetRow] = {}
    for pk, rank, stratum, name, uscc, entity_id in targets.order_by("rank").values_list(
        "pk", "rank", "stratum", "entity__name", "entity__uscc", "entity_id"
    ):
        rows[pk] = TargetRow(rank, stratum, name, uscc, entity_id)
    if not rows:
        return []
    state_label = dict(TaskState.choices)
    category_label = dict(ResultCategory.choices)
    tasks: dict[int, DepartmentTask] = {}
    for row in targets.order_by("rank", "tasks__department_id").values_list(
        "pk",
        "tasks__pk",
        "tasks__department__name",
        "tasks__department_id",
        "tasks__case__state",
        "tasks__ended_on",
        "tasks__category",
        "tasks__due_on",
        "tasks__published_on",
    ):
        target_id, task_id, dept, dept_id, state, ended, category, due, published = row
        if task_id is None:
            continue
        task = DepartmentTask(
            dept,
            dept_id,
            task_id,
            state,
            str(state_label.get(state, state)),
            ended_on=ended,
            category=str(category_label.get(category, "")) if category else "",
            due_on=due,
            published_on=published,
        )
        tasks[task_id] = task
        rows[target_id].tasks.append(task)
    for task_id, name, number, staff_id in targets.values_list(
        "tasks__pk",
        "tasks__inspectors__person__name",
        "tasks__inspectors__credential_no",
        "tasks__inspectors__staff_id",
    ):
        if task_id is None or number is None:
            continue
        tasks[task_id].inspectors.append(f"{name}（{number}）")
        tasks[task_id].mine = tasks[task_id].mine or (staff_id is not None and staff_id == user.pk)
    # Drawn without tasks yet: the lead department's drawn team.
    bare = [pk for pk, r in rows.items() if not r.tasks]
    if bare:
        teams: dict[int, list[str]] = defaultdict(list)
        for target_id, name, number in (
            targets.filter(pk__in=bare)
            .order_by("rank", "assignments__position")
            .values_list(
                "pk", "assignments__officer__person__name", "assignments__officer__credential_no"
            )
        ):
            if number:
                teams[target_id].append(f"{name}（{number}）")
        for pk in bare:
            rows[pk].tasks.append(
                DepartmentTask(
                    lead_department, campaign.department_id, None, "", "未派发", teams[pk]
                )
            )
    alerts = results.repeat_alerts_for_campaign(campaign, [r.entity_id for r in rows.values()])
    for r in rows.values():
        r.alerts = alerts.get(r.entity_id, [])
    return list(rows.values())


@dataclass
class DepartmentProgress:
    department: str
    total: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    published: int = 0
    late: int = 0
    overdue: int = 0


def summary(rows: list[TargetRow], today: date | None = None) -> list[DepartmentProgress]:
    """Per department: tasks by state, results published, published late, overdue today."""
    today = today or timezone.localdate()
    out: dict[int, DepartmentProgress] = {}
    for r in rows:
        for t in r.tasks:
            p = out.setdefault(t.department_id, DepartmentProgress(t.department))
            p.total += 1
            p.counts[t.state_label] = p.counts.get(t.state_label, 0) + 1
            if t.published_on is not None:
                p.published += 1
                p.late += int(bool(t.late_days))
            elif t.due_on is not None and t.due_on < today:
                p.overdue += 1
    return list(out.values())
