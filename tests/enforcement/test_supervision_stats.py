"""The justice bureau's supervision views: overdue cases per department, publication lateness
(a collected decision never published is flagged), cases by state and kind — the numbers, the
scoping (a department its own, the justice bureau its government's), and a fixed number of
queries whatever the volume."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from fazhi.core.casework.collection import CaseFields, CaseIn, collect
from fazhi.core.casework.models import Case, Deadline
from fazhi.core.disclosure.gate import publish
from fazhi.domains.enforcement import supervision_stats as supervision
from fazhi.domains.enforcement.choices import Procedure

TODAY = date(2019, 12, 31)
QUERIES = {"overdue": 5, "publication": 10, "states": 3}


def decision(n: int, decided: date, procedure: str = Procedure.ORDINARY) -> CaseIn:
    return CaseIn(
        external_id=f"X-{n}",
        fields=CaseFields(f"案件{n}", decided - timedelta(days=30), state="decided"),
        detail={"outcome": "penalty", "penalty_type": "fine", "procedure": procedure,
                "decided_on": decided, "fine": Decimal(1000)},
    )  # fmt: skip


def make(org, unit, n: int, start: int = 0, system: str = "系统") -> list[Case]:
    cases = [decision(start + i, date(2019, 6, 3) + timedelta(days=i % 20)) for i in range(n)]
    plan, out = collect(cases, source_system=system, owner=unit)
    assert out is not None, plan.problems
    return list(Case.objects.filter(pk__in=out.case_ids.values()))


def overdue_deadline(case: Case, unit) -> Deadline:
    return Deadline.objects.create(
        case=case, org_unit=unit, key="test.decide", name="作出决定", basis="行政处罚法 第六十条",
        start=date(2019, 1, 2), amount=90, unit="days", due=date(2019, 4, 2), status="running",
    )  # fmt: skip


@pytest.fixture
def data(org, people):
    scjg = make(org, org.scjg, 4, system="市场监管系统")
    sthj = make(org, org.sthj, 3, start=100, system="生态环境系统")
    overdue_deadline(scjg[0], org.scjg)
    overdue_deadline(scjg[1], org.scjg)
    overdue_deadline(sthj[0], org.sthj)
    met = overdue_deadline(sthj[1], org.sthj)
    Deadline.objects.filter(pk=met.pk).update(status="met")
    # One of the market regulator's decisions published on time, one late; the others never.
    for case, on, deadline in ((scjg[0], date(2019, 6, 5), date(2019, 6, 12)),
                               (scjg[1], date(2019, 7, 30), date(2019, 6, 13))):  # fmt: skip
        publish(kind="行政处罚决定", title=case.title, org_unit=org.scjg, case=case,
                fields={"决定书文号": case.number}, statutory_deadline=deadline,
                published_on=on)  # fmt: skip
    # A simplified-procedure decision need not be published.
    collect([decision(999, date(2019, 6, 3), Procedure.SIMPLIFIED)], source_system="简易",
            owner=org.scjg)  # fmt: skip
    return scjg, sthj


def by_name(rows) -> dict[str, dict[str, int]]:
    return {r.name: r.counts for r in rows}


def test_the_justice_bureau_sees_every_department(org, people, data) -> None:
    carol = people.carol
    assert by_name(supervision.overdue(carol, TODAY)) == {
        "鄂州市市场监督管理局": {"cases": 2, "deadlines": 2},
        "鄂州市生态环境局": {"cases": 1, "deadlines": 1},
    }
    assert by_name(supervision.publication(carol, 2019, TODAY)) == {
        "鄂州市市场监督管理局": {"due": 4, "published": 2, "late": 1, "missing": 2},
        "鄂州市生态环境局": {"due": 3, "published": 0, "late": 0, "missing": 3},
    }
    (row,) = supervision.states(carol, 2019)
    assert (row.label, row.total, row.states) == ("归集执法案件", 8, [("决定", 8)])


def test_a_department_sees_its_own_only(org, people, data) -> None:
    alice = people.alice
    assert set(by_name(supervision.overdue(alice, TODAY))) == {"鄂州市市场监督管理局"}
    assert set(by_name(supervision.publication(alice, 2019, TODAY))) == {"鄂州市市场监督管理局"}
    (row,) = supervision.states(alice, 2019)
    assert row.total == 5
    # A district's supervisor sees nothing of the city's departments.
    assert supervision.overdue(people.dave, TODAY) == []
    assert supervision.publication(people.dave, 2019, TODAY) == []
    assert supervision.states(people.dave, 2019) == []


def test_a_decision_not_yet_due_is_not_missing(org, people) -> None:
    make(org, org.sthj, 1)
    # Decided 2019-06-03: due 7 working days later; on 2019-06-05 it is not yet missing.
    (row,) = supervision.publication(people.carol, 2019, date(2019, 6, 5))
    assert row.counts == {"due": 1, "published": 0, "late": 0, "missing": 0}


@pytest.mark.parametrize("volume", [3, 40])
def test_each_view_is_a_fixed_number_of_queries(
    org, people, volume, django_assert_max_num_queries
) -> None:
    for unit in (org.scjg, org.sthj, org.ec_scjg):
        for case in make(org, unit, volume, system=f"系统{unit.pk}"):
            overdue_deadline(case, unit)
    carol = people.carol
    counts = {}
    for name, view in (
        ("overdue", lambda: supervision.overdue(carol, TODAY)),
        ("publication", lambda: supervision.publication(carol, 2019, TODAY)),
        ("states", lambda: supervision.states(carol, 2019)),
    ):
        with CaptureQueriesContext(connection) as ctx:
            rows = view()
        counts[name] = len(ctx.captured_queries)
        assert rows
    # The same bound at both volumes: the roles and the units they reach (read once), the
    # grouped query, the departments' names; publication also reads the departments' sectors, the
    # publication rules and the clock's calendar.
    assert all(counts[k] <= QUERIES[k] for k in QUERIES), counts
    with django_assert_max_num_queries(QUERIES["states"]):
        assert supervision.states(carol, 2019)[0].total == 3 * volume


def test_the_page_shows_the_three_views_to_a_supervisor(org, people, data) -> None:
    client = Client()
    client.force_login(people.carol)
    page = client.get("/office/enforcement/supervision/?year=2019").content.decode()
    assert "超期未办结案件" in page and "逾期未公开" in page and "归集执法案件" in page
    assert "鄂州市生态环境局" in page
