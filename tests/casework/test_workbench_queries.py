"""The workbench costs a fixed number of queries: a unit with thirty cases waiting, approaching
and overdue costs what a unit with one costs (benchmarks/workbench.py measures 1,000,000)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.core.casework import deadlines
from fazhi.core.casework.workbench import notify_deadlines, workbench
from fazhi.core.casework.workflow import open_case

from . import kinds  # noqa: F401

pytestmark = pytest.mark.django_db

TODAY = date(2019, 9, 20)


def add_cases(org: Any, people: Any, n: int) -> None:
    """Cases of the justice bureau opened by june, each with an overdue deadline (due
    2019-09-17) and one approaching (due 2019-09-23, within three working days)."""
    for i in range(n):
        case = open_case(
            "test",
            title=f"测试案件{i}",
            owner=org.sfj,
            actor=people.june,
            extra_participants=[(org.scjg, "handler")],
        )
        deadlines.start_deadline(case, "licensing.decision", date(2019, 8, 20))
        deadlines.start_deadline(case, "licensing.decision", date(2019, 8, 26))
    notify_deadlines(TODAY)


def workbench_queries(client: Any, people: Any) -> int:
    client.force_login(people.june)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/office/")
    assert response.status_code == 200
    return len(ctx.captured_queries)


@time_machine.travel(TODAY)
def test_thirty_cases_cost_the_workbench_no_more_queries_than_one(client, org, people) -> None:
    add_cases(org, people, 1)
    one = workbench_queries(client, people)
    add_cases(org, people, 29)
    bench = workbench(people.june, TODAY)
    # Every list is full, so a query per row would show.
    assert [len(bench.awaiting), len(bench.approaching), len(bench.overdue)] == [20, 20, 20]
    assert workbench_queries(client, people) == one
