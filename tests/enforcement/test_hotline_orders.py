"""Hotline work orders: the import in the hotline's layout, the push API (a source-system token,
idempotent on the order number, all or nothing), the reply deadline through the clock, the
escalation job, the steps by role, an enforcement case opened from an order, and scoping."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client
from rest_framework.test import APIClient

from fazhi import registry
from fazhi.core.casework.models import Notification
from fazhi.core.casework.workflow import StepRefused, TransitionError
from fazhi.core.org.scoping import scoped
from fazhi.core.org.tokens import create_token
from fazhi.domains.enforcement import hotline
from fazhi.domains.enforcement.models import HotlineOrder

from .city_fixtures import City, make_city, run_import, xlsx

pytestmark = pytest.mark.django_db

HEADER = [
    "工单编号", "来电时间", "来源渠道", "诉求类型", "诉求标题", "诉求内容", "事发地址", "来电人",
    "联系电话", "承办单位", "派单时间", "办理结果", "答复时间", "回访时间", "满意度", "回访情况",
]  # fmt: skip


@pytest.fixture
def c(org: Any) -> City:
    return make_city(org)


def row(no: str, dept: str = "420700-CGW", **extra: Any) -> list[Any]:
    values = {
        "答复时间": None,
        "办理结果": None,
        "回访时间": None,
        "满意度": None,
        **extra,
    }
    return [
        no, "2019-09-20 09:30:00", "电话", "投诉", "门店占道经营", "店外摆摊占用人行道",
        "南浦路1号", "王女士", "13871234567", dept, "2019-09-20", values["办理结果"],
        values["答复时间"], values["回访时间"], values["满意度"], None,
    ]  # fmt: skip


def push(client: APIClient, orders: list[dict[str, Any]]) -> Any:
    return client.post("/api/hotline-orders/", {"orders": orders}, format="json")


def order_json(no: str, **extra: Any) -> dict[str, Any]:
    return {
        "order_no": no,
        "received_at": "2019-09-20T09:30:00+08:00",
        "appeal_kind": "投诉",
        "subject": "门店占道经营",
        "content": "店外摆摊占用人行道",
        "department": "420700-CGW",
        "assigned_on": "2019-09-20",
        "caller_phone": "13871234567",
        **extra,
    }


def test_the_reply_deadline_is_a_declared_period_through_the_clock(c: City, settings: Any) -> None:
    # Friday 2019-09-20 + 5 working days: the weekend is skipped.
    assert hotline.reply_due(date(2019, 9, 20)) == date(2019, 9, 27)
    assert "国办发〔2020〕53号" in hotline.reply_period().basis
    settings.FAZHI_HOTLINE_REPLY_PERIOD = (3, "workdays")
    assert hotline.reply_due(date(2019, 9, 20)) == date(2019, 9, 25)


def test_an_import_checks_every_row_and_a_second_import_creates_nothing(c: City) -> None:
    bad = [
        row("A-1"),
        row("A-2", dept="420700-SCJG-X"),
        row("A-3", 答复时间="2019-09-23"),
        row("A-4", 办理结果="已处理", 答复时间="2019-09-23", 满意度="满意"),
        row("A-1"),
    ]
    job = run_import("hotline-orders", c.centre, c.hank, xlsx(HEADER, bad))
    assert job.status == "rejected"
    assert not HotlineOrder.objects.exists()
    reasons = {(r, col): why for r, col, why in job.errors}
    assert "找不到“420700-SCJG-X”" in reasons[(3, "承办单位")]
    assert reasons[(4, "办理结果")] == "填写了答复日期，须同时填写答复内容"
    assert reasons[(5, "满意度")] == "回访日期和满意度须同时填写"
    assert "重复" in reasons[(6, "工单编号")]

    good = [
        row("A-1"),
        row("A-4", 办理结果="已处理", 答复时间="2019-09-30", 回访时间="2019-10-08", 满意度="满意"),
    ]
    job = run_import("hotline-orders", c.centre, c.hank, xlsx(HEADER, good))
    assert (job.status, job.created) == ("done", 2)
    closed = HotlineOrder.objects.get(order_no="A-4")
    assert (closed.state, closed.replied_late, closed.satisfaction) == ("closed", True, "satisfied")
    assert (closed.received_by, closed.department, closed.source) == (c.centre, c.cgw, "file")
    again = run_import("hotline-orders", c.centre, c.hank, xlsx(HEADER, good))
    assert (again.created, again.unchanged) == (0, 2)


def test_the_push_is_idempotent_on_the_order_number_and_all_or_nothing(
    c: City, people: Any
) -> None:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {create_token(c.hank, '个人').key}")
    refused = push(client, [order_json("P-1")])
    assert refused.status_code == 403 and "来源系统" in refused.json()["detail"]

    client.credentials(
        HTTP_AUTHORIZATION=f"Token {create_token(c.hank, '热线', source_system='12345热线').key}"
    )
    bad = push(
        client, [order_json("P-1"), order_json("P-2", department="420700-XX", appeal_kind="闲聊")]
    )
    assert bad.status_code == 400
    fields = {e["field"]: e["message"] for e in bad.json()["errors"]}
    assert "不在本热线的派单范围内" in fields["department"]
    assert "投诉、举报" in fields["appeal_kind"]
    assert not HotlineOrder.objects.exists()

    first = push(client, [order_json("P-1"), order_json("P-2")])
    assert first.status_code == 200 and first.json()["created"] == 2
    again = push(client, [order_json("P-1", subject="改了标题"), order_json("P-3")])
    assert again.json()["created"] == 1 and again.json()["existing"] == 1
    assert HotlineOrder.objects.count() == 3
    assert HotlineOrder.objects.get(order_no="P-1").subject == "门店占道经营"
    assert HotlineOrder.objects.get(order_no="P-3").reply_due == date(2019, 9, 27)

    # The department sees its orders through the API; another department does not.
    reader = APIClient()
    reader.force_authenticate(c.gina)
    assert reader.get("/api/hotline-orders/").json()["count"] == 3
    reader.force_authenticate(people.alice)
    assert reader.get("/api/hotline-orders/").json()["count"] == 0


def _order(c: City, no: str = "O-1") -> HotlineOrder:
    job = run_import("hotline-orders", c.centre, c.hank, xlsx(HEADER, [row(no)]))
    assert job.status == "done", job.errors
    return HotlineOrder.objects.get(order_no=no)


def test_late_orders_are_escalated_once_and_the_supervisors_told(c: City, people: Any) -> None:
    order = _order(c)
    other = _order(c, "O-2")
    hotline.reply(other, "已处理", actor=c.gina, on=date(2019, 9, 23))
    assert hotline.escalate_overdue(date(2019, 9, 27)) == 0  # the due day itself is in time
    assert hotline.escalate_overdue(date(2019, 9, 30)) == 1
    order.refresh_from_db()
    assert (order.state, order.escalated_on) == ("overdue", date(2019, 9, 30))
    told = set(Notification.objects.values_list("recipient__username", flat=True))
    # The city's supervisor and the department's head; not the district's supervisor.
    assert told == {"carol", "gus"}
    assert hotline.escalate_overdue(date(2019, 10, 8)) == 0
    assert Notification.objects.count() == 2
    # A late reply is still a reply, recorded as late.
    hotline.reply(order, "已责令店主整改", actor=c.gina, on=date(2019, 10, 8))
    order.refresh_from_db()
    assert (order.state, order.replied_late) == ("replied", True)
    assert "hotline-escalation" in registry.REGISTRY.jobs


def test_each_step_by_its_role(c: City, people: Any) -> None:
    order = _order(c)
    with pytest.raises(StepRefused, match="承办单位"):
        hotline.reply(order, "答复", actor=c.hank, on=date(2019, 9, 23))
    with pytest.raises(TransitionError, match="不能变为“已回访办结”"):
        hotline.call_back(order, "satisfied", actor=c.hank, on=date(2019, 9, 23))
    hotline.reply(order, "已现场处理", actor=c.gina, on=date(2019, 9, 23))
    with pytest.raises(StepRefused, match="受理热线"):
        hotline.call_back(order, "satisfied", actor=c.gina, on=date(2019, 9, 24))
    hotline.call_back(order, "basically", actor=c.hank, note="基本认可", on=date(2019, 9, 24))
    order.refresh_from_db()
    assert (order.state, order.satisfaction) == ("closed", "basically")

    # The page offers each person their own actions; the caller's number is masked.
    client = Client()
    second = _order(c, "O-3")
    client.force_login(c.hank)
    page = client.get(f"/office/enforcement/city/orders/{second.pk}/").content.decode()
    assert "13871234567" not in page and "答复</summary>" not in page
    client.force_login(c.gina)
    page = client.get(f"/office/enforcement/city/orders/{second.pk}/").content.decode()
    assert "答复</summary>" in page and "登记执法案件线索" in page
    late = client.post(
        f"/office/enforcement/city/orders/{second.pk}/reply/",
        {"reply-reply": "已处理", "reply-on": "2019-09-19"},
    )
    assert late.status_code == 400 and "答复日期不能早于派单日期" in late.content.decode()
    client.force_login(people.alice)
    assert client.get(f"/office/enforcement/city/orders/{second.pk}/").status_code == 404


def test_an_order_opens_an_enforcement_case_and_keeps_the_link(c: City, item: Any) -> None:
    from fazhi.core.org.models import RoleAssignment

    RoleAssignment.objects.create(staff=c.gina, role="officer", org_unit=c.cgw)
    order = _order(c)
    data = {
        "title": "占道经营",
        "power_item": item.pk,
        "violation_on": "2019-09-20",
        "facts": order.content,
    }
    with pytest.raises(StepRefused):
        hotline.open_case(order, data, actor=c.hank, on=date(2019, 9, 23))
    case = hotline.open_case(order, data, actor=c.gina, on=date(2019, 9, 23))
    order.refresh_from_db()
    assert order.case == case and case.kind == "penalty" and case.owner_unit() == c.cgw
    with pytest.raises(TransitionError, match="已登记执法案件"):
        hotline.open_case(order, data, actor=c.gina, on=date(2019, 9, 23))


def test_the_department_and_the_centre_see_the_order_others_do_not(c: City, people: Any) -> None:
    order = _order(c)
    for who in (c.gina, c.gus, c.hank, people.carol):
        assert scoped(who, HotlineOrder).get() == order, who
    for who in (c.ed, people.alice, people.dave):
        assert not scoped(who, HotlineOrder).exists(), who
