"""The justice bureau's supervision views of administrative enforcement, as aggregate queries.

Three views, each a fixed number of queries whatever the volume (grouped counts in the
database, never a query per department or per case):

- ``overdue``: per department, the cases with a running statutory deadline past its due day;
- ``publication``: per department, the penalty decisions of a year that had to be published
  (行政处罚法 第四十八条; 国办发〔2018〕118号: within 7 working days), how many were published, how
  many late, and how many are missing although their deadline has passed — collected decisions
  included, so that one the sector never published is flagged;
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
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.utils.timezone import get_current_timezone

from fazhi.core.casework.choices import DeadlineStatus
from fazhi.core.casework.models import Case, Deadline, Participant
from fazhi.core.casework.workflow import workflow_for
from fazhi.core.disclosure.models import Publication, Withdrawal
from fazhi.core.org.models import OrgUnit
from fazhi.core.org.scoping import scoped, visible_unit_ids

from .choices import Outcome, Procedure
from .collected import publish_due
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


def last_overdue_decision(today: date) -> date:
    """The latest decision day whose publication deadline has passed by ``today``: the days are
    monotonic in the decision day, so every decision up to it is overdue if unpublished."""
    low, high = today - timedelta(days=60), today  # 7 working days are never 60 calendar days
    while low < high:  # the last day d with publish_due(d) < today
        mid = low + timedelta(days=(high - low).days // 2 + 1)
        due = publish_due(mid)
        if due is not None and due < today:
            low = mid
        else:
            high = mid - timedelta(days=1)
    return low


def must_publish(prefix: str = "") -> Q:
    """Decisions that must be published: penalties decided by the ordinary procedure (a
    simplified-procedure decision on the spot has no 一定社会影响 in any sector's rules)."""
    return Q(**{f"{prefix}outcome": Outcome.PENALTY}) & ~Q(
        **{f"{prefix}procedure": Procedure.SIMPLIFIED}
    )


def publication(user: Any, year: int, today: date) -> list[DepartmentRow]:
    """Per department, the decisions of ``year`` that had to be published: ``due`` in all,
    ``published``, ``late`` (published after the statutory deadline), ``missing`` (not
    published and past the deadline). Three grouped queries — the decisions, their current
    publications, those of the decisions not yet due — after the roles and the calendar."""
    cutoff = last_overdue_decision(today)
    span = (date(year, 1, 1), date(year, 12, 31))
    owners = _units(user).values("pk")
    decisions = (
        EnforcementCase.objects.filter(must_publish(), decided_on__range=span, owner__in=owners)
        .order_by()
        .values_list("owner_id")
        .annotate(due=Count("id"), by_cutoff=Count("id", filter=Q(decided_on__lte=cutoff)))
    )
    # The decisions' publications, counted for the body that published them (the deciding
    # department, which is the case's owner): no second pass over the owners. The decisions
    # of the year, and those of them already overdue, are two hashed sets of case ids.
    of_year = EnforcementCase.objects.filter(must_publish(), decided_on__range=span)
    late = Q(on_time=False) | Q(published_on__gt=F("statutory_deadline"))
    published = (
        scoped(user, Publication)
        .filter(org_unit__in=owners, case_id__in=of_year.values("case_id"))
        # A record is written on or after the day it says it was published, which is on or
        # after the decision: a sound lower bound on the indexed write time.
        .filter(published_at__gte=datetime(year, 1, 1, tzinfo=get_current_timezone()))
        # A withdrawn record no longer counts (the withdrawals are few: a hashed set).
        .exclude(pk__in=Withdrawal.objects.values("publication_id"))
        .order_by()
        .values_list("org_unit_id")
        .annotate(
            published=Count("case_id", distinct=True),
            late=Count("case_id", distinct=True, filter=late),
        )
    )
    # The decisions of the last few days are not overdue yet: their publications are taken
    # back out of the published ones when counting what is missing (a small set, and empty
    # for a past year).
    recent = (
        scoped(user, Publication)
        .filter(
            org_unit__in=owners,
            case_id__in=of_year.filter(decided_on__gt=cutoff).values("case_id"),
        )
        .exclude(pk__in=Withdrawal.objects.values("publication_id"))
        .order_by()
        .values_list("org_unit_id")
        .annotate(n=Count("case_id", distinct=True))
    )
    counts = {
        unit: {"due": due, "published": 0, "late": 0, "missing": by_cutoff}
        for unit, due, by_cutoff in decisions
    }
    for unit, n, n_late in published:
        row = counts.setdefault(unit, {"due": 0, "published": 0, "late": 0, "missing": 0})
        row["published"], row["late"] = n, n_late
        row["missing"] -= n
    for unit, n in recent:
        counts.setdefault(unit, {"due": 0, "published": 0, "late": 0, "missing": 0})
        counts[unit]["missing"] += n
    return _rows(user, counts)


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
