"""归集案件 from an Excel file: the sector system's export, one sheet, one record per row.

A case has parties, events and documents, so a row says which record it is (记录类型): the
案件 row carries the case's own fields, each 当事人, 办理过程 and 文书 row one party, event or
document of the case named by 来源系统 + 来源编号. The rows of one case need not be adjacent. A
file of new events only may leave out the 案件 row of a case already collected.

The columns are parsed by the engine (row and column errors in Chinese, the error workbook);
what needs the database is checked by ``casework.collection.plan``, shared with the push API,
and written by ``casework.collection.write`` in the engine's transaction with its one audit
event.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError

from fazhi.core.casework.choices import PartyRole
from fazhi.core.casework.collection import (
    COLLECTED_KIND,
    CaseFields,
    CaseIn,
    CollectedState,
    Detail,
    DocumentIn,
    EventIn,
    PartyIn,
    Plan,
    detail_for,
    plan,
    write,
)
from fazhi.core.casework.models import Case
from fazhi.core.org.choices import IdType
from fazhi.core.org.validators import is_valid_uscc, validate_uscc

from .excel import Column, Table
from .specs import Context, ImportSpec, Outcome, field_column, register

RECORDS = (("case", "案件"), ("party", "当事人"), ("event", "办理过程"), ("document", "文书"))
PARTY_KINDS = (("entity", "单位"), ("person", "个人"))
# casework.collection's field names → this file's column keys.
COLUMN_OF = {"kind": "party_kind", "role": "party_role", "": "external_id"}
# The columns each record type needs.
REQUIRED = {
    "case": ("title", "opened_on"),
    "party": ("party_name",),
    "event": ("occurred_on", "event_kind"),
    "document": ("doc_title", "sha256", "size"),
}


def _not_negative(value: Decimal) -> bool:
    return value >= 0


def _refuse_negative(value: Decimal) -> None:
    if value < 0:
        raise ValidationError("应为不小于0的数字")


@dataclass
class _Group:
    """The rows of one case in the file."""

    case: CaseIn
    rows: list[int] = field(default_factory=list)
    case_row: int | None = None
    case_bad: bool = False
    # (part, index in the part) → row index
    part_rows: dict[tuple[str, int], int] = field(default_factory=dict)


@dataclass
class _Plans:
    plans: list[Plan]
    groups: dict[tuple[str, str], _Group]


@dataclass
class CollectedOutcome(Outcome):
    extra: dict[str, Any] = field(default_factory=dict)

    def audit(self) -> dict[str, Any]:
        return {**super().audit(), **self.extra}


class CollectedCaseSpec(ImportSpec):
    slug = "collected-cases"
    label = "归集案件"
    model = Case
    kind = COLLECTED_KIND
    needed = ("source_system", "external_id", "record")
    base_columns: tuple[Column, ...] = (
        Column(
            "source_system",
            "来源系统",
            required=True,
            max_length=60,
            help="办理该案件的业务系统名称，同一系统每次填写相同的名称",
            example="湖北省市场监管综合执法系统",
        ),
        Column(
            "external_id",
            "来源编号",
            required=True,
            max_length=100,
            help="案件在来源系统中的唯一编号，同一案件的各行相同",
            example="SCJG-2019-0001",
        ),
        Column("record", "记录类型", "choice", required=True, choices=RECORDS),
        Column("title", "案件名称", max_length=200, help="“案件”行必填"),
        Column("number", "案件编号", max_length=60, example="鄂州市监处字〔2019〕12号"),
        Column(
            "state",
            "案件状态",
            "choice",
            choices=tuple(CollectedState.choices),
            help="来源系统中的当前阶段，空白为“立案”",
        ),
        Column("opened_on", "立案日期", "date", help="“案件”行必填"),
        Column("closed_on", "结案日期", "date"),
        Column("party_kind", "当事人类型", "choice", choices=PARTY_KINDS),
        Column("party_role", "当事人身份", "choice", choices=tuple(PartyRole.choices)),
        Column("party_name", "当事人名称", max_length=200, help="“当事人”行必填"),
        Column(
            "uscc",
            "统一社会信用代码",
            "code",
            max_length=18,
            check=is_valid_uscc,
            validator=validate_uscc,
            help="单位当事人必填，须已在市场主体库中",
        ),
        Column("id_number", "证件号码", "code", max_length=20, help="个人当事人必填（居民身份证）"),
        Column(
            "event_id",
            "过程编号",
            max_length=70,
            help="来源系统中该条办理过程的编号；没有编号的按发生日期、事项和说明识别",
        ),
        Column("occurred_on", "发生日期", "date", help="“办理过程”行必填：该事项实际发生的日期"),
        Column("event_kind", "事项", max_length=60, help="“办理过程”行必填，如 立案、调查取证"),
        Column("note", "说明", max_length=5000),
        Column("actor_name", "经办人", max_length=50, help="来源系统中的办理人员姓名"),
        Column("doc_title", "文书标题", max_length=200, help="“文书”行必填"),
        Column("doc_number", "文号", max_length=80),
        Column("sha256", "SHA-256", "code", max_length=64, help="“文书”行必填：文件的SHA-256摘要"),
        Column("size", "文件大小", "int", min_value=0, help="“文书”行必填，单位：字节"),
        Column("issued_on", "成文日期", "date"),
    )

    @property
    def detail(self) -> Detail | None:
        return detail_for(self.kind)

    @property
    def columns(self) -> tuple[Column, ...]:  # type: ignore[override]  # the kind's detail registers after this module loads
        """The case's columns, then the fields of the kind's detail (filled on the 案件 row)."""
        detail = self.detail
        if detail is None:
            return self.base_columns
        extra = []
        for name in detail.fields:
            column = field_column(detail.model, name, required=False, help="“案件”行填写")
            if column.kind == "decimal":  # amounts: the push format refuses negatives too
                column = replace(column, check=_not_negative, validator=_refuse_negative)
            extra.append(column)
        return self.base_columns + tuple(extra)

    notes = (
        "每行是一条记录：“案件”行填写案件信息，“当事人”“办理过程”“文书”行各填写一名当事人、"
        "一条办理过程或一份文书，以“来源系统”和“来源编号”归属到案件。",
        "再次导入时按来源系统和来源编号更新案件信息（变更记入办理过程），只新增尚未归集的当事人、"
        "办理过程和文书，不删除任何记录。",
        "文书只登记摘要（SHA-256）和大小，文件本身保存在来源系统中。",
        "归集案件在本平台只读，只能由司法局监督人员提出监督意见。",
    )

    def prepare(self, table: Table, ctx: Context) -> _Plans:
        n = len(table)

        def col(key: str) -> list[Any]:
            return table.col(key) if table.has(key) else [None] * n

        systems, ids, records = col("source_system"), col("external_id"), col("record")
        groups: dict[tuple[str, str], _Group] = {}
        for i in range(n):
            if systems[i] is None or ids[i] is None or records[i] is None:
                continue
            key = (systems[i], ids[i])
            g = groups.get(key)
            if g is None:
                g = groups[key] = _Group(CaseIn(external_id=ids[i]))
            g.rows.append(i)
            if records[i] == "case" and i in table.bad:
                g.case_bad = True
        bad = table.bad
        for g in groups.values():
            for i in g.rows:
                if i not in bad:
                    self._row(table, col, records[i], i, g)
        for g in groups.values():
            if g.case_bad:
                for i in g.rows:
                    if i not in table.bad:
                        table.error(i, "external_id", "该案件的“案件”行有错误，本行未导入")
        plans = []
        by_system: dict[str, list[_Group]] = {}
        for (system, _), g in groups.items():
            if not g.case_bad:
                by_system.setdefault(system, []).append(g)
        for system, members in by_system.items():
            p = plan(
                [g.case for g in members],
                source_system=system,
                owner=ctx.department,
                kind=self.kind,
            )
            for problem in p.problems:
                g = members[problem.case]
                column = COLUMN_OF.get(problem.field, problem.field)
                if problem.part == "case":
                    where = g.case_row if g.case_row is not None else g.rows[0]
                    table.error(where, column, problem.message)
                    for i in g.rows:
                        if i != where and i not in table.bad:
                            table.error(i, "external_id", "该案件不能归集，本行未导入")
                else:
                    table.error(g.part_rows[(problem.part, problem.index)], column, problem.message)
            plans.append(p)
        return _Plans(plans, groups)

    def _row(self, table: Table, col: Any, record: str, i: int, g: _Group) -> None:
        missing = [k for k in REQUIRED[record] if col(k)[i] is None]
        for k in missing:
            table.error(i, k, f"“{dict(RECORDS)[record]}”行必填，不能为空")
        if record == "case":
            if g.case_row is not None:
                table.error(
                    i,
                    "record",
                    f"与第{table.numbers[g.case_row]}行重复：同一案件只能有一行“案件”记录",
                )
                g.case_bad = True
                return
            if missing:
                g.case_bad = True
                return
            g.case_row = i
            g.case.fields = CaseFields(
                title=col("title")[i],
                opened_on=col("opened_on")[i],
                state=col("state")[i] or CollectedState.FILED,
                number=col("number")[i] or "",
                closed_on=col("closed_on")[i],
            )
            detail = self.detail
            if detail is not None:
                g.case.detail = {
                    name: col(name)[i] if col(name)[i] is not None else detail.empty(name)
                    for name in detail.fields
                }
            return
        if missing:
            return
        if record == "party":
            uscc, id_number = col("uscc")[i], col("id_number")[i]
            kind = col("party_kind")[i] or ("person" if id_number and not uscc else "entity")
            g.part_rows[("parties", len(g.case.parties))] = i
            g.case.parties.append(
                PartyIn(
                    kind=kind,
                    name=col("party_name")[i],
                    uscc=uscc or "",
                    id_number=id_number or "",
                    id_type=IdType.RESIDENT_ID,
                    role=col("party_role")[i] or PartyRole.PARTY,
                )
            )
        elif record == "event":
            g.part_rows[("events", len(g.case.events))] = i
            g.case.events.append(
                EventIn(
                    occurred_on=col("occurred_on")[i],
                    kind=col("event_kind")[i],
                    note=col("note")[i] or "",
                    actor_name=col("actor_name")[i] or "",
                    source_id=col("event_id")[i] or "",
                )
            )
        else:
            g.part_rows[("documents", len(g.case.documents))] = i
            g.case.documents.append(
                DocumentIn(
                    title=col("doc_title")[i],
                    sha256=col("sha256")[i].lower(),
                    size=col("size")[i],
                    number=col("doc_number")[i] or "",
                    issued_on=col("issued_on")[i],
                )
            )

    def write(self, plans: _Plans, table: Table, ctx: Context) -> CollectedOutcome:
        out = CollectedOutcome()
        extra: dict[str, int] = {}
        done = 0
        for p in plans.plans:

            def progress(k: int, base: int = done) -> None:
                ctx.progress(base + k)

            result = write(p, actor=ctx.actor, progress=progress)
            done += result.created
            out.created += result.created
            out.updated += result.updated
            out.unchanged += result.unchanged
            out.updated_keys += result.updated_keys
            for key, value in result.audit().items():
                if isinstance(value, int) and key not in ("created", "updated", "unchanged"):
                    extra[key] = extra.get(key, 0) + value
        out.extra = {**extra, "source_systems": sorted(p.source_system for p in plans.plans)}
        return out


register(CollectedCaseSpec())
