"""Stage 301 of the Ezhou 2019 scenario: the 2019 plans and their 356 campaigns, drawn for real.

Each department of stage 300 files and publishes its 2019 plan (一表、一细则) in April. Each
plan entry is a campaign on one place (district or zone), one trade and one kind of entity
(专项抽查), so that no two campaigns share a pool; a few are joint (联合抽查) with a partner
that checks its own items on the same visits. Every campaign walks the draw's steps with 2019
dates through the same functions the screens use: the pools are frozen under the plan's rules,
two officials of the department commit to secrets derived from the scenario seed, the manifest
is published, the secrets are revealed and the draw is made; its targets become tasks; the
inspectors' results are recorded and confirmed; each violation opens a penalty case at its clue
step (or is referred to the market regulator); the results are published through the gate (and
the outbox) and the draw itself is revealed.

The risk classes of the scenario are imported as of 2019-12-31, so during 2019 every entity is in
the draw's stratum 未分类: each entry states its 未分类 ratio (per mille), chosen when the plan is
made from the pool the campaign will freeze (the entities of its cell registered by then, less
those drawn from it earlier), so that the year's draws take 2,810余 entities (rows 20, 21).

The visits are history, not fixtures: every officer of the departments acts through a staff
account of their own (the persona's where there is one), and each task walks its steps through
the task workflow's ``take`` on the visit's 2019 date — a finding where the visit found a
violation, the result by the first inspector, its confirmation by the second, which starts the
publication deadline and opens each violation's penalty case at its clue step (row 22) as the
screen's confirmation does. Idempotence: a department whose 2019 plan exists is skipped whole.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Concat
from django.utils import timezone

from fazhi.core.clock.calendar import get_calendar
from fazhi.core.org.choices import EntityStatus, Role
from fazhi.core.org.models import Entity, Officer, OrgUnit, Person, RoleAssignment, Staff
from fazhi.domains.lists.choices import PowerKind
from fazhi.domains.lists.models import PowerItem
from fazhi.domains.lists.services import as_of
from fazhi.shell.scenario import data
from fazhi.shell.scenario.planning import Digest, apportion, rng_for

from .. import campaigns as carry
from .. import plans, services, tasks
from ..campaign_choices import ResultCategory
from ..choices import UNCLASSIFIED
from ..models import CheckItem, InspectionPlan, InspectionTask, OfficerQualification, PlanEntry
from .items import TRADES, departments, dept_code

SEED_CAMPAIGNS = 356  # 各部门开展随机抽查356次
SEED_TARGETS = 2_815  # 检查对象2810余户: the scenario aims inside the "余" (2,810–2,819)
SEED_VIOLATIONS = 455  # 处理违法违规行为450余起 (450–459)
YEAR = 2019
# The plans follow the list of check items (in force from 2019-03-29, after the reform).
PLAN_FILED = date(2019, 4, 1)
PLAN_PUBLISHED = date(2019, 4, 3)
FIRST_DRAW = date(2019, 4, 10)
LAST_DRAW = date(2019, 11, 29)
KINDS = ("company", "individual")
# Joint campaigns: (lead, partner, trade) — 进一次门、查多项事.
JOINT = (("SCJG", "WJW", "H"), ("SCJG", "GAJ", "H"), ("STHJ", "YJGLJ", "C"), ("SCJG", "SWJ", "F"))
OUTCOMES = (
    (ResultCategory.NO_PROBLEM, 78),
    (ResultCategory.CORRECTED, 9),
    (ResultCategory.ANNUAL_REPORT, 4),
    (ResultCategory.NO_ACTIVITY, 4),
    (ResultCategory.UNREACHABLE, 3),
    (ResultCategory.UNCOOPERATIVE, 1),
    (ResultCategory.DEREGISTERED, 1),
)


@dataclass
class Cell:
    region: str  # the district or zone code
    industry: str
    kind: str
    n: int  # active entities today
    registered: list[date] = field(default_factory=list, repr=False)  # sorted

    def n_on(self, day: date) -> int:
        """The cell's active entities registered by ``day`` (those a pool frozen then holds)."""
        return bisect_right(self.registered, day)


def ratio_for(n: int, k: int) -> int:
    """The smallest per-mille ratio that takes exactly ``k`` of ``n`` (draw-spec §4's ceiling)."""
    for r in range(1, 1001):
        if (n * r + 999) // 1000 == k:
            return r
    raise ValueError(f"{k} of {n} cannot be taken by a per-mille ratio")


def reachable(n: int, k: int) -> int:
    """The nearest count a per-mille ratio can take from ``n`` (every count when n ≤ 1000)."""
    k = max(1, min(k, n))
    takes = sorted({(n * r + 999) // 1000 for r in range(1, 1001)})
    return min(takes, key=lambda t: (abs(t - k), t))


def cells() -> list[Cell]:
    """Active entities by (place, trade, kind), each cell with its entities' registration dates
    (sorted): one query. A campaign's pool holds only the entities registered by its freeze."""
    dates: dict[tuple[str, str, str], list[date]] = defaultdict(list)
    for region, industry, kind, registered in Entity.objects.filter(
        status=EntityStatus.ACTIVE, kind__in=KINDS
    ).values_list("region__code", "industry", "kind", "registered_on"):
        dates[(region, industry, kind)].append(registered)
    return [
        Cell(region, industry, kind, len(ds), sorted(ds))
        for (region, industry, kind), ds in sorted(dates.items())
    ]


def schedule(campaigns: int) -> list[tuple[date, date]]:
    """The (freeze, draw) days of the year's campaigns in plan order: spread over the working
    days between the first and the last draw; the pools are frozen and the commitments made two
    working days before the draw."""
    cal = get_calendar()
    days = [d for d in _days(FIRST_DRAW, LAST_DRAW) if cal.is_workday(d)]
    out = []
    for i in range(campaigns):
        drawn = days[i * len(days) // campaigns]
        out.append((cal.add_workdays(drawn, -2), drawn))
    return out


def covered_trades(d: Any) -> str:
    """The trades the department's check items in force reach (its list's scopes)."""
    found: set[str] = set()
    for v in as_of(CheckItem, FIRST_DRAW).filter(
        department__code=dept_code(d), qualification__code__endswith="-01"
    ):
        found.update(v.industries or TRADES[d.suffix])
    return "".join(sorted(found))


def officials(unit: OrgUnit, suffix: str) -> tuple[Staff, Staff]:
    """The department's two officials present at its draws (an account each, no password)."""
    out = []
    for i, role in ((1, Role.CLERK), (2, Role.DEPARTMENT_HEAD)):
        username = f"draw_{suffix.lower()}_{i}"
        staff = Staff.objects.filter(username=username).first()
        if staff is None:
            staff = Staff.objects.create(
                username=username,
                password=make_password(None),
                display_name=f"{unit.short_name or unit.name}抽取见证人{i}",
            )
            RoleAssignment.objects.create(staff=staff, role=role, org_unit=unit)
        out.append(staff)
    return out[0], out[1]


def secret(seed: int, code: str, who: int) -> str:
    """An official's secret, derived from the scenario seed (reproducible, never typed in)."""
    return hashlib.sha256(f"fazhi-scenario:{seed}:{code}:{who}".encode()).hexdigest()


def moment(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


@dataclass(frozen=True)
class Size:
    """The year's figures, scaled down with the entity pool of a reduced build (tests)."""

    campaigns: int
    targets: int
    violations: int


def size_for(entities: int) -> Size:
    if entities >= data.SEED_ENTITIES:
        return Size(SEED_CAMPAIGNS, SEED_TARGETS, SEED_VIOLATIONS)
    f = entities / data.SEED_ENTITIES
    return Size(
        max(1, round(SEED_CAMPAIGNS * f)),
        max(1, round(SEED_TARGETS * f)),
        round(SEED_VIOLATIONS * f),
    )


def staffed(d: Any) -> bool:
    """At least two officers with a valid credential and the department's first code."""
    first = f"{d.suffix}-01"
    return (
        OfficerQualification.objects.filter(
            qualification__department__code=dept_code(d),
            qualification__code=first,
            officer__status="issued",
            officer__valid_until__gte=LAST_DRAW,
        ).count()
        >= 2
    )


def plan_entries(
    seed: int, size: Size | None = None
) -> dict[str, list[tuple[Cell, int, int, str | None]]]:
    """Per department: its campaigns as (cell, targets, pool size at the freeze, partner
    suffix), the counts summing to the seed's figure.

    A campaign's place in the plan fixes its freeze and draw days (``schedule``), and so its
    pool: the cell's entities registered by the freeze, less those drawn from the cell before
    it (the yearly cap, 1 in the scenario's plans, takes them out; every earlier campaign on
    the cell took exactly its count, from entities registered before its own earlier freeze).
    The pool is therefore known when the plan is made, and the entry's 未分类 ratio (per mille)
    is set so that the draw's ceiling rule (draw-spec §4) takes the planned count from it."""
    size = size or Size(SEED_CAMPAIGNS, SEED_TARGETS, SEED_VIOLATIONS)
    depts = [d for d in departments() if staffed(d)]
    per_dept = apportion(size.campaigns, [d.officers for d in depts])
    days = schedule(size.campaigns)
    by_trade: dict[str, list[Cell]] = defaultdict(list)
    for c in sorted(cells(), key=lambda c: (-c.n, c.region, c.industry, c.kind)):
        if c.n_on(days[0][0]):  # someone to draw from at the year's first freeze
            by_trade[c.industry].append(c)
    rng = rng_for(seed, "inspection.campaigns")
    picks: dict[str, list[Cell]] = {}
    for d, n in zip(depts, per_dept, strict=True):
        pool = [c for t in covered_trades(d) for c in by_trade.get(t, [])]
        if not pool:
            continue
        rng.shuffle(pool)
        picks[d.suffix] = [pool[i % len(pool)] for i in range(n)]
    flat = [(s, c) for s in picks for c in picks[s]]
    if len(flat) != size.campaigns:
        raise RuntimeError(
            f"可抽查的部门与市场主体不足以安排 {size.campaigns} 次抽查（{len(flat)}）"
        )
    frozen = [c.n_on(day) for (_, c), (day, _) in zip(flat, days, strict=True)]
    total_n = sum(frozen)
    key = lambda c: (c.region, c.industry, c.kind)  # noqa: E731
    drawn: dict[tuple[str, str, str], int] = defaultdict(int)
    counts: list[int] = []
    pools: list[int] = []
    for (_, c), at_freeze in zip(flat, frozen, strict=True):
        n = at_freeze - drawn[key(c)]
        k = reachable(n, round(at_freeze * size.targets / total_n)) if n > 0 else 0
        counts.append(k)
        pools.append(n)
        drawn[key(c)] += k
    # The total to the seed's figure: only a cell's last campaign changes (no later pool moves),
    # and only where its pool is small enough for every count to be reachable.
    last = {key(c): i for i, (_, c) in enumerate(flat)}
    diff = size.targets - sum(counts)
    for spread in (3, None):  # first keep each count near its share, then as far as needed
        for i in sorted(last.values(), reverse=True):
            n = pools[i]
            share = round(frozen[i] * size.targets / total_n)
            while diff and n <= 1000 and 1 <= counts[i] + (1 if diff > 0 else -1) <= n:
                if spread is not None and abs(counts[i] - share) >= spread:
                    break
                step = 1 if diff > 0 else -1
                counts[i] += step
                diff -= step
    if diff and size.targets == SEED_TARGETS:
        raise RuntimeError(f"抽取户数无法凑足：差 {diff} 户")
    if 0 in counts:
        raise RuntimeError("有抽查任务的名录库中没有市场主体")
    out: dict[str, list[tuple[Cell, int, int, str | None]]] = defaultdict(list)
    for (suffix, c), k, n in zip(flat, counts, pools, strict=True):
        out[suffix].append((c, k, n, None))
    # Joint entries: the lead's first campaign on the trade gets the partner.
    for lead, partner, trade in JOINT:
        for j, (c, k, n, p) in enumerate(out.get(lead, [])):
            if c.industry == trade and p is None and partner in picks:
                out[lead][j] = (c, k, n, partner)
                break
    return out


def load_campaigns(builder: Any, result: Any) -> None:
    depts = {d.suffix: d for d in departments()}
    units = {
        u.code: u for u in OrgUnit.objects.filter(code__in=[dept_code(d) for d in depts.values()])
    }
    if InspectionPlan.objects.filter(year=YEAR, department__in=units.values()).exists():
        result.existing = InspectionPlan.objects.filter(year=YEAR).count()
        return
    size = size_for(builder.entities)
    entries = plan_entries(builder.seed, size)
    rng = rng_for(builder.seed, "inspection.results")
    digest = Digest()
    cal = get_calendar()
    days = schedule(sum(len(rows) for rows in entries.values()))
    # 1. The plans (一表、一细则), filed and published before the year's first draw.
    plan_of: dict[str, InspectionPlan] = {}
    flat: list[PlanEntry] = []
    # Campaigns check items every officer of the department is qualified for (the first code).
    scope = {
        v.item_id: list(v.industries)
        for v in as_of(CheckItem, FIRST_DRAW).select_related("qualification")
        if v.qualification is None or v.qualification.code.endswith("-01")
    }
    for suffix, rows in entries.items():
        unit = units[dept_code(depts[suffix])]
        plan = plans.create_plan(
            unit, YEAR, yearly_cap=1, title=f"{unit.name}2019年度双随机抽查工作计划"
        )
        plan_of[suffix] = plan
        items = list(CheckItem.objects.filter(department=unit).order_by("code"))
        for j, (c, k, pool, partner) in enumerate(rows):
            own = [i for i in items if _covers(scope, i, c.industry)] or [
                i for i in items if i.pk in scope
            ][:1]
            chosen = own[j % len(own) : j % len(own) + 2] or own[:1]
            partners = []
            if partner:
                p_unit = units[dept_code(depts[partner])]
                partners = [p_unit]
                p_items = [
                    i
                    for i in CheckItem.objects.filter(department=p_unit)
                    if _covers(scope, i, c.industry)
                ]
                chosen += p_items[:1]
            ratios = dict(plan.ratios)
            ratios[UNCLASSIFIED] = ratio_for(pool, k)
            entry = plans.add_entry(
                plan,
                _entry_name(c),
                chosen,
                days[0][1],
                LAST_DRAW,
                partners=partners,
                ratios=ratios,
                industries=[c.industry],
                entity_kinds=[c.kind],
                places=[c.region],
            )
            flat.append(entry)
    # A partner that runs no campaign of its own still states its rules for the year.
    for _lead, partner, _ in JOINT:
        if partner not in plan_of and partner in depts:
            plan_of[partner] = plans.create_plan(
                units[dept_code(depts[partner])], YEAR, yearly_cap=1
            )
    for plan in plan_of.values():
        if plan.entries.exists():
            plans.file_plan(plan, on=PLAN_FILED)
            plans.publish_plan(plan, on=PLAN_PUBLISHED)
    # 2. The campaigns, spread over the working days of the year (in plan order, as the plan
    # entries were planned), walked through the draw.
    day_of = {e.pk: days[i] for i, e in enumerate(flat)}
    # The inspectors act through their own staff accounts (the tasks wait on their workbench).
    accounts = inspector_accounts([u.pk for u in units.values()])
    # The entities of each (place, trade, kind), read once: each pool query starts from them.
    members: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for pk, region, industry, kind in Entity.objects.filter(status=EntityStatus.ACTIVE).values_list(
        "pk", "region__code", "industry", "kind"
    ):
        members[(region, industry, kind)].append(pk)
    penalty_items = _penalty_items(units.values())
    targets = violations = 0
    outcomes = _outcomes(rng)
    # The violations fall on tasks of departments holding a penalty power (their clue names
    # it): exactly the seed's number, at positions drawn from the scenario seed.
    eligible = sum(
        k * sum(1 for s in (suffix, p) if s and units[dept_code(depts[s])].pk in penalty_items)
        for suffix, rows in entries.items()
        for _, k, _, p in rows
    )
    violation_slots = set(rng.sample(range(eligible), min(eligible, size.violations)))
    slot = 0
    for entry in (
        PlanEntry.objects.filter(pk__in=[e.pk for e in flat])
        .select_related("plan__department")
        .order_by("pk")
    ):
        committed_on, drawn_on = day_of[entry.pk]
        suffix = entry.plan.department.code.split("-", 1)[1]
        a, b = officials(entry.plan.department, suffix)
        camp = carry.open_campaign(entry)
        carry.freeze(entry, moment(committed_on, 9), candidates=members[_cell_key(entry)])
        code = camp.code
        services.commit(
            camp, a, _digest(secret(builder.seed, code, 1)), at=moment(committed_on, 10)
        )
        services.commit(
            camp, b, _digest(secret(builder.seed, code, 2)), at=moment(committed_on, 10)
        )
        services.publish_commitments(camp, on=committed_on)
        services.reveal(camp, a, secret(builder.seed, code, 1), at=moment(drawn_on, 9))
        services.reveal(camp, b, secret(builder.seed, code, 2), at=moment(drawn_on, 9))
        targets += services.run_draw(camp, on=drawn_on)
        made = carry.assign_tasks(entry, on=drawn_on)
        categories = []
        for task in made:
            is_violation = False
            if task.department_id in penalty_items:
                is_violation = slot in violation_slots
                slot += 1
            categories.append(ResultCategory.VIOLATION if is_violation else next(outcomes))
        ended = _walk_tasks(made, categories, drawn_on, rng, penalty_items, accounts)
        violations += categories.count(ResultCategory.VIOLATION)
        publish_on = cal.add_workdays(ended, 3 + rng.randrange(12))
        carry.publish_all(entry, on=publish_on)
        digest.add(code, drawn_on, camp.manifest_digest)
    result.created = len(flat)
    result.extra.update(
        campaigns=len(flat), targets=targets, violations=violations, accounts=accounts.created
    )
    builder.audit(
        "inspection.Campaign",
        len(flat),
        digest,
        campaigns=len(flat),
        targets=targets,
        inspector_accounts=accounts.created,
    )


def _days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def _digest(secret_hex: str) -> str:
    return hashlib.sha256(bytes.fromhex(secret_hex)).hexdigest()


def _covers(scope: dict[int, list[str]], item: CheckItem, industry: str) -> bool:
    trades = scope.get(item.pk)
    return trades is not None and (not trades or industry in trades)


def _cell_key(entry: PlanEntry) -> tuple[str, str, str]:
    return (entry.places[0], entry.industries[0], entry.entity_kinds[0])


def _entry_name(c: Cell) -> str:
    kind = "企业" if c.kind == "company" else "个体工商户"
    return f"{c.industry}门类{kind}专项抽查（{_place(c.region)}）"


def _place(code: str) -> str:
    unit = OrgUnit.objects.filter(code=code).only("short_name", "name").first()
    return (unit.short_name or unit.name) if unit else code


def _penalty_items(units: Any) -> dict[int, int]:
    """A penalty power item in force per department (what a violation's clue names)."""
    out: dict[int, int] = {}
    for v in (
        as_of(PowerItem, date(YEAR, 6, 30))
        .filter(department__in=list(units), kind=PowerKind.PENALTY)
        .order_by("item__code")
    ):
        out.setdefault(v.department_id, v.item_id)
    return out


def _outcomes(rng: Any) -> Any:
    pool = [c for c, w in OUTCOMES for _ in range(w)]
    while True:
        yield rng.choice(pool)


class Accounts(dict[int, Staff]):
    """Officer id → the officer's own staff account; ``created``: the accounts made here."""

    created: int = 0


def inspector_accounts(unit_ids: list[int]) -> Accounts:
    """The officers of these departments, each with a staff account of their own holding the
    role 执法人员 in their department, through which they take their tasks' steps: the
    persona's account where the officer is one (``scjg_officer``), else one made here per
    officer (username from the credential number, no usable password: they do not sign in to
    the demo). A few bulk writes."""
    officers = list(
        Officer.objects.filter(department_id__in=unit_ids)
        .exclude(credential_no="")
        .select_related("person", "staff")
        .order_by("pk")
    )
    missing = [o for o in officers if o.staff_id is None]
    names = {o.pk: f"officer_{o.credential_no}" for o in missing}
    have = Staff.objects.in_bulk(list(names.values()), field_name="username")
    fresh = [
        Staff(username=names[o.pk], display_name=o.person.name, password=make_password(None))
        for o in missing
        if names[o.pk] not in have
    ]
    Staff.objects.bulk_create(fresh, batch_size=1000)
    # Each officer, and their person record, linked to the account named after them: one
    # UPDATE each (a bulk_update's CASE over a thousand rows costs more than the subquery).
    Officer.objects.filter(pk__in=list(names)).update(
        staff_id=Subquery(
            Staff.objects.filter(
                username=Concat(Value("officer_"), OuterRef("credential_no"))
            ).values("pk")[:1]
        )
    )
    Person.objects.filter(pk__in={o.person_id for o in missing}, staff__isnull=True).update(
        staff_id=Subquery(
            Officer.objects.filter(person_id=OuterRef("pk"), staff__isnull=False)
            .order_by("pk")
            .values("staff_id")[:1]
        )
    )
    have.update({s.username: s for s in fresh})
    for o in missing:
        o.staff = have[names[o.pk]]
    RoleAssignment.objects.bulk_create(
        [
            RoleAssignment(staff=o.staff, role=Role.OFFICER, org_unit_id=o.department_id)
            for o in officers
        ],
        ignore_conflicts=True,
        batch_size=1000,
    )
    out = Accounts({o.pk: o.staff for o in officers if o.staff is not None})
    out.created = len(fresh)
    return out


def _walk_tasks(
    made: list[InspectionTask],
    categories: list[str],
    drawn_on: date,
    rng: Any,
    penalty_items: dict[int, int],
    accounts: Accounts,
) -> date:
    """Each task's visit, step by step through the task workflow (``take``), each step by an
    assigned inspector's own account on the visit's 2019 date: where the visit found a
    violation the first inspector records it against the first check item (记录检查情况, the
    case's evidence); the first inspector records the result (录入检查结果; a violation names
    the department's penalty power item, as the screen asks); the second confirms it (确认检查
    结果), which starts the 20-working-day publication deadline and opens the penalty case at
    its clue step, or refers the result to the market regulator. Returns the day the last
    visit ended."""
    cal = get_calendar()
    ids = [t.pk for t in made]
    team: dict[int, list[int]] = defaultdict(list)
    for task_id, officer_id in (
        InspectionTask.inspectors.through.objects.filter(inspectiontask_id__in=ids)
        .order_by("pk")
        .values_list("inspectiontask_id", "officer_id")
    ):
        team[task_id].append(officer_id)
    first_item: dict[int, int] = {}
    for task_id, item_id in (
        InspectionTask.items.through.objects.filter(inspectiontask_id__in=ids)
        .order_by("pk")
        .values_list("inspectiontask_id", "checkitem_id")
    ):
        first_item.setdefault(task_id, item_id)
    last = drawn_on
    for task, category in zip(made, categories, strict=True):
        ended = cal.add_workdays(drawn_on, 1 + rng.randrange(8))
        recorder, confirmer = (accounts[o] for o in team[task.pk][:2])
        label = str(ResultCategory(category).label)
        if category == ResultCategory.VIOLATION:
            tasks.take_step(
                task,
                "finding",
                recorder,
                data={
                    "item": first_item.get(task.pk),
                    "compliant": False,
                    "text": f"检查发现：{label}",
                },
                on=ended,
            )
        data: dict[str, Any] = {
            "ended_on": ended,
            "category": category,
            "note": "" if category == ResultCategory.NO_PROBLEM else label,
        }
        if category == ResultCategory.VIOLATION:
            data["penalty_item"] = penalty_items[task.department_id]
        tasks.take_step(task, "record", recorder, data=data, on=ended)
        tasks.take_step(task, "confirm", confirmer, data={}, on=ended)
        last = max(last, ended)
    return last
