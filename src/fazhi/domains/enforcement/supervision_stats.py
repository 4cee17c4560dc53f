"""The justice bureau's supervision views of administrative enforcement, as aggregate queries.

Three views, each a fixed number of queries whatever the volume (grouped counts in the
database, never a query per department or per case):

- ``overdue``: per department, the cases with a running statutory deadline past its due day;
- ``publication``: per department, the penalty decisions of a year that the publication rules
  (``publicity``: the rule in force on the decision date for the department's sector; 行政处罚
  法 第四十八条) required to be published, how many were published, how many late, and how many
  are missing although their deadline has passed — collected decisions included, so that one
  the sector never published is flagged;
- ``states``: the cases opened in a year, by kind and state.

Scoping: every count is narrowed to the departments whose records the user sees
(``scoped(user, OrgUnit)`` over ``visible_unit_ids``: a department its own, the justice bureau's
supervisors their government's departments and those below) through the case's owner or the
deadline's unit. That is the records' own participants rule (the owner takes part in its case)
applied once per department: applied per row, it would be a second semi-join over every
participant of every case, which at a million cases costs more than the count itself
(benchmarks/enforcement.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, F, Q, QuerySet

from fazhi.core.casework.choices import DeadlineStatus
from fazhi.core.casework.models import Case, Deadline, Participant
from fazhi.core.casework.workflow import workflow_for
from fazhi.core.org.models import OrgUnit
from fazhi.core.org.scoping import scoped, visible_unit_ids

from . import publicity
from .choices import Outcome
from .models import EnforcementCase


@dataclass
class DepartmentRow:
    unit_id: int
    name: str
    counts: dict[str, int] = field(default_factory=dict)


def _units(user: Any) -> QuerySet[OrgUnit]:
    """The departments whose records the user sees: every count is narrowed to them (the
    owner of a case takes part in it, so this is the participants rule of the records counted,
    checked once per unit instead of once per row)."""
    return scoped(user, OrgUnit).filter(pk__in=visible_unit_ids(user))


def _rows(user: Any, counts: dict[int, dict[str, int]]) -> list[DepartmentRow]:
    names = dict(_units(user).filter(pk__in=sorted(counts)).values_list("pk", "name").order_by())
    rows = [DepartmentRow(pk, names[pk], c) for pk, c in counts.items() if pk in names]
    return sorted(rows, key=lambda r: (-sum(r.counts.values()), r.name))


def overdue(user: Any, today: date) -> list[DepartmentRow]:
    """Per department: cases with a running deadline past due, and those deadlines (one
    grouped query over the deadlines index by unit, status and due day, and the names)."""
    qs = (
        Deadline.objects.filter(
            org_unit__in=_units(user).values("pk"),
            status=DeadlineStatus.RUNNING,
            due__lt=today,
        )
        .order_by()
        .values_list("org_unit_id")
        .annotate(cases=Count("case_id", distinct=True), deadlines=Count("id"))
    )
    return _rows(user, {unit: {"cases": c, "deadlines": d} for unit, c, d in qs})


def publication(user: Any, year: int, today: date) -> list[DepartmentRow]:
    """Per department, the decisions of ``year`` the publication rules required to be
    published (``publicity.rule_qs``: the rule in force on the decision date for the
    department's sector): ``due`` in all, ``published`` (a publication not withdrawn), ``late``
    (published after the day the rules gave), ``missing`` (not published, and that day past
    by ``today``). A revoked decision is not owed. One grouped query over the decisions'
    publication index — each carries the day it was published and was due
    (``publicity.sync_publication``) — after the roles, the sectors, the rules and the clock."""
    units = list(_units(user))
    owed = publicity.rule_qs(units, year)
    unpublished = Q(published_on__isnull=True)
    rows = (
        EnforcementCase.objects.filter(
            outcome=Outcome.PENALTY,
            decided_on__range=(date(year, 1, 1), date(year, 12, 31)),
            owner__in=[u.pk for u in units],
        )
        .filter(publicity.any_of(q for _, q in owed))
        .exclude(case_id__in=publicity.ended_decisions())
        .order_by()
        .values_list("owner_id")
        .annotate(
            due=Count("pk"),
            published=Count("pk", filter=~unpublished),
            late=Count("pk", filter=Q(published_on__gt=F("publication_due"))),
            missing=Count("pk", filter=unpublished & publicity.past_due(owed, today)),
        )
    )
    names = {u.pk: u.name for u in units}
    out = [
        DepartmentRow(unit, names[unit], {"due": d, "published": p, "late": n, "missing": m})
        for unit, d, p, n, m in rows
    ]
    return sorted(out, key=lambda r: (-sum(r.counts.values()), r.name))


@dataclass
class KindRow:
    kind: str
    label: str
    states: list[tuple[str, int]]
    total: int


def _sees_some_owners_only(user: Any) -> bool:
    """Whether some case is owned by a unit the user does not see. When none is (the city's
    justice bureau in a city's installation), narrowing by owner would change no count, and
    the count is taken without joining every case's owner (two small index queries)."""
    hidden = list(
        OrgUnit.objects.exclude(pk__in=visible_unit_ids(user)).values_list("pk", flat=True)
    )
    return Participant.objects.filter(role="owner", org_unit_id__in=hidden).exists()


def states(user: Any, year: int) -> list[KindRow]:
    """The cases opened in ``year`` by kind and state (one grouped query after the roles)."""
    qs = Case.objects.filter(opened_on__range=(date(year, 1, 1), date(year, 12, 31)))
    if _sees_some_owners_only(user):
        owners = _units(user).values("pk")
        qs = qs.filter(participants__role="owner", participants__org_unit__in=owners)
    qs = qs.order_by().values("kind", "state").annotate(n=Count("id"))
    by_kind: dict[str, dict[str, int]] = {}
    for r in qs:
        by_kind.setdefault(r["kind"], {})[r["state"]] = r["n"]
    out = []
    for kind, counts in sorted(by_kind.items()):
        wf = workflow_for(kind)
        order = [str(s) for s in wf.states.values] if wf else sorted(counts)
        ordered = [(wf.state_label(s) if wf else s, counts[s]) for s in order if s in counts]
        ordered += [(s, n) for s, n in counts.items() if s not in order]
        out.append(KindRow(kind, wf.label if wf else kind, ordered, sum(counts.values())))
    return out
