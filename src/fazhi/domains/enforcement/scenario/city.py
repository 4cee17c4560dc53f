"""The Ezhou 2019 scenario's urban-management matters, overload checks and hotline orders.

From the compact spec ``data/city/spec.yaml`` each stage generates, deterministically from the
seed, the files the sources would send — the urban-management system's export of matters, each
overload station's weighing records, the 12345 hotline's export of orders — in their own column
layouts (``city_imports``), and imports them through the intake engine as a clerk would
(``intake.services.create_job`` and ``run``: validation, the one audit event per file). The
matters are then resolved through ``city.resolve`` (the week's cleared matters of a department
together, as the 批量处置 page does; each enforced matter in a case of its own, handled in the
bureau's system and collected from it). Business dates are 2019's; the rows are written
now.

Idempotent: a file whose rows are all there already is not imported again, and only pending
matters are resolved, so a second build creates nothing.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import defaultdict
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from openpyxl import Workbook

from fazhi.core.casework.collection import (
    CaseFields,
    CaseIn,
    CollectedState,
    EventIn,
    collect,
)
from fazhi.core.casework.models import Case
from fazhi.core.intake import services as intake
from fazhi.core.intake.choices import ImportStatus
from fazhi.core.org.models import OrgUnit
from fazhi.shell.scenario.planning import apportion, rng_for

from ..city_imports import HOTLINE_ORDERS, OVERLOAD_CHECKS, URBAN_MATTERS
from ..models import HotlineOrder, OverloadCheck, UrbanMatter

DATA = Path(__file__).resolve().parent / "data" / "city"


@lru_cache(maxsize=1)
def spec() -> dict[str, Any]:
    return yaml.safe_load((DATA / "spec.yaml").read_text(encoding="utf-8"))


def _days(year: int) -> list[dt.date]:
    first = dt.date(year, 1, 1)
    return [first + dt.timedelta(days=n) for n in range((dt.date(year, 12, 31) - first).days + 1)]


def _xlsx(title: str, header: list[str], rows: list[list[Any]]) -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title)
    ws.append(header)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _import(slug: str, department: OrgUnit, name: str, data: bytes) -> Any:
    job = intake.create_job(slug, department=department, upload=io.BytesIO(data), file_name=name)
    job = intake.run(job.pk)
    if job.status != ImportStatus.DONE or job.error_total:
        raise RuntimeError(f"场景数据导入失败：{name}：{job.message} {job.errors[:5]}")
    return job


def _units(codes: set[str]) -> dict[str, OrgUnit]:
    units = {u.code: u for u in OrgUnit.objects.filter(code__in=codes)}
    missing = codes - set(units)
    if missing:
        raise RuntimeError(f"场景缺少机构：{sorted(missing)}（请先构建基础数据）")
    return units


# -- matters ------------------------------------------------------------------------------------

MATTER_HEADER = [
    "事项编号",
    "问题类型",
    "发生地点",
    "所在社区",
    "发现日期",
    "专项行动",
    "面积（平方米）",
    "问题描述",
]
DESCRIPTIONS = {
    "street_occupation": "店外占用人行道经营，堆放商品",
    "hanging": "沿街乱拉电线、悬挂横幅晾晒衣物",
    "illegal_building": "未取得建设工程规划许可证搭建建筑物",
    "illegal_ad": "未经许可设置户外广告牌",
}
KIND_LABEL = {
    "street_occupation": "出店占道经营",
    "hanging": "乱牵乱挂",
    "illegal_building": "违法建设",
    "illegal_ad": "违法广告",
}


def _areas(group: dict[str, Any], n: int, rng: Any) -> list[Decimal | None]:
    if "area_total" in group:
        # Whole square metres that sum to the report's total.
        cuts = sorted(rng.sample(range(1, int(group["area_total"])), n - 1))
        bounds = [0, *cuts, int(group["area_total"])]
        return [Decimal(bounds[k + 1] - bounds[k]) for k in range(n)]
    if "area" in group:
        low, high = group["area"]
        return [Decimal(rng.randint(low, high)) for _ in range(n)]
    return [None] * n


def plan_matters(seed: int) -> dict[str, list[list[Any]]]:
    """The rows of each department's export, in the urban-management system's layout."""
    s = spec()
    rng = rng_for(seed, "city-matters")
    days = _days(s["year"])
    rows: dict[str, list[list[Any]]] = defaultdict(list)
    for group in s["matters"]:
        dept, kind, n = group["department"], group["kind"], group["count"]
        prefix = dept.split("-")[0]
        areas = _areas(group, n, rng)
        for k in range(n):
            on = rng.choice(days)
            if group["campaign"] == "校园周边环境专项整治":
                place = f"{rng.choice(s['schools'])}周边{rng.choice(s['streets'])}"
            else:
                place = f"{rng.choice(s['streets'])}{rng.randint(1, 300)}号"
            number = f"CG{prefix}-{s['year']}-{len(rows[dept]) + 1:05d}"
            area = areas[k]
            rows[dept].append(
                [
                    number,
                    KIND_LABEL[kind],
                    place,
                    None,
                    on,
                    group["campaign"] or None,
                    float(area) if area is not None else None,
                    DESCRIPTIONS[kind],
                ]
            )
    return rows


def plan_resolutions(seed: int) -> dict[tuple[str, str], tuple[str, bool]]:
    """(department, 事项编号) → (how, removed): the groups that fix their way first, then the
    721 quotas over the rest, at random."""
    s = spec()
    rng = rng_for(seed, "city-721")
    fixed: dict[tuple[str, str], tuple[str, bool]] = {}
    free: list[tuple[str, str]] = []
    counters: dict[str, int] = defaultdict(int)
    for group in s["matters"]:
        dept = group["department"]
        prefix = dept.split("-")[0]
        for _ in range(group["count"]):
            counters[dept] += 1
            key = (dept, f"CG{prefix}-{s['year']}-{counters[dept]:05d}")
            if "how" in group:
                fixed[key] = (group["how"], bool(group.get("removed")))
            else:
                free.append(key)
    total = len(fixed) + len(free)
    quota = {how: round(total * pct / 100) for how, pct in s["shares"].items()}
    quota["management"] = total - quota["service"] - quota["enforcement"]
    for how, _ in fixed.values():
        quota[how] -= 1
    ways = [w for how in ("service", "management", "enforcement") for w in [how] * quota[how]]
    rng.shuffle(ways)
    out = dict(fixed)
    for key, how in zip(free, ways, strict=True):
        out[key] = (how, False)
    return out


def _week_end(on: dt.date) -> dt.date:
    """Matters found in a week are cleared by its Friday (in the year)."""
    friday = on + dt.timedelta(days=(4 - on.weekday()) % 7)
    return min(friday, dt.date(on.year, 12, 31))


def load_matters(builder: Any, result: Any) -> None:
    from .. import city

    rows = plan_matters(builder.seed)
    units = _units(set(rows))
    for code, dept_rows in rows.items():
        have = UrbanMatter.objects.filter(department=units[code]).count()
        if have >= len(dept_rows):
            result.existing += len(dept_rows)
            continue
        data = _xlsx("城管事项", MATTER_HEADER, dept_rows)
        job = _import(URBAN_MATTERS.slug, units[code], f"{code}-城管事项-2019.xlsx", data)
        result.created += job.created
        result.existing += job.unchanged
    # The resolutions, through the state change users take.
    ways = plan_resolutions(builder.seed)
    pending = UrbanMatter.objects.filter(
        department__in=units.values(), resolution="pending", found_on__year=spec()["year"]
    ).values_list("pk", "department__code", "record_no", "found_on")
    batches: dict[tuple[str, bool, dt.date], list[int]] = defaultdict(list)
    enforced = []
    for pk, code, number, found in pending:
        how, removed = ways[(code, number)]
        if how == "enforcement":
            enforced.append(pk)
        else:
            batches[(how, removed, _week_end(found))].append(pk)
    resolved = 0
    for (how, removed, on), ids in sorted(batches.items()):
        resolved += city.resolve(ids, how, actor=None, on=on, removed=removed, note="专项整治")
    # Each enforced matter was handled as a case of its own in the urban-management bureau's
    # system (filed the day it was found, closed the week it was cleared): those cases are
    # collected from that system, as any sector's are, and each resolution names its case.
    # The week's enforced matters are resolved together (demolitions apart: they are removed).
    case_of = _collect_enforcement_cases(enforced)
    groups: dict[tuple[bool, dt.date], dict[int, Any]] = defaultdict(dict)
    for matter in UrbanMatter.objects.filter(pk__in=enforced):
        demolished = matter.kind == "illegal_building"
        groups[(demolished, _week_end(matter.found_on))][matter.pk] = case_of[matter.pk]
    for (demolished, on), cases in sorted(groups.items()):
        resolved += city.resolve(
            list(cases),
            "enforcement",
            actor=None,
            on=on,
            removed=demolished,
            note="立案查处" + ("，依法拆除" if demolished else ""),
            cases=cases,
        )
    result.created += resolved
    result.extra["resolved"] = resolved


URBAN_SYSTEM = "鄂州市数字化城市管理平台"


def _collect_enforcement_cases(ids: list[int]) -> dict[int, Case]:
    """The enforced matters' cases, collected per department from the bureau's own system
    (``casework.collection.collect``: the same path as a file import or a push)."""
    by_department: dict[Any, list[UrbanMatter]] = defaultdict(list)
    for matter in UrbanMatter.objects.filter(pk__in=ids).select_related("department"):
        by_department[matter.department].append(matter)
    case_of: dict[int, Case] = {}
    for department, matters in by_department.items():
        external = {f"CG-{m.record_no}": m for m in matters}
        cases = [
            CaseIn(
                external_id=key,
                fields=CaseFields(
                    title=f"{m.get_kind_display()}（{m.place}）"[:200],
                    opened_on=m.found_on,
                    state=CollectedState.CLOSED,
                    number=key,
                    closed_on=_week_end(m.found_on),
                ),
                events=[
                    EventIn(m.found_on, "立案", f"城管事项 {m.record_no}", "", f"{key}-LA"),
                    EventIn(_week_end(m.found_on), "结案", "责令改正，已整改", "", f"{key}-JA"),
                ],
            )
            for key, m in external.items()
        ]
        plan, written = collect(cases, source_system=URBAN_SYSTEM, owner=department)
        if written is None:
            raise RuntimeError(f"城管执法案件归集失败：{plan.problems[:3]}")
        found = Case.objects.filter(
            source_system=URBAN_SYSTEM, external_id__in=list(external)
        ).only("pk", "external_id")
        case_of.update((external[c.external_id].pk, c) for c in found)
    return case_of


# -- overload checks ----------------------------------------------------------------------------

CHECK_HEADER = [
    "站点名称",
    "检测单号",
    "车牌号",
    "检测时间",
    "轴数",
    "车货总重(kg)",
    "限载标准(kg)",
    "是否超限",
]
PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"


def plan_checks(seed: int) -> dict[str, list[list[Any]]]:
    s = spec()["overload"]
    rng = rng_for(seed, "overload")
    stations = list(s["stations"])
    counts = apportion(s["checks"], list(s["stations"].values()))
    overloaded = apportion(s["overloaded"], counts)
    limits = {int(k): v for k, v in s["limits"].items()}
    days = _days(spec()["year"])
    out: dict[str, list[list[Any]]] = {}
    for n, (station, count, over) in enumerate(zip(stations, counts, overloaded, strict=True)):
        flags = [True] * over + [False] * (count - over)
        rng.shuffle(flags)
        rows = []
        for k, flag in enumerate(flags):
            axles = rng.choice([2, 2, 3, 4, 5, 6, 6])
            limit = limits[axles]
            gross = limit + rng.randint(500, limit // 2) if flag else rng.randint(limit // 3, limit)
            at = dt.datetime.combine(
                rng.choice(days),
                dt.time(rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59)),
            )
            plate = (
                "鄂"
                + rng.choice("GAG")
                + "".join(rng.choice(PLATE_LETTERS + "0123456789") for _ in range(5))
            )
            rows.append(
                [
                    station,
                    f"ZC{n + 1:02d}-2019-{k + 1:05d}",
                    plate,
                    at.strftime("%Y-%m-%d %H:%M:%S"),
                    axles,
                    gross,
                    limit,
                    "是" if flag else "否",
                ]
            )
        out[station] = rows
    return out


def load_checks(builder: Any, result: Any) -> None:
    s = spec()["overload"]
    unit = _units({s["department"]})[s["department"]]
    for station, rows in plan_checks(builder.seed).items():
        have = OverloadCheck.objects.filter(department=unit, station=station).count()
        if have >= len(rows):
            result.existing += len(rows)
            continue
        job = _import(
            OVERLOAD_CHECKS.slug,
            unit,
            f"{station}-2019.xlsx",
            _xlsx("治超检测记录", CHECK_HEADER, rows),
        )
        result.created += job.created
        result.existing += job.unchanged


# -- hotline orders -----------------------------------------------------------------------------

ORDER_HEADER = [
    "工单编号",
    "来电时间",
    "来源渠道",
    "诉求类型",
    "诉求标题",
    "诉求内容",
    "事发地址",
    "来电人",
    "联系电话",
    "承办单位",
    "派单时间",
    "办理结果",
    "答复时间",
    "回访时间",
    "满意度",
    "回访情况",
]
APPEALS = {
    "420700-CGW": ("投诉", "门店占道经营影响通行", "店外摆摊占用人行道，行人只能走机动车道"),
    "420704-CGJ": ("投诉", "夜间烧烤油烟扰民", "小区楼下烧烤摊经营至凌晨，油烟噪声扰民"),
    "420700-SCJG": ("举报", "超市销售过期食品", "在超市购买的酸奶已过保质期"),
    "420700-JTYSJ": ("投诉", "出租车拒载", "在火车站打车，司机拒绝载客"),
    "420700-ZJJ": ("求助", "小区电梯长期故障", "小区电梯故障一个月未修，物业推诿"),
    "420700-STHJ": ("举报", "工厂夜间排放异味", "附近工厂夜间排放刺鼻气体"),
}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙胡朱高林何郭马罗"


def plan_orders(seed: int) -> list[list[Any]]:
    from ..hotline import reply_due

    s = spec()["hotline"]
    rng = rng_for(seed, "hotline")
    depts = list(s["departments"])
    counts = apportion(s["orders"], list(s["departments"].values()))
    targets = [d for d, c in zip(depts, counts, strict=True) for _ in range(c)]
    rng.shuffle(targets)
    days = [d for d in _days(spec()["year"]) if d < dt.date(2019, 12, 1)]
    rows = []
    for n, dept in enumerate(targets, 1):
        on = rng.choice(days)
        kind, subject, content = APPEALS[dept]
        at = dt.datetime.combine(on, dt.time(rng.randint(8, 20), rng.randint(0, 59)))
        due = reply_due(on)
        late = rng.random() < s["late_share"]
        replied = (
            due + dt.timedelta(days=rng.randint(1, 6))
            if late
            else on + dt.timedelta(days=rng.randint(1, 4))
        )
        replied = min(max(replied, on), due) if not late else replied
        callback = replied + dt.timedelta(days=rng.randint(1, 3))
        satisfaction = rng.choices(["满意", "基本满意", "不满意"], [80, 15, 5])[0]
        rows.append(
            [
                f"12345-{on:%Y%m%d}-{n:04d}",
                at.strftime("%Y-%m-%d %H:%M:%S"),
                rng.choice(["电话", "电话", "网站", "微信"]),
                kind,
                subject,
                content,
                f"鄂州市{rng.choice(spec()['streets'])}{rng.randint(1, 300)}号",
                f"{rng.choice(SURNAMES)}{rng.choice(['先生', '女士'])}",
                f"1{rng.choice('3578')}{rng.randint(0, 999999999):09d}",
                dept,
                on,
                "已现场核实处理，并告知来电人处理结果",
                replied,
                callback,
                satisfaction,
                "来电人认可处理结果" if satisfaction != "不满意" else "来电人对处理时效不满意",
            ]
        )
    return rows


def load_orders(builder: Any, result: Any) -> None:
    s = spec()["hotline"]
    centre = _units({s["centre"]})[s["centre"]]
    rows = plan_orders(builder.seed)
    have = HotlineOrder.objects.filter(order_no__in=[r[0] for r in rows]).count()
    if have >= len(rows):
        result.existing += len(rows)
        return
    job = _import(
        HOTLINE_ORDERS.slug,
        centre,
        "12345热线工单-2019.xlsx",
        _xlsx("热线工单", ORDER_HEADER, rows),
    )
    result.created += job.created
    result.existing += job.unchanged


STAGES = (
    ("城管事项与“721”处置（2019）", load_matters),
    ("治超站点检测记录（2019）", load_checks),
    ("12345热线工单（2019）", load_orders),
)

__all__ = ["STAGES"]
