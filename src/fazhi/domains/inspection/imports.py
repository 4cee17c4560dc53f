"""Excel imports of the inspection domain, through the intake import specs:

- ``inspection-qualifications``: a department's code list of inspector qualifications;
- ``inspection-officer-qualifications``: which officers (by 执法证号) hold which codes;
- ``check-items``: the 随机抽查事项清单, versioned through the list mechanism (exportable: an
  export is a ready import file).

Errors are per row and in Chinese; a file with any error writes nothing (intake's rule).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import models

from fazhi.core.intake.excel import Column, Table
from fazhi.core.intake.specs import Context, ImportSpec, Outcome, register
from fazhi.core.org.choices import EntityKind, Industry
from fazhi.core.org.models import Officer
from fazhi.domains.lists import services
from fazhi.domains.lists.choices import ListAction, ListState, PowerKind
from fazhi.domains.lists.models import PowerItem

from .campaign_choices import CheckMethod
from .models import CheckItem, CheckItemVersion, OfficerQualification, Qualification

DEFAULT_REASON = "Excel 批量导入"
SEPARATORS = ("、", "，", ",", ";", "；", " ")


def split_list(text: str | None) -> list[str]:
    value = text or ""
    for sep in SEPARATORS[1:]:
        value = value.replace(sep, SEPARATORS[0])
    return [part.strip() for part in value.split(SEPARATORS[0]) if part.strip()]


# -- qualification codes --------------------------------------------------------------------


class QualificationImport(ImportSpec):
    slug = "inspection-qualifications"
    label = "检查人员资格代码"
    model = Qualification
    needed = ("code", "name")
    exportable = True
    columns = (
        Column("code", "资格代码", "code", required=True, max_length=40, example="SCJG-SP"),
        Column("name", "资格名称", "text", required=True, max_length=100, example="食品安全检查"),
        Column("basis", "依据", "text", max_length=300),
        Column("active", "有效", "bool", help="是/否，默认是"),
    )
    notes = ("每行一个资格代码；已有代码按“资格代码”匹配并更新名称、依据和是否有效。",)

    def prepare(self, table: Table, ctx: Context) -> dict[str, Any]:
        existing = {q.code: q for q in Qualification.objects.filter(department=ctx.department)}
        seen: dict[str, int] = {}
        rows: dict[int, dict[str, Any]] = {}
        for i in range(len(table)):
            code = table.col("code")[i]
            first = seen.setdefault(code, i)
            if first != i:
                table.error(i, "code", f"与第{table.numbers[first]}行的资格代码重复")
            active = table.col("active")[i] if table.has("active") else None
            rows[i] = {
                "name": table.col("name")[i],
                "basis": (table.col("basis")[i] if table.has("basis") else None) or "",
                "active": True if active is None else bool(active),
            }
        return {"rows": rows, "existing": existing, "codes": table.col("code")}

    def write(self, plan: dict[str, Any], table: Table, ctx: Context) -> Outcome:
        out = Outcome()
        for i, fields in plan["rows"].items():
            if i in table.bad:
                continue
            code = plan["codes"][i]
            q = plan["existing"].get(code)
            if q is None:
                Qualification.objects.create(department=ctx.department, code=code, **fields)
                out.created += 1
            elif any(getattr(q, k) != v for k, v in fields.items()):
                for k, v in fields.items():
                    setattr(q, k, v)
                q.save()
                out.updated += 1
                out.updated_keys.append(code)
            else:
                out.unchanged += 1
        return out

    def export(self, qs: models.QuerySet) -> tuple[list[str], Iterable[list[Any]]]:
        header = [c.header for c in self.columns]
        return header, ([q.code, q.name, q.basis, "是" if q.active else "否"] for q in qs)


# -- who holds which -------------------------------------------------------------------------


class OfficerQualificationImport(ImportSpec):
    slug = "inspection-officer-qualifications"
    label = "执法人员检查资格"
    model = OfficerQualification
    needed = ("credential_no", "codes")
    columns = (
        Column("credential_no", "执法证号", "code", required=True, max_length=30),
        Column("name", "姓名", "ignored"),
        Column(
            "codes",
            "资格代码",
            "text",
            required=True,
            max_length=400,
            help="本部门资格代码，多个用“、”分隔",
            example="SCJG-SP、SCJG-TZ",
        ),
        Column("valid_from", "取得日期", "date", help="默认取导入时填写的生效日期"),
    )
    notes = (
        "每行一名本部门执法人员（按执法证号匹配）及其持有的资格代码；已持有的不重复登记。",
        "资格代码必须是本部门资格代码清单中有效的代码（先导入“检查人员资格代码”）。",
    )

    def prepare(self, table: Table, ctx: Context) -> dict[str, Any]:
        officers = dict(
            Officer.objects.filter(department=ctx.department).values_list("credential_no", "id")
        )
        codes = dict(
            Qualification.objects.filter(department=ctx.department, active=True).values_list(
                "code", "id"
            )
        )
        held = set(
            OfficerQualification.objects.filter(officer__department=ctx.department).values_list(
                "officer_id", "qualification_id"
            )
        )
        grants: list[tuple[int, int, int, date]] = []
        dates = table.col("valid_from") if table.has("valid_from") else [None] * len(table)
        for i in range(len(table)):
            officer = officers.get(table.col("credential_no")[i])
            if officer is None:
                table.error(i, "credential_no", "本部门没有持此执法证号的执法人员")
                continue
            wanted = [c.upper() for c in split_list(table.col("codes")[i])]
            if not wanted:
                table.error(i, "codes", "请填写资格代码")
            for code in wanted:
                if code not in codes:
                    table.error(i, "codes", f"本部门没有有效的资格代码“{code}”")
                elif (officer, codes[code]) not in held:
                    grants.append((i, officer, codes[code], dates[i] or ctx.valid_from))
                    held.add((officer, codes[code]))
        return {"grants": grants, "rows": len(table)}

    def write(self, plan: dict[str, Any], table: Table, ctx: Context) -> Outcome:
        rows = [
            OfficerQualification(
                officer_id=o, qualification_id=q, valid_from=on, source=f"导入：{ctx.job}"[:100]
            )
            for i, o, q, on in plan["grants"]
            if i not in table.bad
        ]
        OfficerQualification.objects.bulk_create(rows)
        return Outcome(
            created=len(rows), unchanged=plan["rows"] - len({g[0] for g in plan["grants"]})
        )


# -- the check-item list ---------------------------------------------------------------------

INDUSTRY_LETTERS = {c.value for c in Industry}
KIND_BY_LABEL = {str(k.label): k.value for k in EntityKind} | {k.value: k.value for k in EntityKind}
KEY_LABELS = (("key", "重点"), ("general", "一般"))


@dataclass
class CheckItemPlan:
    rows: dict[int, dict[str, Any]] = field(default_factory=dict)
    creates: list[int] = field(default_factory=list)
    updates: list[tuple[int, CheckItem, dict[str, Any]]] = field(default_factory=list)
    unchanged: int = 0


class CheckItemImport(ImportSpec):
    slug = "check-items"
    label = "随机抽查事项清单"
    model = CheckItem
    versioned = True
    exportable = True
    needed = ("name",)
    columns = (
        Column("code", "编码", "code", max_length=40, help="修改已有事项时填写；新增留空"),
        Column("name", "抽查事项", "text", required=True, max_length=300),
        Column(
            "power_item",
            "对应权力事项",
            "text",
            max_length=300,
            help="本部门的行政检查事项：编码、事项编码（省库）或名称",
        ),
        Column("content", "抽查内容", "text", max_length=4000),
        Column("industries", "行业门类", "text", max_length=60, help="门类字母，如 F、H；空为全部"),
        Column(
            "entity_kinds", "主体类型", "text", max_length=60, help="企业、个体工商户…；空为全部"
        ),
        Column("places", "地域范围", "text", max_length=300, help="区划代码；空为本部门辖区"),
        Column("key_item", "事项类别", "choice", choices=KEY_LABELS, help="重点或一般"),
        Column("method", "检查方式", "choice", choices=tuple(CheckMethod.choices)),
        Column("qualification", "资格代码", "code", max_length=40, help="本部门资格代码"),
        Column("legal_basis", "抽查依据", "text", max_length=2000),
        Column("valid_from", "生效日期", "date", help="默认取导入时填写的生效日期"),
        Column("reason", "理由", "text", max_length=300, help="默认取导入时填写的理由"),
    )
    notes = (
        "每行一个抽查事项；对应权力事项须为本部门在生效日期有效的行政检查事项。",
        "已有事项按“编码”匹配，没有编码的按本部门同名事项匹配；内容有变化的记录一个“修改”版本。",
    )

    def _col(self, table: Table, key: str) -> list[Any]:
        return table.col(key) if table.has(key) else [None] * len(table)

    def prepare(self, table: Table, ctx: Context) -> CheckItemPlan:
        plan = CheckItemPlan()
        dept = ctx.department
        quals = dict(Qualification.objects.filter(department=dept).values_list("code", "id"))
        existing = list(CheckItem.objects.filter(department=dept))
        by_code = {o.code: o for o in existing}
        by_name = {o.name: o for o in existing}
        powers: dict[date, dict[str, tuple[int, str]]] = {}
        col = lambda k: self._col(table, k)  # noqa: E731
        for i in range(len(table)):
            on = col("valid_from")[i] or ctx.valid_from
            fields: dict[str, Any] = {
                "name": table.col("name")[i],
                "content": col("content")[i] or "",
                "legal_basis": col("legal_basis")[i] or "",
                "key_item": col("key_item")[i] == "key",
                "method": col("method")[i] or CheckMethod.ON_SITE,
                "power_item_id": None,
                "qualification_id": None,
            }
            industries = [s.upper() for s in split_list(col("industries")[i])]
            bad = [s for s in industries if s not in INDUSTRY_LETTERS]
            if bad:
                table.error(i, "industries", f"不是国民经济行业门类字母：{'、'.join(bad)}")
            kinds = split_list(col("entity_kinds")[i])
            unknown = [k for k in kinds if k not in KIND_BY_LABEL]
            if unknown:
                table.error(i, "entity_kinds", f"未知的主体类型：{'、'.join(unknown)}")
            fields["industries"] = industries
            fields["entity_kinds"] = [KIND_BY_LABEL[k] for k in kinds if k in KIND_BY_LABEL]
            fields["places"] = split_list(col("places")[i])
            if col("qualification")[i]:
                q = quals.get(col("qualification")[i])
                if q is None:
                    table.error(i, "qualification", "本部门没有此资格代码（先导入资格代码清单）")
                fields["qualification_id"] = q
            if col("power_item")[i]:
                index = powers.get(on)
                if index is None:
                    index = {}
                    for v in (
                        services.as_of(PowerItem, on).filter(department=dept).select_related("item")
                    ):
                        for key in {v.item.code, v.item.catalog_code, v.name} - {""}:
                            index[key.upper()] = (v.item_id, v.kind)
                    powers[on] = index
                found = index.get(str(col("power_item")[i]).strip().upper())
                if found is None:
                    table.error(i, "power_item", f"找不到本部门在 {on} 有效的权力事项")
                elif found[1] != PowerKind.INSPECTION:
                    table.error(i, "power_item", "对应权力事项须为行政检查事项")
                else:
                    fields["power_item_id"] = found[0]
            plan.rows[i] = {
                "fields": fields,
                "valid_from": on,
                "reason": col("reason")[i] or ctx.reason or DEFAULT_REASON,
            }
            code = col("code")[i]
            item = by_code.get(code) if code else by_name.get(fields["name"])
            if code and item is None:
                table.error(i, "code", f"本部门没有编码为“{code}”的抽查事项")
            elif item is None:
                plan.creates.append(i)
            else:
                self._compare(table, plan, i, item, on)
        return plan

    def _compare(
        self, table: Table, plan: CheckItemPlan, i: int, item: CheckItem, on: date
    ) -> None:
        version = item.current_version()
        if version is None:
            table.error(i, "", f"抽查事项“{item.code}”没有现行版本")
            return
        changes = {k: v for k, v in plan.rows[i]["fields"].items() if getattr(version, k) != v}
        if not changes:
            plan.unchanged += 1
        elif version.state == ListState.CANCELLED:
            table.error(i, "", f"抽查事项“{item.code}”已取消，不能再修改")
        elif on < version.valid_from:
            table.error(i, "valid_from", f"生效日期早于现行版本的生效日期 {version.valid_from}")
        else:
            plan.updates.append((i, item, changes))

    def write(self, plan: CheckItemPlan, table: Table, ctx: Context) -> Outcome:
        out = Outcome()
        for i in plan.creates:
            if i in table.bad:
                continue
            row = plan.rows[i]
            services.create_item(
                CheckItem,
                department=ctx.department,
                valid_from=row["valid_from"],
                reason=row["reason"],
                actor=ctx.actor,
                fields=row["fields"],
            )
            out.created += 1
            ctx.progress(out.created)
        for i, item, changes in plan.updates:
            if i in table.bad:
                continue
            services.record(
                item,
                ListAction.AMEND,
                valid_from=plan.rows[i]["valid_from"],
                reason=plan.rows[i]["reason"],
                actor=ctx.actor,
                changes={k.removesuffix("_id"): _ref(k, v) for k, v in changes.items()},
            )
            out.updated += 1
            out.updated_keys.append(item.code)
        out.unchanged = plan.unchanged
        return out

    def export(self, qs: models.QuerySet) -> tuple[list[str], Iterable[list[Any]]]:
        header = [c.header for c in self.columns]

        def rows() -> Iterable[list[Any]]:
            for item in qs.order_by("code"):
                v = item.current_version()
                assert v is None or isinstance(v, CheckItemVersion)
                if v is None:
                    continue
                yield [
                    item.code,
                    v.name,
                    v.power_item.code if v.power_item else "",
                    v.content,
                    "、".join(v.industries),
                    "、".join(str(EntityKind(k).label) for k in v.entity_kinds),
                    "、".join(v.places),
                    "重点" if v.key_item else "一般",
                    v.get_method_display(),
                    v.qualification.code if v.qualification else "",
                    v.legal_basis,
                    v.valid_from,
                    v.reason,
                ]

        return header, rows()


def _ref(key: str, value: Any) -> Any:
    if value is None or not key.endswith("_id"):
        return value
    model = PowerItem if key == "power_item_id" else Qualification
    return model.objects.get(pk=value)


register(QualificationImport())
register(OfficerQualificationImport())
register(CheckItemImport())
