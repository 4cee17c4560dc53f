"""Excel import of 首次轻微违法免罚清单 / 不予处罚事项清单: one row per entry (处罚事项, 违法行为
（情形）, 免罚条件, 不予处罚 or 可以不予处罚 per 行政处罚法 第三十三条, 依据, 替代措施), written
through the list mechanism like the benchmarks (``discretion_imports``), whose helpers it shares.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from fazhi.core.intake.excel import Column, Table
from fazhi.core.intake.specs import Context, ImportSpec, Outcome, field_column, register

from . import services
from .choices import ListAction, ListState
from .discretion import validate_conditions
from .discretion_imports import (
    CODE,
    CONDITIONS_HELP,
    DEFAULT_REASON,
    POWER_ITEM,
    REASON,
    VALID_FROM,
    PowerItems,
    factors_parser,
    importing_department,
)
from .models import NoPenaltyItem, NoPenaltyItemVersion, PowerItem

_nv = NoPenaltyItemVersion

MANDATORY = (
    ("mandatory", "不予处罚"),
    ("discretionary", "可以不予处罚"),
    ("mandatory", "应当不予处罚"),
    ("mandatory", "不予行政处罚"),
    ("discretionary", "可以不予行政处罚"),
)


@dataclass
class NoPenaltyPlan:
    rows: dict[int, dict[str, Any]] = field(default_factory=dict)
    creates: list[int] = field(default_factory=list)
    updates: list[tuple[int, NoPenaltyItem, dict[str, Any]]] = field(default_factory=list)
    unchanged: int = 0


class NoPenaltyImport(ImportSpec):
    slug = "no-penalty-items"
    label = "免罚清单"
    model = NoPenaltyItem
    versioned = True
    needed = ("violation",)
    columns = (
        Column("seq", "序号", "ignored"),
        CODE,
        field_column(_nv, "name", aliases=("事项名称",), required=False),
        POWER_ITEM,
        field_column(_nv, "violation", aliases=("情形", "违法情形", "违法行为情形")),
        Column(
            "conditions",
            "免罚条件",
            "text",
            max_length=1000,
            required=True,
            aliases=("适用条件", "条件", "适用情形"),
            help=CONDITIONS_HELP,
        ),
        Column(
            "mandatory",
            "处理方式",
            "choice",
            required=True,
            choices=MANDATORY,
            aliases=("免罚类型", "不予处罚类型"),
            help="行政处罚法 第三十三条：“不予处罚”（应当）或“可以不予处罚”",
        ),
        field_column(_nv, "basis", aliases=("免罚依据",)),
        field_column(_nv, "measures", aliases=("处理措施",)),
        field_column(_nv, "legal_basis", aliases=("法律依据",)),
        VALID_FROM,
        REASON,
    )
    notes = (
        "每行一个免罚事项；处罚事项只能是本部门在生效日期有效的行政处罚事项。",
        "免罚条件只能使用已声明的裁量情节，如：初次违法；危害后果：轻微；及时改正。",
        "已有事项按“编码”匹配，没有编码的按本部门同名事项匹配；内容有变化的记录一个“修改”版本，"
        "相同的不重复记录。",
    )

    def prepare(self, table: Table, ctx: Context) -> NoPenaltyPlan:
        plan = NoPenaltyPlan()
        parser = factors_parser()
        powers = PowerItems(importing_department(ctx))
        col = lambda k: table.col(k) if table.has(k) else [None] * len(table)  # noqa: E731
        codes, names, dates, reasons = col("code"), col("name"), col("valid_from"), col("reason")
        existing = list(NoPenaltyItem.objects.filter(department_id=importing_department(ctx)))
        by_code = {o.code: o for o in existing}
        by_name: dict[str, list[NoPenaltyItem]] = {}
        for o in existing:
            by_name.setdefault(o.name, []).append(o)
        seen: dict[str, int] = {}
        for i in range(len(table)):
            violation = table.col("violation")[i]
            name = names[i] or (violation or "")[:300]
            if name:
                first = seen.setdefault(name, i)
                if first != i:
                    table.error(i, "name", f"与第{table.numbers[first]}行的免罚事项同名")
            on = dates[i] or ctx.valid_from
            power = None
            value = col("power_item")[i]
            if value is None:
                table.error(i, "power_item", "请填写处罚事项")
            else:
                power, reason = powers.find(value, on)
                if reason:
                    table.error(i, "power_item", reason)
            conditions, errors = parser.parse(col("conditions")[i] or "")
            for reason in errors or validate_conditions(conditions, parser.factors):
                table.error(i, "conditions", reason)
            fields = {
                "name": name,
                "power_item_id": power,
                "violation": violation,
                "conditions": conditions,
                "mandatory": col("mandatory")[i] == "mandatory",
                "legal_basis": col("legal_basis")[i] or "",
            }
            for key in ("basis", "measures"):
                if col(key)[i]:
                    fields[key] = col(key)[i]
            plan.rows[i] = {
                "fields": fields,
                "valid_from": on,
                "reason": reasons[i] or ctx.reason or DEFAULT_REASON,
            }
            item = by_code.get(codes[i]) if codes[i] else None
            if codes[i] and item is None:
                table.error(i, "code", f"本部门没有编码为“{codes[i]}”的免罚事项")
                continue
            if item is None:
                found = by_name.get(name, [])
                if len(found) > 1:
                    table.error(i, "name", "本部门有多个同名的免罚事项，请填写编码")
                    continue
                item = found[0] if found else None
            if item is None:
                plan.creates.append(i)
                continue
            self._compare(table, plan, i, item, on)
        return plan

    def _compare(self, table: Table, plan: NoPenaltyPlan, i: int, item: Any, on: date) -> None:
        version = item.current_version()
        if version is None:
            table.error(i, "", f"免罚事项“{item.code}”没有现行版本，不能通过导入修改")
            return
        fields = plan.rows[i]["fields"]
        # A column the file leaves out (名称, 法律依据) leaves the stored value as it is.
        changes = {
            k: v
            for k, v in fields.items()
            if getattr(version, k) != v and (k not in ("name", "legal_basis") or table.has(k))
        }
        if not changes:
            plan.unchanged += 1
            return
        if version.state == ListState.CANCELLED:
            table.error(i, "", f"免罚事项“{item.code}”已取消，不能再修改")
        elif on < version.valid_from:
            table.error(
                i, "valid_from", f"生效日期 {on} 早于现行版本的生效日期 {version.valid_from}"
            )
        else:
            plan.updates.append((i, item, {k.removesuffix("_id"): v for k, v in changes.items()}))

    def write(self, plan: NoPenaltyPlan, table: Table, ctx: Context) -> Outcome:
        creates = [i for i in plan.creates if i not in table.bad]
        done = 0
        for i in creates:
            row = plan.rows[i]
            services.create_item(
                NoPenaltyItem,
                department=ctx.department,
                valid_from=row["valid_from"],
                reason=row["reason"],
                actor=ctx.actor,
                fields=row["fields"],
            )
            done += 1
            ctx.progress(done)
        updates = [u for u in plan.updates if u[0] not in table.bad]
        for i, item, changes in updates:
            if "power_item" in changes:
                changes["power_item"] = PowerItem.objects.get(pk=changes["power_item"])
            services.record(
                item,
                ListAction.AMEND,
                valid_from=plan.rows[i]["valid_from"],
                reason=plan.rows[i]["reason"],
                actor=ctx.actor,
                changes=changes,
            )
            done += 1
            ctx.progress(done)
        return Outcome(
            created=len(creates),
            updated=len(updates),
            unchanged=plan.unchanged,
            updated_keys=[item.code for _, item, _ in updates],
        )


register(NoPenaltyImport())
