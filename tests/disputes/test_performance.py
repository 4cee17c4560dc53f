"""履行监督 (行政复议法 第七十七条): the respondent reports on its own account, a late one is
reminded once per due date and may be ordered to perform within a new period."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from fazhi.core.casework.models import Notification
from fazhi.domains.disputes import decision_docs, performance
from fazhi.domains.disputes.models import DecisionPerformance, PerformanceRecord

from .decided import decided_case, decision_document

pytestmark = pytest.mark.django_db
SERVED = date(2024, 4, 17)
DUE = date(2024, 5, 17)


def ordered(org: Any, handler: Any, head: Any) -> DecisionPerformance:
    case = decided_case(org, handler, head, "order_performance")
    doc = decision_document(
        case, org, head, required_act="对申请人的举报作出处理并书面答复", period_days=30
    )
    decision_docs.serve(
        doc, method="post", served_on=SERVED, actor=handler, to_respondent=True,
        tracking_number="EMS1",
    )  # fmt: skip
    return DecisionPerformance.objects.get(case=case)


def test_the_respondent_reports_completion_in_time(
    org: Any, people: Any, fy_handler: Any, fy_head: Any
) -> None:
    perf = ordered(org, fy_handler, fy_head)
    assert perf.due == DUE
    # The body does not report for the respondent; the respondent's clerk does.
    with pytest.raises(PermissionDenied):
        performance.report(perf, actor=fy_handler, on=date(2024, 5, 6), content="x", completed=True)
    performance.report(
        perf, actor=people.alice, on=date(2024, 5, 6), content="已受理举报并立案", completed=False
    )
    perf.refresh_from_db()
    assert perf.state == "reported"
    performance.report(
        perf, actor=people.alice, on=date(2024, 5, 15), content="已书面答复申请人", completed=True
    )
    perf.refresh_from_db()
    assert (perf.state, perf.completed_on, perf.late) == ("completed", date(2024, 5, 15), False)
    assert [r.kind for r in perf.records.all()] == ["report", "report"]
    with pytest.raises(performance.PerformanceError, match="不能再变为"):
        performance.report(
            perf, actor=people.alice, on=date(2024, 5, 16), content="再", completed=True
        )
    # Nothing late, nothing reminded.
    assert performance.remind_late(date(2024, 6, 1)) == 0


def test_a_late_respondent_is_reminded_once_and_ordered_to_perform(
    org: Any, people: Any, fy_handler: Any, fy_head: Any
) -> None:
    perf = ordered(org, fy_handler, fy_head)
    assert performance.remind_late(DUE) == 0  # the last day itself is not late
    assert performance.remind_late(date(2024, 5, 20)) == 1
    recipients = set(Notification.objects.values_list("recipient__username", flat=True))
    # The respondent's clerk and head, and the body's handler and head.
    assert {"alice", "henry", "fy_handler", "fy_head"} <= recipients
    assert "bob" not in recipients  # another department's clerk
    assert performance.remind_late(date(2024, 5, 21)) == 0  # once per due date
    with pytest.raises(PermissionDenied):
        performance.order(perf, actor=people.alice, on=date(2024, 5, 21), days=10, content="")
    with pytest.raises(performance.PerformanceError, match="届满前不能责令"):
        performance.order(perf, actor=fy_head, on=date(2024, 5, 10), days=10, content="")
    performance.order(perf, actor=fy_head, on=date(2024, 5, 21), days=10, content="限期履行")
    perf.refresh_from_db()
    assert (perf.state, perf.due) == ("ordered", date(2024, 5, 31))
    assert performance.remind_late(date(2024, 6, 3)) == 1  # the new due date is reminded
    performance.report(
        perf, actor=people.henry, on=date(2024, 6, 4), content="已答复", completed=True
    )
    perf.refresh_from_db()
    assert perf.state == "completed" and perf.late
    kinds = list(PerformanceRecord.objects.filter(performance=perf).values_list("kind", flat=True))
    assert kinds == ["reminder", "order", "reminder", "report"]


def test_no_report_before_service(org: Any, people: Any, fy_handler: Any, fy_head: Any) -> None:
    case = decided_case(org, fy_handler, fy_head, "order_performance")
    decision_document(case, org, fy_head, required_act="作出答复", period_days=15)
    perf = DecisionPerformance.objects.get(case=case)
    with pytest.raises(performance.PerformanceError, match="第七十五条第二款"):
        performance.report(
            perf, actor=people.alice, on=date(2024, 5, 1), content="x", completed=True
        )


def test_the_respondent_reports_on_the_page_and_sees_the_list(
    client: Any, org: Any, people: Any, fy_handler: Any, fy_head: Any
) -> None:
    perf = ordered(org, fy_handler, fy_head)
    client.force_login(people.alice)
    listing = client.get("/office/disputes/decisions/performance/").content.decode()
    assert "对申请人的举报作出处理" in listing and "2024-05-17" in listing
    url = f"/office/disputes/decisions/cases/{perf.case_id}/"
    page = client.get(url).content.decode()
    assert "报告履行情况" in page and "登记送达" not in page
    client.post(
        url, {"action": "report", "r-on": "2024-05-10", "r-content": "已答复", "r-completed": "on"}
    )
    perf.refresh_from_db()
    assert perf.state == "completed"
    # Another department sees neither the case nor its performance.
    client.force_login(people.bob)
    assert client.get(url).status_code == 404
    assert (
        "对申请人的举报"
        not in client.get("/office/disputes/decisions/performance/").content.decode()
    )
