"""Excel imports in the sources' own column layouts: the urban-management system's matters
(数字城管 export), the overload stations' weighing records, and the 12345 hotline's orders.

Each is an ``ImportSpec`` of the intake engine: the columns are parsed and checked by the
engine (row and column errors in Chinese, the error workbook the clerk corrects and imports
again, one audit event for the file); the checks that need the database or several columns are
here. Every column of a source's layout has its field, so nothing of a row is dropped; a
re-import finds rows by their number in the source (事项编号, 检测单号, 工单编号) and leaves
records already there as they are (their handling happens here, not in the source file).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils import timezone

from fazhi.core.intake.excel import Column, Table
from fazhi.core.intake.specs import (
    BATCH,
    Context,
    ImportSpec,
    Outcome,
    UnitResolver,
    duplicates,
    register,
)
from fazhi.core.org.choices import UnitKind
from fazhi.core.org.models import Region

from . import hotline
from .city_choices import AppealKind, MatterKind, OrderSource, Satisfaction
from .models import HotlineOrder, OverloadCheck, UrbanMatter

_DATETIME = re.compile(
    r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?"
    r"(?:[ T]+(\d{1,2})[:：时](\d{1,2})(?:[:：分](\d{1,2}))?秒?)?"
)
# Kinds whose area the report counts (拆除违法违规广告…平方米) and structures.
AREA_KINDS = (MatterKind.ILLEGAL_AD, MatterKind.ILLEGAL_BUILDING)


def parse_datetimes(table: Table, key: str) -> list[dt.datetime | None]:
    """A text column of date-times (``2019-03-05 08:12:33``; Excel's own date-time cells read
    as that text) as aware date-times in the current time zone; bad cells are row errors."""
    out: list[dt.datetime | None] = []
    tz = timezone.get_current_timezone()
    for i, text in enumerate(table.col(key)):
        if text is None:
            out.append(None)
            continue
        m = _DATETIME.fullmatch(text.strip())
        try:
            if m is None:
                raise ValueError
            y, mo, d, h, mi, sec = (int(p) if p else 0 for p in m.groups())
            out.append(dt.datetime(y, mo, d, h, mi, sec, tzinfo=tz))
        except ValueError:
            table.error(i, key, f"不是有效时间“{text}”，应写作 YYYY-MM-DD HH:MM:SS")
            out.append(None)
    return out


def _col(table: Table, key: str) -> list[Any]:
    return table.col(key) if table.has(key) else [None] * len(table)


@dataclass
class _Plan:
    rows: list[int] = field(default_factory=list)
    existing: int = 0
    extra: dict[str, list[Any]] = field(default_factory=dict)


def _new_rows(table: Table, ctx: Context, model: type[models.Model], key: str, label: str) -> _Plan:
    """Rows whose number is not yet the department's; repeats in the file are errors."""
    duplicates(table, key, label)
    numbers = table.col(key)
    wanted = [numbers[i] for i in table.good() if numbers[i] is not None]
    have = set(
        model._default_manager.filter(
            department=ctx.department, **{f"{key}__in": wanted}
        ).values_list(key, flat=True)
    )
    plan = _Plan()
    for i in table.good():
        if numbers[i] in have:
            plan.existing += 1
        else:
            plan.rows.append(i)
    table.require_for_new(plan.rows)
    return plan


class UrbanMatterImport(ImportSpec):
    slug = "urban-matters"
    label = "城管事项"
    model = UrbanMatter
    needed = ("record_no",)
    columns = (
        Column(
            "record_no", "事项编号", "code", required=True, max_length=60, example="CG2019-00001"
        ),
        Column("kind", "问题类型", "choice", required=True, choices=tuple(MatterKind.choices)),
        Column("place", "发生地点", required=True, max_length=200, example="鄂城区古楼街道南浦路"),
        Column("region", "所在社区", max_length=100, help="村（社区）名称，不知道的可不填"),
        Column("found_on", "发现日期", "date", required=True),
        Column("campaign", "专项行动", max_length=100, example="校园周边环境专项整治"),
        Column("area", "面积（平方米）", "decimal", help="违法广告、违法建设必填"),
        Column("description", "问题描述", max_length=2000),
    )
    notes = (
        "每行一个城管事项，按“事项编号”识别；已导入的事项再次导入时保持不变（处置在本平台办理）。",
        "违法广告、违法建设须填写面积（平方米）。",
    )

    def prepare(self, table: Table, ctx: Context) -> _Plan:
        plan = _new_rows(table, ctx, UrbanMatter, "record_no", "事项编号")
        kinds, areas, found = _col(table, "kind"), _col(table, "area"), _col(table, "found_on")
        today = timezone.localdate()
        for i in list(plan.rows):
            if kinds[i] in AREA_KINDS and areas[i] is None:
                table.error(i, "area", f"“{MatterKind(kinds[i]).label}”须填写面积")
            if areas[i] is not None and areas[i] < 0:
                table.error(i, "area", "面积不能为负数")
            if found[i] is not None and found[i] > today:
                table.error(i, "found_on", "发现日期不能晚于今天")
        plan.extra["region"] = self._regions(table, ctx)
        return plan

    def _regions(self, table: Table, ctx: Context) -> list[int | None]:
        names = _col(table, "region")
        wanted = {n for n in names if n}
        index: dict[str, set[int]] = {}
        if wanted:
            area = ctx.department.government_path()
            for pk, name in Region.objects.filter(
                name__in=wanted, government__path__startswith=area
            ).values_list("pk", "name"):
                index.setdefault(name, set()).add(pk)
        out: list[int | None] = []
        for i, name in enumerate(names):
            found = index.get(name, set()) if name else set()
            if name and not found:
                table.error(i, "region", f"本地区没有名为“{name}”的村（社区）")
            elif len(found) > 1:
                table.error(i, "region", f"“{name}”对应多个村（社区），请留空或写明所在乡镇")
            out.append(next(iter(found)) if len(found) == 1 else None)
        return out

    def write(self, plan: _Plan, table: Table, ctx: Context) -> Outcome:
        c = {k: _col(table, k) for k in ("record_no", "kind", "place", "found_on", "campaign")}
        area, desc, region = _col(table, "area"), _col(table, "description"), plan.extra["region"]
        rows = [i for i in plan.rows if i not in table.bad]
        objs = [
            UrbanMatter(
                department=ctx.department,
                record_no=c["record_no"][i],
                kind=c["kind"][i],
                place=c["place"][i],
                region_id=region[i],
                found_on=c["found_on"][i],
                campaign=c["campaign"][i] or "",
                area=area[i],
                description=desc[i] or "",
            )
            for i in rows
        ]
        UrbanMatter.objects.bulk_create(objs, batch_size=BATCH)
        ctx.progress(len(objs))
        return Outcome(created=len(objs), unchanged=plan.existing)


class OverloadCheckImport(ImportSpec):
    slug = "overload-checks"
    label = "治超检测记录"
    model = OverloadCheck
    needed = ("record_no",)
    columns = (
        Column("station", "站点名称", required=True, max_length=100, example="樊口治超站"),
        Column("record_no", "检测单号", "code", required=True, max_length=60),
        Column("plate", "车牌号", "code", required=True, max_length=20, example="鄂G12345"),
        Column("checked_at", "检测时间", required=True, example="2019-03-05 08:12:33"),
        Column("axles", "轴数", "int", required=True, min_value=2, max_value=12),
        Column("gross_kg", "车货总重(kg)", "int", required=True, min_value=1),
        Column("limit_kg", "限载标准(kg)", "int", required=True, min_value=1),
        Column("overloaded", "是否超限", "bool", required=True),
    )
    notes = (
        "每行一次检测（台次），按“检测单号”识别；已导入的记录再次导入时保持不变。",
        "“是否超限”须与车货总重、限载标准一致（总重超过限载标准为超限）。",
    )

    def prepare(self, table: Table, ctx: Context) -> _Plan:
        plan = _new_rows(table, ctx, OverloadCheck, "record_no", "检测单号")
        at = parse_datetimes(table, "checked_at") if table.has("checked_at") else []
        plan.extra["checked_at"] = at
        gross, limit, over = (
            _col(table, "gross_kg"),
            _col(table, "limit_kg"),
            _col(table, "overloaded"),
        )
        for i in plan.rows:
            if gross[i] is None or limit[i] is None or over[i] is None:
                continue
            if over[i] != (gross[i] > limit[i]):
                table.error(
                    i,
                    "overloaded",
                    f"车货总重{gross[i]}千克、限载标准{limit[i]}千克，应为"
                    f"“{'是' if gross[i] > limit[i] else '否'}”",
                )
        return plan

    def write(self, plan: _Plan, table: Table, ctx: Context) -> Outcome:
        c = {k: _col(table, k) for k in ("station", "record_no", "plate", "axles", "gross_kg")}
        limit, over, at = (
            _col(table, "limit_kg"),
            _col(table, "overloaded"),
            plan.extra["checked_at"],
        )
        rows = [i for i in plan.rows if i not in table.bad]
        done = 0
        for start in range(0, len(rows), BATCH):
            part = rows[start : start + BATCH]
            OverloadCheck.objects.bulk_create(
                [
                    OverloadCheck(
                        department=ctx.department,
                        station=c["station"][i],
                        record_no=c["record_no"][i],
                        plate=c["plate"][i],
                        checked_at=at[i],
                        axles=c["axles"][i],
                        gross_kg=c["gross_kg"][i],
                        limit_kg=limit[i],
                        overloaded=over[i],
                    )
                    for i in part
                ]
            )
            done += len(part)
            ctx.progress(done)
        return Outcome(created=len(rows), unchanged=plan.existing)


class HotlineOrderImport(ImportSpec):
    """The 12345 hotline system's export of dispatched orders; the importing department is the
    hotline centre that received them."""

    slug = "hotline-orders"
    label = "热线工单"
    model = HotlineOrder
    needed = ("order_no",)
    columns = (
        Column(
            "order_no",
            "工单编号",
            "code",
            required=True,
            max_length=40,
            example="12345-20190305-0001",
        ),
        Column("received_at", "来电时间", required=True, example="2019-03-05 08:12:33"),
        Column("channel", "来源渠道", max_length=20, example="电话"),
        Column(
            "appeal_kind", "诉求类型", "choice", required=True, choices=tuple(AppealKind.choices)
        ),
        Column("subject", "诉求标题", required=True, max_length=200),
        Column("content", "诉求内容", required=True, max_length=5000),
        Column("address", "事发地址", max_length=200),
        Column("caller_name", "来电人", max_length=50),
        Column("caller_phone", "联系电话", "code", max_length=30),
        Column(
            "department",
            "承办单位",
            "ref",
            required=True,
            max_length=100,
            help="部门全称或机构代码",
        ),
        Column("assigned_on", "派单时间", "date", required=True),
        Column("reply", "办理结果", max_length=5000),
        Column("replied_on", "答复时间", "date"),
        Column("callback_on", "回访时间", "date"),
        Column("satisfaction", "满意度", "choice", choices=tuple(Satisfaction.choices)),
        Column("callback_note", "回访情况", max_length=500),
    )
    notes = (
        "每行一张工单，按“工单编号”识别；已接收的工单再次导入时保持不变（一张工单只接收一次）。",
        "答复期限按派单时间和本平台的答复时限设置计算。",
        "热线系统已记录的办理结果、答复时间、回访时间和满意度一并导入，不丢弃任何一列。",
    )

    def prepare(self, table: Table, ctx: Context) -> _Plan:
        duplicates(table, "order_no", "工单编号")
        received = parse_datetimes(table, "received_at") if table.has("received_at") else []
        centre = ctx.department
        resolver = UnitResolver(UnitKind.DEPARTMENT, hotline.dispatch_targets(centre))
        units = (
            resolver.resolve(table, "department", None, lambda u: f"“{u}”不在本热线的派单范围内")
            if table.has("department")
            else [None] * len(table)
        )
        have = hotline.existing_numbers([n for n in table.col("order_no") if n])
        plan = _Plan()
        orders: dict[int, hotline.OrderIn] = {}
        for i in table.good():
            if table.col("order_no")[i] in have:
                plan.existing += 1
                continue
            plan.rows.append(i)
        table.require_for_new(plan.rows)
        for i in plan.rows:
            if i in table.bad:
                continue
            o = hotline.OrderIn(
                order_no=table.col("order_no")[i],
                received_at=received[i],  # type: ignore[arg-type]  # required: checked above
                appeal_kind=_col(table, "appeal_kind")[i],
                subject=_col(table, "subject")[i],
                content=_col(table, "content")[i],
                department_id=units[i],  # type: ignore[arg-type]  # required: checked above
                assigned_on=_col(table, "assigned_on")[i],
                channel=_col(table, "channel")[i] or "",
                address=_col(table, "address")[i] or "",
                caller_name=_col(table, "caller_name")[i] or "",
                caller_phone=_col(table, "caller_phone")[i] or "",
                reply=_col(table, "reply")[i] or "",
                replied_on=_col(table, "replied_on")[i],
                callback_on=_col(table, "callback_on")[i],
                satisfaction=_col(table, "satisfaction")[i] or "",
                callback_note=_col(table, "callback_note")[i] or "",
            )
            for key, message in hotline.check_order(o):
                table.error(i, key, message)
            orders[i] = o
        plan.extra["orders"] = [orders]
        return plan

    def write(self, plan: _Plan, table: Table, ctx: Context) -> Outcome:
        orders: dict[int, hotline.OrderIn] = plan.extra["orders"][0]
        todo = [o for i, o in sorted(orders.items()) if i not in table.bad]
        created, existing = hotline.receive(
            todo, received_by=ctx.department, actor=ctx.actor, source=OrderSource.FILE
        )
        ctx.progress(len(created))
        return Outcome(created=len(created), unchanged=plan.existing + len(existing))


URBAN_MATTERS = register(UrbanMatterImport())
OVERLOAD_CHECKS = register(OverloadCheckImport())
HOTLINE_ORDERS = register(HotlineOrderImport())

__all__ = ["HOTLINE_ORDERS", "OVERLOAD_CHECKS", "URBAN_MATTERS"]
