"""``/api/hotline-orders/``: the orders a user may see (GET), and the hotline system's push
(POST) — a token registered with a source system, held by a clerk of the hotline centre, like
``/api/collect/cases/``. The body is ``{"department": "<centre's code, optional>", "orders":
[{order_no, received_at, appeal_kind, subject, content, department, assigned_on, …}, …]}``.
All or nothing: with any error nothing is stored and every error comes back with its order and
field. Idempotent on the order number: an order already received is reported, not stored again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from fazhi.core.integrity.audit import record_bulk_import
from fazhi.core.integrity.middleware import bind_actor
from fazhi.core.org.choices import UnitKind
from fazhi.core.org.models import ApiToken, OrgUnit
from fazhi.core.org.scoping import visible_unit_ids
from fazhi.shell.api.base import ScopedViewSetMixin

from . import hotline
from .city_choices import AppealKind, OrderSource, Satisfaction
from .city_filtersets import HotlineOrderFilterSet
from .models import HotlineOrder

MAX_ORDERS = 1000


class HotlineOrderSerializer(serializers.ModelSerializer):
    class Meta:
        model = HotlineOrder
        fields = [
            "id",
            "order_no",
            "received_at",
            "channel",
            "appeal_kind",
            "subject",
            "department",
            "assigned_on",
            "reply_due",
            "due_basis",
            "state",
            "escalated_on",
            "replied_on",
            "replied_late",
            "callback_on",
            "satisfaction",
            "case",
            "source",
        ]


def _text(
    obj: dict[str, Any], key: str, limit: int, errors: list[str], required: bool = False
) -> str:
    value = obj.get(key)
    if value in (None, ""):
        if required:
            errors.append(f"{key}：必填")
        return ""
    text = str(value).strip()
    if len(text) > limit:
        errors.append(f"{key}：长度不能超过{limit}个字")
    return text


def _date(
    obj: dict[str, Any], key: str, errors: list[str], required: bool = False
) -> dt.date | None:
    value = obj.get(key)
    if value in (None, ""):
        if required:
            errors.append(f"{key}：必填")
        return None
    parsed = parse_date(str(value)) if isinstance(value, str) else None
    if parsed is None:
        errors.append(f"{key}：不是有效日期“{value}”，应写作 YYYY-MM-DD")
    return parsed


def parse_order(
    obj: Any, departments: dict[str, int]
) -> tuple[hotline.OrderIn | None, list[tuple[str, str]]]:
    """One pushed order; problems as (field, Chinese message)."""
    if not isinstance(obj, dict):
        return None, [("", "每张工单应为一个对象")]
    errs: list[str] = []
    order_no = _text(obj, "order_no", 40, errs, True)
    subject = _text(obj, "subject", 200, errs, True)
    content = _text(obj, "content", 5000, errs, True)
    kind = _text(obj, "appeal_kind", 20, errs, True)
    if kind and kind not in AppealKind.values:
        labels = {str(v.label): v.value for v in AppealKind}
        kind = labels.get(kind, "")
        if not kind:
            errs.append("appeal_kind：须为投诉、举报、求助、咨询或建议")
    received = None
    raw = obj.get("received_at")
    if raw in (None, ""):
        errs.append("received_at：必填")
    else:
        received = parse_datetime(str(raw))
        if received is None:
            errs.append(f"received_at：不是有效时间“{raw}”，应写作 ISO 8601")
        elif timezone.is_naive(received):
            received = timezone.make_aware(received)
    code = _text(obj, "department", 100, errs, True)
    department = departments.get(code)
    if code and department is None:
        errs.append(f"department：“{code}”不在本热线的派单范围内")
    assigned = _date(obj, "assigned_on", errs, True)
    satisfaction = _text(obj, "satisfaction", 20, errs)
    if satisfaction and satisfaction not in Satisfaction.values:
        satisfaction = {str(v.label): v.value for v in Satisfaction}.get(satisfaction, satisfaction)
    if errs or received is None or assigned is None or department is None:
        return None, [_split(e) for e in errs]
    order = hotline.OrderIn(
        order_no=order_no,
        received_at=received,
        appeal_kind=kind,
        subject=subject,
        content=content,
        department_id=department,
        assigned_on=assigned,
        channel=_text(obj, "channel", 20, errs),
        address=_text(obj, "address", 200, errs),
        caller_name=_text(obj, "caller_name", 50, errs),
        caller_phone=_text(obj, "caller_phone", 30, errs),
        reply=_text(obj, "reply", 5000, errs),
        replied_on=_date(obj, "replied_on", errs),
        callback_on=_date(obj, "callback_on", errs),
        satisfaction=satisfaction,
        callback_note=_text(obj, "callback_note", 500, errs),
    )
    problems = [_split(e) for e in errs] + hotline.check_order(order)
    return (None if problems else order), problems


def _split(error: str) -> tuple[str, str]:
    field, _, message = error.partition("：")
    return field, message


def _refused(message: str, code: int = status.HTTP_403_FORBIDDEN) -> Response:
    return Response({"detail": message}, status=code)


def _centre(request: Request, code: str) -> OrgUnit | str:
    units = OrgUnit.objects.restrict(request.user, "view").filter(
        pk__in=visible_unit_ids(request.user, "change"), kind=UnitKind.DEPARTMENT
    )
    if code:
        return units.filter(code=code).first() or f"令牌所属人员不能为“{code}”接收工单"
    found = list(units[:2])
    if len(found) == 1:
        return found[0]
    return "令牌所属人员没有或有多个可以接收工单的部门，请在 department 中填写热线机构代码"


class HotlineOrderViewSet(ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """热线工单：查看本单位受理或承办的工单；热线系统以登记了来源系统的令牌推送工单。"""

    queryset = HotlineOrder.objects.select_related("department")
    serializer_class = HotlineOrderSerializer
    filterset_class = HotlineOrderFilterSet

    @extend_schema(request=dict, responses={200: dict, 400: dict, 403: dict, 409: dict})
    def create(self, request: Request) -> Response:
        token = request.auth
        if not isinstance(token, ApiToken) or not token.source_system:
            return _refused(
                "只有登记了来源系统的令牌才能推送热线工单；个人令牌或登录会话不能推送。"
            )
        bind_actor(request.user)
        body = request.data if isinstance(request.data, dict) else {}
        centre = _centre(request, str(body.get("department") or ""))
        if isinstance(centre, str):
            return _refused(centre)
        raw = body.get("orders")
        if not isinstance(raw, list) or not raw:
            return _refused("orders 应为非空的工单数组", status.HTTP_400_BAD_REQUEST)
        if len(raw) > MAX_ORDERS:
            return _refused(f"每次最多推送 {MAX_ORDERS} 张工单", status.HTTP_400_BAD_REQUEST)
        targets: dict[str, int] = {}
        for pk, code, name in hotline.dispatch_targets(centre).values_list("pk", "code", "name"):
            targets[code] = targets[name] = pk
        orders, errors, seen = [], [], set()
        for n, obj in enumerate(raw):
            order, problems = parse_order(obj, targets)
            number = obj.get("order_no", "") if isinstance(obj, dict) else ""
            if order is not None and order.order_no in seen:
                problems = [("order_no", "同一请求中工单编号重复")]
            errors += [
                {"order": n, "order_no": number, "field": f, "message": m} for f, m in problems
            ]
            if order is not None and not problems:
                seen.add(order.order_no)
                orders.append(order)
        if errors:
            return Response(
                {"detail": "数据有错误，未写入任何数据", "errors": errors},
                status=status.HTTP_400_BAD_REQUEST,
            )
        try:
            with transaction.atomic():
                created, existing = hotline.receive(
                    orders, received_by=centre, actor=request.user, source=OrderSource.API
                )
                if created:
                    record_bulk_import(
                        "enforcement.HotlineOrder",
                        rows=len(created),
                        digest=hashlib.sha256(
                            json.dumps(raw, ensure_ascii=False, sort_keys=True).encode()
                        ).hexdigest(),
                        source=f"api:hotline:{token.prefix}",
                        staff=request.user,
                        changes={"created": [o.order_no for o in created][:1000]},
                    )
        except IntegrityError:
            return _refused("同一工单正在被另一请求接收，请稍后重试", status.HTTP_409_CONFLICT)
        return Response(
            {
                "created": len(created),
                "existing": len(existing),
                "orders": [{"order_no": o.order_no, "id": o.pk} for o in created]
                + [{"order_no": no, "existing": True} for no in existing],
            }
        )
