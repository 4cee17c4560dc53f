"""Excel imports of 自由裁量基准 and 免罚清单, in the layout the departments publish them.

A benchmark workbook has several rows per benchmark: the first row of an item names it (违法
行为, 处罚事项 by 编码, 事项编码（省库） or name within the importing department, 处罚依据 …)
and may hold its first tier; the rows below leave those cells blank (merged cells read so) or
repeat them, and give one 裁量阶次 each — 适用情形 (conditions on declared factors, see
``condition_text``), 罚款下限/上限, 其他处罚, 适用条款. A benchmark is written whole or not at
all, through the list mechanism (``services.create_item``; a changed benchmark or tier becomes
an 修改 version through ``services.record``, whose tiers are the file's), so an unchanged
benchmark makes no version and re-importing a workbook creates nothing.

The no-penalty list (首次轻微违法免罚清单 / 不予处罚事项清单), one row per entry, is imported by
``no_penalty_imports`` with the helpers declared here (the power-item lookup, the columns).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from fazhi.core.intake.choices import ImportMode
from fazhi.core.intake.excel import Column, Table
from fazhi.core.intake.specs import Context, ImportSpec, Outcome, field_column, register

from . import services
from .choices import ListAction, ListState, PowerKind
from .condition_text import ConditionText
from .discretion import declared_factors, validate_conditions
from .models import (
    DiscretionBenchmark,
    DiscretionBenchmarkVersion,
    DiscretionTier,
    PowerItem,
)

DEFAULT_REASON = "Excel 批量导入"
_bv, _tier = DiscretionBenchmarkVersion, DiscretionTier

CODE = Column("code", "编码", "code", max_length=40, help="修改已有基准时填写；新增留空")
POWER_ITEM = Column(
    "power_item",
    "处罚事项",
    "text",
    max_length=300,
    aliases=("权力事项", "处罚事项名称", "事项名称", "事项编码"),
    help="本部门的行政处罚事项：编码、事项编码（省库）或名称",
    example="对未取得食品经营许可从事食品经营活动的处罚",
)
VALID_FROM = Column("valid_from", "生效日期", "date", help="默认取导入时填写的生效日期")
REASON = Column("reason", "理由", "text", max_length=300, help="默认取导入时填写的理由")
CONDITIONS_HELP = "用“；”分隔的情节，如：初次违法；危害后果：轻微、一般；货值金额<10000；未及时改正"

# The usual ladder of tiers: a tier named on it may not come before a lighter one, and its
# fine range may not reach below the lighter tier's.
LADDER = {
    "不予处罚": 0,
    "免予处罚": 0,
    "轻微": 1,
    "较轻": 1,
    "从轻": 2,
    "减轻": 1,
    "一般": 3,
    "较重": 4,
    "从重": 4,
    "严重": 5,
    "特别严重": 6,
}


def factors_parser() -> ConditionText:
    return ConditionText(declared_factors())


class PowerItems:
    """The importing department's penalty items in force on a date, by code, 省库编码 or name."""

    def __init__(self, department_id: int) -> None:
        self.department_id = department_id
        self._on: dict[date, dict[str, list[tuple[int, str]]]] = {}

    def find(self, value: str, on: date) -> tuple[int | None, str]:
        index = self._on.get(on)
        if index is None:
            index = {}
            versions = (
                services.as_of(PowerItem, on)
                .filter(department_id=self.department_id)
                .select_related("item")
            )
            for v in versions:
                for key in {v.item.code, v.item.catalog_code, v.name} - {""}:
                    index.setdefault(key.upper(), []).append((v.item_id, v.kind))
            self._on[on] = index
        found = index.get(value.strip().upper(), [])
        if not found:
            return None, (
                f"找不到本部门在 {on} 有效的处罚事项“{value}”（请填写权责清单中的编码或名称）"
            )
        if len(found) > 1:
            return None, f"本部门有{len(found)}个名为“{value}”的事项，请填写编码"
        pk, kind = found[0]
        if kind != PowerKind.PENALTY:
            return None, f"“{value}”不是行政处罚事项，不能制定裁量基准或免罚清单"
        return pk, ""


def importing_department(ctx: Context) -> int:
    return ctx.department.pk


# --------------------------------------------------------------------------------------------
# 裁量基准
# --------------------------------------------------------------------------------------------

ITEM_KEYS = ("code", "name", "power_item", "violation", "legal_basis", "penalty_basis")
TIER_KEYS = ("label", "conditions", "fine_min", "fine_max", "measures", "article")


@dataclass
class Benchmark:
    """One benchmark of the file: its first row, its tier rows and what they say."""

    start: int
    rows: list[int] = field(default_factory=list)
    cells: dict[str, Any] = field(default_factory=dict)
    tiers: list[dict[str, Any]] = field(default_factory=list)
    power_item: int | None = None
    valid_from: date | None = None
    reason: str = ""
    item: DiscretionBenchmark | None = None
    changes: dict[str, Any] | None = None  # None: new; {}: only the tiers changed
    tiers_changed: bool = False

    @property
    def fields(self) -> dict[str, Any]:
        return {
            "name": self.cells["name"],
            "power_item_id": self.power_item,
            "violation": self.cells["violation"],
            "legal_basis": self.cells.get("legal_basis") or "",
            "penalty_basis": self.cells["penalty_basis"],
        }


@dataclass
class BenchmarkPlan:
    benchmarks: list[Benchmark] = field(default_factory=list)
    creates: list[Benchmark] = field(default_factory=list)
    updates: list[Benchmark] = field(default_factory=list)
    unchanged: int = 0


class DiscretionBenchmarkImport(ImportSpec):
    slug = "discretion-benchmarks"
    label = "自由裁量基准"
    model = DiscretionBenchmark
    versioned = True
    needed = ("violation",)
    columns = (
        Column("seq", "序号", "ignored"),
        CODE,
        field_column(
            _bv, "name", key="name", header="裁量基准名称", aliases=("基准名称",), required=False
        ),
        POWER_ITEM,
        field_column(_bv, "violation", aliases=("违法行为名称",), required=False),
        field_column(_bv, "legal_basis", aliases=("法律依据", "违法依据")),
        field_column(_bv, "penalty_basis", required=False),
        field_column(_tier, "label", aliases=("阶次", "违法程度", "裁量等级"), required=False),
        Column(
            "conditions",
            "适用情形",
            "text",
            max_length=1000,
            aliases=("情节", "裁量情节", "违法情节"),
            help=CONDITIONS_HELP,
        ),
        field_column(_tier, "fine_min"),
        field_column(_tier, "fine_max"),
        field_column(_tier, "measures", aliases=("处罚标准", "其他处罚种类")),
        field_column(_tier, "article", required=False, help="默认为处罚依据"),
        VALID_FROM,
        REASON,
    )
    notes = (
        "每个裁量基准占若干行：第一行填写违法行为、处罚事项、处罚依据等，下面各行（这些列留空"
        "或重复填写）逐行填写裁量阶次、适用情形和处罚幅度；第一行也可以同时填写第一个阶次。",
        "已有基准按“编码”匹配，没有编码的按本部门同名基准匹配；内容或任一阶次有变化的记录一个"
        "“修改”版本，相同的不重复记录。",
        "适用情形只能使用已声明的裁量情节，多个情节用“；”分隔。阶次按顺序适用：从上到下第一个"
        "情形全部成立的阶次即为适用阶次。",
    )

    # -- grouping rows into benchmarks ----------------------------------------------------

    def _cell(self, table: Table, key: str, i: int) -> Any:
        return table.col(key)[i] if table.has(key) else None

    def _group(self, table: Table) -> list[Benchmark]:
        out: list[Benchmark] = []
        current: Benchmark | None = None
        for i in range(len(table)):
            item = {k: self._cell(table, k, i) for k in ITEM_KEYS}
            tier = {k: self._cell(table, k, i) for k in TIER_KEYS}
            starts = any(
                item[k] is not None and (current is None or item[k] != current.cells.get(k))
                for k in ("code", "name", "violation")
            )
            if starts:
                current = Benchmark(start=i, cells=item)
                out.append(current)
            elif current is None:
                table.error(
                    i,
                    "violation",
                    "阶次行之前没有裁量基准：请在基准的第一行填写违法行为、处罚事项和处罚依据",
                )
                continue
            else:
                for k in ITEM_KEYS:
                    if item[k] is not None and item[k] != current.cells.get(k):
                        first = table.numbers[current.start]
                        table.error(
                            i, k, f"与本基准第{first}行填写的不一致；基准的内容只在第一行填写"
                        )
            if any(v is not None for v in tier.values()):
                current.rows.append(i)
            elif not starts:
                table.error(i, "label", "请填写裁量阶次")
        return out

    # -- the plan -------------------------------------------------------------------------

    def prepare(self, table: Table, ctx: Context) -> BenchmarkPlan:
        plan = BenchmarkPlan(benchmarks=self._group(table))
        parser = factors_parser()
        factors = parser.factors
        powers = PowerItems(importing_department(ctx))
        dates = table.col("valid_from") if table.has("valid_from") else None
        reasons = table.col("reason") if table.has("reason") else None
        names: dict[str, int] = {}
        for b in plan.benchmarks:
            i = b.start
            b.valid_from = (dates[i] if dates else None) or ctx.valid_from
            b.reason = (reasons[i] if reasons else None) or ctx.reason or DEFAULT_REASON
            self._item_cells(table, b, i, powers, names)
            if not b.rows:
                table.error(i, "label", "该裁量基准没有裁量阶次")
            for order, r in enumerate(b.rows, 1):
                b.tiers.append(self._tier(table, b, r, order, parser, factors))
            self._check_ladder(table, b)
        self._match(table, plan, ctx)
        self._whole_or_nothing(table, plan, ctx)
        return plan

    def _item_cells(
        self, table: Table, b: Benchmark, i: int, powers: PowerItems, names: dict[str, int]
    ) -> None:
        for key, what in (
            ("violation", "违法行为"),
            ("power_item", "处罚事项"),
            ("penalty_basis", "处罚依据"),
        ):
            if b.cells.get(key) is None:
                table.error(i, key, f"裁量基准的第一行须填写{what}")
        if b.cells.get("name") is None and b.cells.get("violation"):
            b.cells["name"] = f"{b.cells['violation']}裁量基准"[:300]
        name = b.cells.get("name")
        if name:
            seen = names.setdefault(name, i)
            if seen != i:
                table.error(i, "name", f"与第{table.numbers[seen]}行的裁量基准同名")
        if b.cells.get("power_item") and b.valid_from:
            b.power_item, reason = powers.find(b.cells["power_item"], b.valid_from)
            if reason:
                table.error(i, "power_item", reason)

    def _tier(
        self,
        table: Table,
        b: Benchmark,
        r: int,
        order: int,
        parser: ConditionText,
        factors: Any,
    ) -> dict[str, Any]:
        cell = lambda k: self._cell(table, k, r)  # noqa: E731
        label = cell("label")
        if not label:
            table.error(r, "label", "请填写裁量阶次")
        conditions, errors = parser.parse(cell("conditions") or "")
        for reason in errors:
            table.error(r, "conditions", reason)
        if not errors:
            for reason in validate_conditions(conditions, factors):
                table.error(r, "conditions", reason)
        low, high = cell("fine_min"), cell("fine_max")
        for key, value in (("fine_min", low), ("fine_max", high)):
            if value is not None and value < 0:
                table.error(r, key, "罚款金额不能为负数")
        if low is not None and high is not None and low > high:
            table.error(r, "fine_max", f"罚款上限 {high} 小于下限 {low}")
        article = cell("article") or b.cells.get("penalty_basis") or ""
        if len(article) > 200:
            table.error(r, "article", "处罚依据超过200字，请在“适用条款”列填写本阶次适用的条款")
        for n, earlier in enumerate(b.tiers):
            row = table.numbers[b.rows[n]]
            if label and earlier["label"] == label:
                table.error(r, "label", f"与第{row}行的裁量阶次“{label}”重复")
            elif not earlier["conditions"]:
                table.error(
                    r,
                    "conditions",
                    f"第{row}行的阶次“{earlier['label']}”没有适用情形，总是适用，本阶次不会被适用；"
                    "没有情形的阶次应放在最后",
                )
            elif earlier["conditions"] == conditions:
                table.error(
                    r,
                    "conditions",
                    f"与第{row}行的阶次“{earlier['label']}”适用情形相同，本阶次不会被适用",
                )
        return {
            "order": order,
            "label": label or "",
            "conditions": conditions,
            "fine_min": low,
            "fine_max": high,
            "measures": cell("measures") or "",
            "article": article[:200],
        }

    def _check_ladder(self, table: Table, b: Benchmark) -> None:
        """Tiers named on the ladder (轻微、一般、较重、严重) go from lighter to heavier, and a
        heavier tier's fines do not reach below a lighter one's upper limit."""
        previous: tuple[int, dict[str, Any]] | None = None
        for r, tier in zip(b.rows, b.tiers, strict=True):
            rank = LADDER.get(tier["label"])
            if rank is None:
                continue
            if previous is not None:
                p, before = previous
                if rank < LADDER[before["label"]]:
                    table.error(
                        r,
                        "label",
                        f"阶次“{tier['label']}”排在第{table.numbers[p]}行的“{before['label']}”"
                        "之后；阶次应由轻到重排列",
                    )
                elif (
                    rank > LADDER[before["label"]]
                    and tier["fine_min"] is not None
                    and before["fine_max"] is not None
                    and tier["fine_min"] < before["fine_max"]
                ):
                    table.error(
                        r,
                        "fine_min",
                        f"罚款下限 {tier['fine_min']} 低于第{table.numbers[p]}行较轻阶次"
                        f"“{before['label']}”的上限 {before['fine_max']}，幅度重叠",
                    )
            previous = (r, tier)

    def _match(self, table: Table, plan: BenchmarkPlan, ctx: Context) -> None:
        dept = importing_department(ctx)
        existing = DiscretionBenchmark.objects.filter(department_id=dept)
        by_code = {o.code: o for o in existing}
        by_name: dict[str, list[DiscretionBenchmark]] = {}
        for o in existing:
            by_name.setdefault(o.name, []).append(o)
        for b in plan.benchmarks:
            i = b.start
            if b.cells.get("code"):
                b.item = by_code.get(b.cells["code"])
                if b.item is None:
                    table.error(i, "code", f"本部门没有编码为“{b.cells['code']}”的裁量基准")
            elif b.cells.get("name"):
                found = by_name.get(b.cells["name"], [])
                if len(found) > 1:
                    table.error(i, "name", "本部门有多个同名的裁量基准，请填写编码")
                b.item = found[0] if len(found) == 1 else None
            if b.item is None:
                if not any(r in table.bad for r in (b.start, *b.rows)):
                    plan.creates.append(b)
                continue
            self._compare(table, plan, b)

    def _compare(self, table: Table, plan: BenchmarkPlan, b: Benchmark) -> None:
        assert b.item is not None
        version = b.item.current_version()
        i = b.start
        if not isinstance(version, DiscretionBenchmarkVersion):
            table.error(i, "", f"裁量基准“{b.item.code}”没有现行版本，不能通过导入修改")
            return
        # A column the file leaves out (名称, 法律依据) leaves the stored value as it is.
        fields = {
            k: v for k, v in b.fields.items() if k not in ("name", "legal_basis") or table.has(k)
        }
        changes = {name: v for name, v in fields.items() if getattr(version, name) != v}
        keys = ("order", *TIER_KEYS)
        have = [{k: getattr(t, k) for k in keys} for t in version.tiers.order_by("order")]
        b.tiers_changed = have != b.tiers
        if not changes and not b.tiers_changed:
            plan.unchanged += 1
            return
        if version.state == ListState.CANCELLED:
            table.error(i, "", f"裁量基准“{b.item.code}”已取消，不能再修改")
            return
        assert b.valid_from is not None
        if b.valid_from < version.valid_from:
            table.error(
                i,
                "valid_from",
                f"生效日期 {b.valid_from} 早于现行版本的生效日期 {version.valid_from}",
            )
            return
        b.changes = {k.removesuffix("_id"): v for k, v in changes.items()}
        if "power_item" in b.changes:
            b.changes["power_item"] = PowerItem.objects.get(pk=b.changes["power_item"])
        plan.updates.append(b)

    def _whole_or_nothing(self, table: Table, plan: BenchmarkPlan, ctx: Context) -> None:
        """A benchmark with a bad row is not written at all: its other rows say so (when the
        job writes the good rows; an all-or-nothing job writes nothing anyway)."""
        if getattr(ctx.job, "mode", ImportMode.ALL_OR_NOTHING) == ImportMode.ALL_OR_NOTHING:
            return
        for b in plan.benchmarks:
            rows = (b.start, *b.rows)
            bad = [r for r in rows if r in table.bad]
            if bad:
                for r in rows:
                    if r not in table.bad:
                        first = table.numbers[bad[0]]
                        table.error(r, "", f"同一裁量基准的第{first}行有错误，未导入")

    # -- writing ----------------------------------------------------------------------------

    def _write_tiers(self, version: Any, b: Benchmark) -> None:
        DiscretionTier.objects.bulk_create([DiscretionTier(version=version, **t) for t in b.tiers])

    def write(self, plan: BenchmarkPlan, table: Table, ctx: Context) -> Outcome:
        def ok(b: Benchmark) -> bool:
            return not any(r in table.bad for r in (b.start, *b.rows))

        creates = [b for b in plan.creates if ok(b)]
        done = 0
        for b in creates:
            assert b.valid_from is not None
            item = services.create_item(
                DiscretionBenchmark,
                department=ctx.department,
                valid_from=b.valid_from,
                reason=b.reason,
                actor=ctx.actor,
                fields=b.fields,
            )
            self._write_tiers(item.current_version(), b)
            done += 1
            ctx.progress(done)
        updates = [b for b in plan.updates if ok(b)]
        for b in updates:
            assert b.item is not None and b.valid_from is not None
            version = services.record(
                b.item,
                ListAction.AMEND,
                valid_from=b.valid_from,
                reason=b.reason,
                actor=ctx.actor,
                changes=b.changes,
            )
            if b.tiers_changed:
                # ``record`` carried the old tiers over; the file's replace them.
                DiscretionTier.objects.filter(version_id=version.pk).delete()
                self._write_tiers(version, b)
            done += 1
            ctx.progress(done)
        return Outcome(
            created=len(creates),
            updated=len(updates),
            unchanged=plan.unchanged,
            updated_keys=[b.item.code for b in updates if b.item is not None],
        )


register(DiscretionBenchmarkImport())
