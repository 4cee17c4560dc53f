"""Hotline work orders (热线工单): received from the 12345 hotline system (a file in its own
column layout, ``hotline_imports``; or pushed, ``api.HotlineOrderViewSet``), dispatched to a
department with a reply deadline, replied by the department, called back by the hotline centre
with the caller's satisfaction, escalated when late; an order may open an enforcement case.

Each change is one function here, locking the order (``select_for_update``) and checking the
move against ``ORDER_TRANSITIONS``; screens, the API and the scenario call these.

The reply period: no rule of the 12345 hotline has been read into STATUTES.md, so the period
is a declared setting, ``FAZHI_HOTLINE_REPLY_PERIOD`` (amount, unit), default 5 working days,
with the basis ``REPLY_BASIS`` naming the State Council's guidance on the hotlines; a city sets
its own in its hotline rules and changes the setting, not the code.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from fazhi.core.casework.choices import NotificationKind
from fazhi.core.casework.models import Case, Notification
from fazhi.core.casework.workflow import Refusal, StepRefused, TransitionError, register_case
from fazhi.core.clock.periods import Period, Unit, compute
from fazhi.core.org.choices import Role, UnitKind
from fazhi.core.org.models import OrgUnit, RoleAssignment

from .city_choices import ORDER_TRANSITIONS, OrderSource, OrderState, Satisfaction
from .models import HotlineOrder

REPLY_BASIS = (
    "国办发〔2020〕53号《国务院办公厅关于进一步优化地方政务服务便民热线的指导意见》"
    "（答复时限为本平台声明的设置）"
)
DEFAULT_REPLY_PERIOD = (5, Unit.WORKDAYS)
CASE_BASIS = "行政处罚法 第五十四条"
# Who replies for the department, and who calls back for the hotline centre.
REPLY_ROLES = frozenset({Role.CLERK, Role.OFFICER, Role.DEPARTMENT_HEAD})
CALLBACK_ROLES = frozenset({Role.CLERK})


def reply_period() -> Period:
    amount, unit = getattr(settings, "FAZHI_HOTLINE_REPLY_PERIOD", DEFAULT_REPLY_PERIOD)
    return Period(int(amount), Unit(unit), REPLY_BASIS)


def reply_due(assigned_on: date) -> date:
    """The last day of the reply, through the clock (working days skip rest days)."""
    due = compute(assigned_on, reply_period()).due
    assert due is not None  # no pause: a computed period always has its end
    return due


@dataclass
class OrderIn:
    """One order as the hotline system gives it (file row or pushed object)."""

    order_no: str
    received_at: datetime
    appeal_kind: str
    subject: str
    content: str
    department_id: int
    assigned_on: date
    channel: str = ""
    address: str = ""
    caller_name: str = ""
    caller_phone: str = ""
    # What the hotline system already knows of the order's handling (an export of past
    # orders carries it; nothing in it is dropped).
    reply: str = ""
    replied_on: date | None = None
    callback_on: date | None = None
    satisfaction: str = ""
    callback_note: str = ""


def check_order(o: OrderIn) -> list[tuple[str, str]]:
    """Problems of one order that need no database, as (field, Chinese message)."""
    problems = []
    if o.assigned_on < timezone.localtime(o.received_at).date():
        problems.append(("assigned_on", "派单日期早于来电时间"))
    if o.replied_on is not None:
        if not o.reply:
            problems.append(("reply", "填写了答复日期，须同时填写答复内容"))
        if o.replied_on < o.assigned_on:
            problems.append(("replied_on", "答复日期早于派单日期"))
    elif o.reply:
        problems.append(("replied_on", "填写了答复内容，须同时填写答复日期"))
    if o.callback_on is not None or o.satisfaction:
        if o.replied_on is None:
            problems.append(("callback_on", "尚未答复的工单不能有回访结果"))
        if o.callback_on is None or not o.satisfaction:
            problems.append(("satisfaction", "回访日期和满意度须同时填写"))
        elif o.replied_on is not None and o.callback_on < o.replied_on:
            problems.append(("callback_on", "回访日期早于答复日期"))
    if o.satisfaction and o.satisfaction not in Satisfaction.values:
        problems.append(("satisfaction", "满意度须为满意、基本满意或不满意"))
    return problems


def dispatch_targets(received_by: OrgUnit) -> Any:
    """The departments a hotline centre dispatches to: those of its government and below."""
    return OrgUnit.objects.filter(
        kind=UnitKind.DEPARTMENT, path__startswith=received_by.government_path()
    )


def existing_numbers(numbers: Sequence[str]) -> set[str]:
    return set(
        HotlineOrder.objects.filter(order_no__in=list(numbers)).values_list("order_no", flat=True)
    )


def receive(
    orders: Sequence[OrderIn],
    *,
    received_by: OrgUnit,
    actor: Any,
    source: str = OrderSource.FILE,
) -> tuple[list[HotlineOrder], list[str]]:
    """Store the orders not yet received (idempotent on the order number): the new orders and
    the numbers that were already there (left as they are)."""
    have = existing_numbers([o.order_no for o in orders])
    new = []
    for o in orders:
        if o.order_no in have:
            continue
        have.add(o.order_no)
        due = reply_due(o.assigned_on)
        state = OrderState.ASSIGNED
        if o.callback_on is not None:
            state = OrderState.CLOSED
        elif o.replied_on is not None:
            state = OrderState.REPLIED
        new.append(
            HotlineOrder(
                order_no=o.order_no,
                received_by=received_by,
                received_at=o.received_at,
                channel=o.channel,
                appeal_kind=o.appeal_kind,
                subject=o.subject,
                content=o.content,
                address=o.address,
                caller_name=o.caller_name,
                caller_phone=o.caller_phone,
                department_id=o.department_id,
                assigned_on=o.assigned_on,
                reply_due=due,
                due_basis=f"{reply_period()}（{REPLY_BASIS}）"[:200],
                state=state,
                reply=o.reply,
                replied_on=o.replied_on,
                replied_late=bool(o.replied_on and o.replied_on > due),
                callback_on=o.callback_on,
                satisfaction=o.satisfaction,
                callback_note=o.callback_note,
                source=source,
                created_by=actor if getattr(actor, "pk", None) else None,
            )
        )
    created = HotlineOrder.objects.bulk_create(new, batch_size=2000)
    return created, sorted({o.order_no for o in orders} - {c.order_no for c in created})


# -- the order's steps ----------------------------------------------------------------------


def _holds(actor: Any, unit_id: int, roles: frozenset[str]) -> bool:
    if actor is None or not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return False
    return any(r.org_unit_id == unit_id and r.role in roles for r in actor.role_rows())


def _move(order: HotlineOrder, target: str) -> HotlineOrder:
    locked = HotlineOrder.objects.select_for_update().get(pk=order.pk)
    if target not in ORDER_TRANSITIONS[locked.state]:
        raise TransitionError(
            Refusal(
                f"工单状态为“{locked.get_state_display()}”，不能变为“{OrderState(target).label}”",
                REPLY_BASIS,
            )
        )
    return locked


def may_reply(order: HotlineOrder, actor: Any) -> bool:
    return _holds(actor, order.department_id, REPLY_ROLES)


def may_call_back(order: HotlineOrder, actor: Any) -> bool:
    return _holds(actor, order.received_by_id, CALLBACK_ROLES)


def reply(order: HotlineOrder, text: str, *, actor: Any, on: date | None = None) -> HotlineOrder:
    """The department's reply (答复); a reply after the due date is recorded as late."""
    on = on or timezone.localdate()
    if not may_reply(order, actor):
        raise StepRefused(Refusal("工单须由承办单位的经办人、执法人员或负责人答复", REPLY_BASIS))
    if not text.strip():
        raise TransitionError(Refusal("答复内容不能为空", REPLY_BASIS))
    with transaction.atomic():
        locked = _move(order, OrderState.REPLIED)
        if on < locked.assigned_on:
            raise TransitionError(Refusal("答复日期不能早于派单日期", REPLY_BASIS))
        locked.state = OrderState.REPLIED
        locked.reply = text.strip()
        locked.replied_on = on
        locked.replied_late = on > locked.reply_due
        locked.save(update_fields=["state", "reply", "replied_on", "replied_late"])
        return locked


def call_back(
    order: HotlineOrder,
    satisfaction: str,
    *,
    actor: Any,
    note: str = "",
    on: date | None = None,
) -> HotlineOrder:
    """The hotline centre's call-back (回访) with the caller's satisfaction: the order ends."""
    on = on or timezone.localdate()
    if not may_call_back(order, actor):
        raise StepRefused(Refusal("回访须由受理热线的经办人办理", REPLY_BASIS))
    if satisfaction not in Satisfaction.values:
        raise TransitionError(Refusal("满意度须为满意、基本满意或不满意", REPLY_BASIS))
    with transaction.atomic():
        locked = _move(order, OrderState.CLOSED)
        if locked.replied_on is not None and on < locked.replied_on:
            raise TransitionError(Refusal("回访日期不能早于答复日期", REPLY_BASIS))
        locked.state = OrderState.CLOSED
        locked.callback_on = on
        locked.satisfaction = satisfaction
        locked.callback_note = note[:500]
        locked.save(update_fields=["state", "callback_on", "satisfaction", "callback_note"])
        return locked


def open_case(
    order: HotlineOrder, data: Mapping[str, Any], *, actor: Any, on: date | None = None
) -> Case:
    """A penalty lead registered from the order (``register_case``, by a person who may
    register penalty cases in the department), linked to the order."""
    on = on or timezone.localdate()
    with transaction.atomic():
        locked = HotlineOrder.objects.select_for_update().get(pk=order.pk)
        if locked.case_id is not None:
            raise TransitionError(Refusal("该工单已登记执法案件", CASE_BASIS))
        case = register_case("penalty", actor, data, unit=locked.department, on=on)
        locked.case = case
        locked.save(update_fields=["case"])
        order.case = case
        return case


# -- escalation -----------------------------------------------------------------------------


def escalate_overdue(today: date | None = None) -> int:
    """Orders not replied by their due date become overdue (超期), once, and the justice
    bureau's supervisors over the department and the department's head are told. Safe to run
    any number of times; returns how many orders it escalated."""
    today = today or timezone.localdate()
    late = list(
        HotlineOrder.objects.unrestricted("定时任务：热线工单超期督办")
        .filter(state=OrderState.ASSIGNED, reply_due__lt=today)
        .select_related("department")
        .order_by("pk")
    )
    escalated = 0
    for order in late:
        with transaction.atomic():
            locked = HotlineOrder.objects.select_for_update().get(pk=order.pk)
            if locked.state != OrderState.ASSIGNED or locked.reply_due >= today:
                continue  # replied meanwhile
            locked.state = OrderState.OVERDUE
            locked.escalated_on = today
            locked.save(update_fields=["state", "escalated_on"])
            _notify(order, today)
            escalated += 1
    return escalated


def _notify(order: HotlineOrder, today: date) -> None:
    path = order.department.path
    rows = RoleAssignment.objects.unrestricted("定时任务：热线工单超期督办的接收人").filter(
        role__in=[Role.SUPERVISOR, Role.DEPARTMENT_HEAD]
    )
    recipients = set()
    for row in rows.select_related("org_unit"):
        head = row.role == Role.DEPARTMENT_HEAD and row.org_unit_id == order.department_id
        above = row.role == Role.SUPERVISOR and path.startswith(row.org_unit.government_path())
        if head or above:
            recipients.add(row.staff_id)
    title = (
        f"热线工单 {order.order_no} 超期未答复（{order.department.name}，"
        f"答复期限 {order.reply_due.isoformat()}）"
    )[:200]
    Notification.objects.bulk_create(
        [
            Notification(
                recipient_id=pk, kind=NotificationKind.OVERDUE, due=order.reply_due, title=title
            )
            for pk in sorted(recipients)
        ]
    )
