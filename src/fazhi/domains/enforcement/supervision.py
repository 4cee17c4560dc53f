"""The justice bureau's supervision views of administrative enforcement, as aggregate queries.

Three views, each a fixed number of queries whatever the volume (grouped counts in the
database, never a query per department or per case):

- ``overdue``: per department, the cases with a running statutory deadline past its due day;
- ``publication``: per department, the penalty decisions of a year that had to be published
  (行政处罚法 第四十八条; 国办发〔2018〕118号: within 7 working days), how many were published, how
  many late, and how many are missing although their deadline has passed — collected decisions
  included, so that one the sector never published is flagged;
- ``states``: the cases opened in a year, by kind and state.

Scoping: every query goes through ``scoped`` and is then narrowed to the departments whose
records the user sees (``visible_unit_ids``): a department its own, the justice bureau's
supervisors their government's departments and those below.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q

from fazhi.core.casework.choices import DeadlineStatus
from fazhi.core.casework.models import Case, Deadline
from fazhi.core.casework.workflow import workflow_for
from fazhi.core.disclosure.models import Publication
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


def _names(user: Any, ids: set[int]) -> dict[int, str]:
    return dict(
        scoped(user, OrgUnit).filter(pk__in=sorted(ids)).values_list("pk", "name").order_by()
    )


def _rows(user: Any, counts: dict[int, dict[str, int]]) -> list[DepartmentRow]:
    names = _names(user, set(counts))
    rows = [DepartmentRow(pk, names.get(pk, str(pk)), c) for pk, c in counts.items()]
    return sorted(rows, key=lambda r: (-sum(r.counts.values()), r.name))


def overdue(user: Any, today: date) -> list[DepartmentRow]:
    """Per department: cases with a running deadline past due, and those deadlines (2 queries
    after the user's roles)."""
    units = visible_unit_ids(user)
    qs = (
        scoped(user, Deadline)
        .filter(org_unit_id__in=units, status=DeadlineStatus.RUNNING, due__lt=today)
        .order_by()
        .values("org_unit_id")
        .annotate(cases=Count("case_id", distinct=True), deadlines=Count("id"))
    )
    counts = {r["org_unit_id"]: {"cases": r["cases"], "deadlines": r["deadlines"]} for r in qs}
    return _rows(user, counts)


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


def must_publish() -> Q:
    """Decisions that must be published: penalties decided by the ordinary procedure (a
    simplified-procedure decision on the spot has no 一定社会影响 in any sector's rules)."""
    return Q(outcome=Outcome.PENALTY) & ~Q(procedure=Procedure.SIMPLIFIED)


def publication(user: Any, year: int, today: date) -> list[DepartmentRow]:
    """Per department, the decisions of ``year`` that had to be published: ``due`` in all,
    ``published``, ``late`` (published after the statutory deadline), ``missing`` (not
    published and past the deadline). One grouped query, after the user's roles and the
    clock's calendar."""
    units = visible_unit_ids(user)
    cutoff = last_overdue_decision(today)
    pubs = Publication.objects.filter(case_id=OuterRef("case_id"), withdrawal__isnull=True)
    late = pubs.filter(Q(on_time=False) | Q(published_on__gt=F("statutory_deadline")))
    qs = (
        scoped(user, EnforcementCase)
        .filter(must_publish(), decided_on__range=(date(year, 1, 1), date(year, 12, 31)))
        .filter(case__participants__role="owner", case__participants__org_unit_id__in=units)
        .annotate(published=Exists(pubs), late=Exists(late))
        .order_by()
        .values("case__participants__org_unit_id")
        .annotate(
            due=Count("id"),
            published_n=Count("id", filter=Q(published=True)),
            late_n=Count("id", filter=Q(late=True)),
            missing=Count("id", filter=Q(published=False, decided_on__lte=cutoff)),
        )
    )
    counts = {
        r["case__participants__org_unit_id"]: {
            "due": r["due"],
            "published": r["published_n"],
            "late": r["late_n"],
            "missing": r["missing"],
        }
        for r in qs
    }
    return _rows(user, counts)


@dataclass
class KindRow:
    kind: str
    label: str
    states: list[tuple[str, int]]
    total: int


def states(user: Any, year: int) -> list[KindRow]:
    """The cases opened in ``year`` by kind and state (one grouped query after the roles)."""
    units = visible_unit_ids(user)
    qs = (
        scoped(user, Case)
        .filter(opened_on__range=(date(year, 1, 1), date(year, 12, 31)))
        .filter(participants__role="owner", participants__org_unit_id__in=units)
        .order_by()
        .values("kind", "state")
        .annotate(n=Count("id"))
    )
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
