"""``credit-risk-classes``: credit-risk classifications imported per scheme from their owners
(e.g. the market regulator's 企业信用风险分类 A–D, 国市监信发〔2022〕6号, STATUTES.md J4), so that a
campaign can use the scheme it names and the joint measures can read an entity's class.

One row per (entity, scheme, date): a class already recorded for that date is updated where it
differs; a classification of an earlier date stays (the history is kept). Exportable, so an
export is a ready import file.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import models

from fazhi.core.intake.excel import Column, Table
from fazhi.core.intake.specs import KEY_CHUNK, Context, ImportSpec, Outcome, chunks, register
from fazhi.core.org.models import Entity, RiskClassification
from fazhi.core.org.validators import is_valid_uscc, validate_uscc


class RiskClassImport(ImportSpec):
    slug = "credit-risk-classes"
    label = "信用风险分类（按分类体系）"
    model = RiskClassification
    needed = ("uscc", "scheme", "risk_class")
    exportable = True
    columns = (
        Column(
            "uscc",
            "统一社会信用代码",
            "code",
            required=True,
            max_length=18,
            check=is_valid_uscc,
            validator=validate_uscc,
            example="91420704MA4F000013",
        ),
        Column("name", "名称", "ignored"),
        Column("scheme", "分类体系", "text", required=True, max_length=40, example="市场监管"),
        Column("risk_class", "分类", "code", required=True, max_length=10, example="A"),
        Column("as_of", "分类日期", "date", help="默认取导入时填写的生效日期"),
        Column("source", "来源", "text", max_length=100, help="默认为导入部门"),
    )
    notes = (
        "每行一个市场主体在一个分类体系下的分类（如“市场监管”体系的 A、B、C、D 类）。",
        "同一市场主体、分类体系和分类日期已有分类的，按文件内容修改；较早日期的分类保留。",
    )

    def prepare(self, table: Table, ctx: Context) -> dict[str, Any]:
        codes = sorted({c for c in table.col("uscc") if c})
        entities: dict[str, int] = {}
        for part in chunks(codes, KEY_CHUNK):
            entities.update(Entity.objects.filter(uscc__in=part).values_list("uscc", "pk"))
        dates = table.col("as_of") if table.has("as_of") else [None] * len(table)
        sources = table.col("source") if table.has("source") else [None] * len(table)
        rows: dict[int, tuple[int, str, str, date, str]] = {}
        seen: dict[tuple[int, str, date], int] = {}
        for i in range(len(table)):
            if i in table.bad:  # a cell already refused (e.g. a code failing its check digit)
                continue
            entity = entities.get(table.col("uscc")[i])
            if entity is None:
                table.error(i, "uscc", "市场主体名录中没有这个统一社会信用代码")
                continue
            on = dates[i] or ctx.valid_from
            key = (entity, table.col("scheme")[i], on)
            first = seen.setdefault(key, i)
            if first != i:
                table.error(i, "uscc", f"与第{table.numbers[first]}行重复（同一体系、同一日期）")
                continue
            source = sources[i] or f"{ctx.department.name}导入"
            rows[i] = (entity, table.col("scheme")[i], table.col("risk_class")[i], on, source)
        existing: dict[tuple[int, str, date], RiskClassification] = {}
        for part in chunks(sorted({v[0] for v in rows.values()}), KEY_CHUNK):
            for r in RiskClassification.objects.filter(entity_id__in=part):
                existing[(r.entity_id, r.scheme, r.as_of)] = r
        return {"rows": rows, "existing": existing}

    def write(self, plan: dict[str, Any], table: Table, ctx: Context) -> Outcome:
        out = Outcome()
        new, changed = [], []
        for i, (entity, scheme, risk, on, source) in plan["rows"].items():
            if i in table.bad:
                continue
            row = plan["existing"].get((entity, scheme, on))
            if row is None:
                new.append(
                    RiskClassification(
                        entity_id=entity, scheme=scheme, risk_class=risk, as_of=on, source=source
                    )
                )
            elif row.risk_class != risk or row.source != source:
                row.risk_class, row.source = risk, source
                changed.append(row)
                out.updated_keys.append(f"{entity}:{scheme}:{on.isoformat()}")
            else:
                out.unchanged += 1
        RiskClassification.objects.bulk_create(new, batch_size=2000)
        RiskClassification.objects.bulk_update(changed, ["risk_class", "source"], batch_size=2000)
        out.created, out.updated = len(new), len(changed)
        return out

    def export(self, qs: models.QuerySet) -> tuple[list[str], Iterable[list[Any]]]:
        header = [c.header for c in self.columns]
        return header, (
            [r.entity.uscc, r.entity.name, r.scheme, r.risk_class, r.as_of, r.source]
            for r in qs.select_related("entity").order_by("scheme", "entity__uscc", "as_of")
        )


register(RiskClassImport())
