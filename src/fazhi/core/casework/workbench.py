"""What waits for a staff member across every kind of case: steps they may take now, deadlines
approaching (warned a number of working days ahead, per kind), overdue ones, what they handled
lately, and their notifications. Each part is one query whatever the volume, so the workbench
costs the same for a quiet unit and a busy one (benchmarks/workbench.py)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.db import connections, transaction
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from fazhi.core.clock.calendar import get_calendar
from fazhi.core.org.choices import ADMIN_ROLES, PERSONAL_ROLES, SUPERVISORY_ROLES
from fazhi.core.org.scoping import scoped

from .choices import DeadlineStatus, NotificationKind
from .models import Case, Deadline, Event, Notification, Participant
from .workflow import workflow_for, workflows

DEFAULT_WARN_WORKDAYS = 3

# What one step needs of a case for the user to take it: the user's units holding its staff
# role, the participant roles such a unit must take, and whether only cases handled here (not
# collected ones) qualify.
Need = tuple[list[int], list[str], bool]


def warn_workdays(kind: str) -> int:
    """How many working days ahead a deadline of this kind of case is announced: the setting
    ``FAZHI_DEADLINE_WARN`` ({kind: days, "default": days}), else the workflow's own value."""
    table: dict[str, int] = getattr(settings, "FAZHI_DEADLINE_WARN", {})
    if kind in table:
        return int(table[kind])
    wf = workflow_for(kind)
    if wf is not None and wf.warn_workdays is not None:
        return wf.warn_workdays
    return int(table.get("default", DEFAULT_WARN_WORKDAYS))


def _cutoffs(today: date) -> tuple[date, dict[int, list[str]]]:
    """The latest date any kind warns about, and the kinds by their number of working days."""
    by_days: dict[int, list[str]] = defaultdict(list)
    for wf in workflows():
        by_days[warn_workdays(wf.kind)].append(wf.kind)
    by_days.setdefault(warn_workdays(""), [])
    cal = get_calendar()
    latest = max(_add(cal, today, n) for n in by_days)
    return latest, by_days


def _add(cal: Any, today: date, n: int) -> date:
    try:
        return cal.add_workdays(today, n)
    except ValueError:  # beyond the calendar's years: weekends only would be a guess, so stop
        return today


def approaching_q(today: date) -> Q:
    """Running deadlines due from today up to each kind's warning horizon."""
    cal = get_calendar()
    _, by_days = _cutoffs(today)
    known = [k for kinds in by_days.values() for k in kinds]
    default = _add(cal, today, warn_workdays(""))
    q = Q(due__lte=default) & ~Q(case__kind__in=known)
    for n, kinds in by_days.items():
        if kinds:
            q |= Q(case__kind__in=kinds, due__lte=_add(cal, today, n))
    return Q(status=DeadlineStatus.RUNNING, due__gte=today) & q


def _business_units(user: Any) -> list[int]:
    return sorted(
        {
            r.org_unit_id
            for r in user.role_rows()
            if r.role not in ADMIN_ROLES | PERSONAL_ROLES | SUPERVISORY_ROLES
        }
    )


def _awaiting_branches(user: Any) -> dict[tuple[str, str], list[Need]]:
    """For each (kind, state) a step leaves from, the steps' needs: the user's units where they
    hold the staff role a step needs, the participant roles such a unit must take in the case,
    and whether only cases handled here qualify (collected cases wait for supervision only)."""
    rows = user.role_rows()
    branches: dict[tuple[str, str], list[Need]] = {}
    for wf in workflows():
        for step in wf.transitions.values():
            if step.system:
                continue
            units = sorted({r.org_unit_id for r in rows if r.role in step.staff_roles})
            if not units:
                continue
            need = (units, sorted(step.unit_roles), not step.supervision)
            for state in sorted(step.sources):
                # Two steps from one state (held in different roles) share the branch.
                needs = branches.setdefault((wf.kind, state), [])
                if need not in needs:
                    needs.append(need)
    return branches


def _waiting(cases: QuerySet[Case], needs: list[Need], user_pk: Any = None) -> QuerySet[Case]:
    """Narrow ``cases`` (of one kind and state) to those where one of the user's units takes
    part in a role a step needs, or the user in person (a personal assignment in that role: an
    assigned inspector, a committee member).

    Each check is a scalar subquery (``(SELECT id … LIMIT 1) IS NOT NULL``) on purpose:
    PostgreSQL runs it per case through the (case, org_unit, role) index while it walks the
    (kind, state, opened_on) index, and stops at the limit. As IN or EXISTS it becomes a
    second semi-join beside the scope's; the planner multiplies the two selectivities as if
    independent (they are the same unit's rows), expects too few rows to stop early, and for
    a small unit hashes its every participation instead (0.2–0.6 s)."""
    local = all(only_here for _, _, only_here in needs)
    if local:
        cases = cases.filter(source_system="")
    takes_part = Q(pk__in=[])
    for i, (units, roles, only_here) in enumerate(needs):
        name = f"_takes_part_{i}"
        who = Q(org_unit_id__in=units)
        if user_pk is not None:
            who |= Q(staff_id=user_pk)
        row = (
            Participant.objects.filter(who, case_id=OuterRef("pk"), role__in=roles)
            .order_by()
            .values("pk")[:1]
        )
        cases = cases.alias(**{name: Subquery(row)})
        here = Q(**{f"{name}__isnull": False})
        if only_here and not local:
            here &= Q(source_system="")
        takes_part |= here
    return cases.filter(takes_part)


def awaiting(cases: QuerySet[Case], user: Any, limit: int) -> list[Case]:
    """The oldest ``limit`` cases of ``cases`` (already restricted) awaiting the user's step.

    One query: a UNION ALL of one branch per (kind, state), each ordered and limited, so that
    each walks its own slice of the (kind, state, opened_on) index. A single filter OR-ing
    every state with its participation subquery can use no index, and PostgreSQL hashes every
    participation of the unit for each step (1.6 s for a unit with 200,000 cases)."""
    order = ("opened_on", "id")
    parts = [
        _waiting(cases.filter(kind=kind, state=state), needs, user.pk)
        for (kind, state), needs in _awaiting_branches(user).items()
    ]
    if not parts:
        return []
    if len(parts) == 1:
        return list(parts[0].order_by(*order)[:limit])
    if connections[cases.db].features.supports_slicing_ordering_in_compound:
        parts = [p.order_by(*order)[:limit] for p in parts]
    else:  # SQLite: the branches (disjoint states) unordered, ordered once as a whole
        parts = [p.order_by() for p in parts]
    return list(parts[0].union(*parts[1:], all=True).order_by(*order)[:limit])


@dataclass
class Workbench:
    awaiting: list[Case]
    approaching: list[Deadline]
    overdue: list[Deadline]
    recent: list[Event]
    notifications: list[Notification]
    unread: int


def workbench(user: Any, today: date | None = None, limit: int = 20) -> Workbench:
    today = today or timezone.localdate()
    units = _business_units(user)
    cases = scoped(user, Case, "view")
    deadlines = scoped(user, Deadline, "view").filter(org_unit_id__in=units)
    events = scoped(user, Event, "view")
    notes = scoped(user, Notification, "view")
    return Workbench(
        awaiting=awaiting(cases, user, limit),
        approaching=list(
            deadlines.filter(approaching_q(today))
            .select_related("case", "org_unit")
            .order_by("due", "id")[:limit]
        ),
        overdue=list(
            deadlines.filter(status=DeadlineStatus.RUNNING, due__lt=today)
            .select_related("case", "org_unit")
            .order_by("due", "id")[:limit]
        ),
        recent=list(events.filter(actor=user).select_related("case").order_by("-at", "-id")[:10]),
        notifications=list(notes.filter(read_at__isnull=True).select_related("case")[:limit]),
        unread=notes.filter(read_at__isnull=True).count(),
    )


# -- notifications, written by a scheduled job ------------------------------------------------

# Who is told about a deadline of their unit: the roles that act on cases.
ACTING_ROLES = ("clerk", "department_head", "legal_reviewer", "officer",
                "reconsideration_handler", "reconsideration_head")  # fmt: skip


def notify_deadlines(today: date | None = None) -> int:
    """Turn approaching and overdue deadlines into notifications for the staff of the unit
    responsible, once per (person, deadline, kind, due date): a moved deadline is announced
    again, a repeated run adds nothing. Returns the number of new notifications."""
    from fazhi.core.org.models import RoleAssignment

    today = today or timezone.localdate()
    base = Deadline.objects.unrestricted("定时任务：期限提醒").filter(
        status=DeadlineStatus.RUNNING, due__isnull=False
    )
    due_soon = base.filter(approaching_q(today)).select_related("case")
    overdue = base.filter(due__lt=today).select_related("case")
    found = [(d, NotificationKind.APPROACHING) for d in due_soon]
    found += [(d, NotificationKind.OVERDUE) for d in overdue]
    if not found:
        return 0
    staff_by_unit: dict[int, list[int]] = defaultdict(list)
    for unit_id, staff_id in (
        RoleAssignment.objects.filter(
            org_unit_id__in={d.org_unit_id for d, _ in found},
            role__in=ACTING_ROLES,
            active=True,
            staff__is_active=True,
        )
        .values_list("org_unit_id", "staff_id")
        .distinct()
    ):
        staff_by_unit[unit_id].append(staff_id)
    rows = []
    for d, kind in found:
        label = "已超期" if kind == NotificationKind.OVERDUE else "即将届满"
        title = f"{d.case.number or d.case.title}：{d.name}{label}（届满日 {d.due.isoformat()}）"
        for staff_id in staff_by_unit.get(d.org_unit_id, []):
            rows.append(
                Notification(
                    recipient_id=staff_id,
                    kind=kind,
                    case_id=d.case_id,
                    deadline=d,
                    due=d.due,
                    title=title[:200],
                )
            )
    before = Notification.objects.count()
    with transaction.atomic():
        Notification.objects.bulk_create(rows, ignore_conflicts=True, batch_size=2000)
    return Notification.objects.count() - before


def mark_read(user: Any, ids: list[int] | None = None) -> int:
    qs: QuerySet[Notification] = scoped(user, Notification, "change").filter(read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.update(read_at=timezone.now())
