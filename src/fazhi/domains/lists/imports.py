"""Excel imports of the lists (清单), declared on the intake engine (``fazhi.core.intake``).

Every list imports the same way. A row finds its item by 编码 (the code Fazhi gave it), else
by 事项编码（省库） within its department, else by its name within its department; a row that
finds none is a new item. New items are created in bulk (``create_items``: codes reserved with
one ``next_number`` call per department and kind, items and first versions bulk-inserted). An
existing item whose fields differ gets an 修改 (amend) version through ``services.record``; an
unchanged row is counted, never re-versioned. A row never moves an item to another department
(that is a 划转, done on the item) and never cancels one. A column naming another list's entry
(涉及事项, 对应负面清单事项) links, as the editing form does, only an entry in force that the
importer may see — a power item only of the importer's own departments — or the one the entry
already links.

The province catalog (湖北政务服务网 事项库) has its own declaration, ``power-catalog``: rows are
keyed by 事项编码 only, changed rows become amend versions with the reason “省事项库同步”, and the
department's catalog items the file no longer lists are reported — never deleted, because a
missing row in one export is not a legal act of cancellation.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, ClassVar

from django.db import models

from fazhi.core.casework.numbering import next_number
from fazhi.core.intake.excel import Column, Table
from fazhi.core.intake.specs import (
    BATCH,
    KEY_CHUNK,
    Context,
    ImportSpec,
    Outcome,
    UnitResolver,
    chunks,
    field_column,
    register,
)
from fazhi.core.org.choices import UnitKind
from fazhi.core.org.display import field_value, model_field
from fazhi.core.org.models import OrgUnit
from fazhi.core.org.scoping import visible_unit_ids

from . import services
from .choices import ListAction, ListState
from .models import CatalogItem, FeeItem, NegativeListItem, PowerItem, ProofRequirement

CATALOG_SYNC_REASON = "省事项库同步"

# --------------------------------------------------------------------------------------------
# Creating many items at once
# --------------------------------------------------------------------------------------------


@dataclass
class NewItem:
    department_id: int
    fields: Mapping[str, Any]  # version fields by name (foreign keys by their id: "x_id")
    valid_from: date
    reason: str = ""
    catalog_code: str = ""


def create_items(
    model: type[CatalogItem],
    entries: Sequence[NewItem],
    *,
    actor: Any = None,
    draft: bool = False,
    progress: Any = None,
) -> list[CatalogItem]:
    """``services.create_item`` for many rows: the same codes, items and first versions, in
    a handful of queries. Callers validate the fields first (the import engine does, by column);
    this function does not run ``full_clean`` per row. Call it inside a transaction."""
    if not entries:
        return []
    dept_codes = dict(
        OrgUnit.objects.filter(pk__in={e.department_id for e in entries}).values_list("pk", "code")
    )
    state = ListState.DRAFT if draft else ListState.IN_FORCE
    items: list[CatalogItem] = []
    versions: list[Any] = []
    groups: dict[tuple[int, str], list[int]] = {}
    for n, e in enumerate(entries):
        item = model(department_id=e.department_id, catalog_code=e.catalog_code)
        for name in ("kind", "status", "enterprise_related"):
            if name in e.fields and hasattr(item, name):
                setattr(item, name, e.fields[name])
        version = model.version_model(
            action=ListAction.ADD,
            reason=e.reason,
            valid_from=e.valid_from,
            recorded_by=actor,
            state=state,
            department_id=e.department_id,
            **e.fields,
        )
        services.sync_item(item, version)
        items.append(item)
        versions.append(version)
        groups.setdefault((e.department_id, item.letters()), []).append(n)
    # One reservation per (department, kind): numbers in row order, as create_item gives them.
    for (dept, letters), rows in groups.items():
        first = next_number(f"list:{dept_codes[dept]}:{letters}", reserve=len(rows))
        for offset, n in enumerate(rows):
            items[n].code = f"{dept_codes[dept]}-{letters}-{first + offset:04d}"
    done = 0
    for part in chunks(range(len(items)), BATCH):
        batch = [items[n] for n in part]
        model.objects.bulk_create(batch)
        if any(item.pk is None for item in batch):  # a backend that returns no ids
            ids = dict(
                model.objects.filter(code__in=[i.code for i in batch]).values_list("code", "pk")
            )
            for item in batch:
                item.pk = ids[item.code]
        for n in part:
            versions[n].item_id = items[n].pk
        model.version_model.objects.bulk_create([versions[n] for n in part])
        done += len(batch)
        if progress is not None:
            progress(done)
    return items


# --------------------------------------------------------------------------------------------
# The declaration shared by every list
# --------------------------------------------------------------------------------------------

CODE = Column(
    "code",
    "编码",
    "code",
    max_length=40,
    help="Fazhi 给事项的编码。修改已有事项时保留；新增事项留空，由系统编码",
    example="420700-SCJG-XK-0001",
)
CATALOG_CODE = Column(
    "catalog_code",
    "事项编码（省库）",
    "code",
    max_length=60,
    aliases=("事项编码",),
    help="湖北政务服务网事项库的事项编码，有则填写",
)
DEPARTMENT = Column(
    "department",
    "实施部门",
    "ref",
    help="默认为导入部门；只能填写导入部门（机构代码或全称）",
)
REASON = Column(
    "reason", "理由", "text", max_length=300, aliases=("变更理由",), help="默认取导入时填写的理由"
)
VALID_FROM = Column(
    "valid_from", "生效日期", "date", help="默认取导入时填写的生效日期", example="2019-09-20"
)
SYSTEM_COLUMNS = (
    Column("state", "状态", "ignored"),
    Column("created_at", "创建时间", "ignored"),
    Column("recorded_at", "登记时间", "ignored"),
    Column("action", "动作", "ignored"),
)


@dataclass
class ListPlan:
    departments: list[int | None] = field(default_factory=list)
    refs: dict[str, list[Any]] = field(default_factory=dict)
    creates: list[int] = field(default_factory=list)
    # (row, item, changed fields by name, effective date, reason)
    updates: list[tuple[int, CatalogItem, dict[str, Any], date, str]] = field(default_factory=list)
    unchanged: int = 0
    missing: list[dict[str, str]] = field(default_factory=list)


class ListSpec(ImportSpec):
    """An import of one list (a ``CatalogItem`` model and its versions)."""

    model: ClassVar[type[CatalogItem]]
    # Content columns, in the template's order (the version model's fields).
    content: ClassVar[tuple[Column, ...]]
    default_reason: ClassVar[str] = "Excel 批量导入"
    versioned = True
    exportable = True
    catalog_sync: ClassVar[bool] = False

    def __init__(self) -> None:
        vm = self.model.version_model
        key_columns = (
            (Column("code", "编码", "ignored"), replace(CATALOG_CODE, required=True))
            if self.catalog_sync
            else (CODE, CATALOG_CODE)
        )
        self.columns = (
            *key_columns,
            field_column(vm, "name", required=True, example="食品经营许可"),
            *self.content,
            DEPARTMENT,
            field_column(vm, "legal_basis"),
            field_column(vm, "basis_url"),
            VALID_FROM,
            REASON,
            *SYSTEM_COLUMNS,
        )
        self.needed = ("catalog_code", "name") if self.catalog_sync else ("name",)
        self.fields = [c.key for c in self.columns if c.key in services.version_fields(self.model)]

    @property
    def notes(self) -> tuple[str, ...]:  # type: ignore[override]
        if self.catalog_sync:
            return (
                "按“事项编码（省库）”匹配本部门已有事项：内容有变化的记录一个“修改”版本"
                f"（理由“{CATALOG_SYNC_REASON}”），相同的不重复记录，新的事项新增。",
                "本部门已有、但文件中没有的省库事项只在结果中列出，不会删除或取消。",
            )
        return (
            "已有事项按“编码”匹配；没有编码的按“事项编码（省库）”匹配；都没有的按本部门同名事项"
            "匹配；都找不到的新增。",
            "内容有变化的事项记录一个“修改”版本，相同的不重复记录。划转、取消请在清单中办理。",
            "引用其他清单的事项（如“涉及事项”）只能填写已发布、有效的事项编码；"
            "引用权力事项的，只能是本部门的权力事项。",
        )

    # -- references ---------------------------------------------------------------------

    def _resolve_departments(self, table: Table, ctx: Context) -> list[int | None]:
        default = ctx.department.pk if ctx.department.kind == UnitKind.DEPARTMENT else None
        if not table.has("department"):
            column = [default] * len(table)
        else:
            column = UnitResolver(UnitKind.DEPARTMENT).resolve(
                table,
                "department",
                ctx.allowed,
                lambda unit: (
                    f"只能导入本部门（{ctx.department.name}）的事项，不能导入“{unit.name}”的"
                ),
                default=default,
            )
        for i, dept in enumerate(column):
            if dept is None and i not in table.bad:
                table.error(i, "department", "请填写实施部门")
        return column

    def _resolve_refs(
        self, table: Table, ctx: Context
    ) -> tuple[dict[str, list[Any]], dict[str, dict[int, tuple[int | None, str]]]]:
        """Content columns naming another list's item, by its code (or “code name”).

        As in the editing form, a row may link an entry in force that the importer may see
        and, for a power item, one of the importer's own departments. Returns the ids by
        column, and the refused rows by column — (the id found, if any; the reason) — which
        ``_refuse_refs`` turns into errors unless the entry already links that id.
        """
        out: dict[str, list[Any]] = {}
        refused: dict[str, dict[int, tuple[int | None, str]]] = {}
        vm = self.model.version_model
        # None for a system import: any department's power item in force may be linked.
        own = set(visible_unit_ids(ctx.actor, "change")) if ctx.actor is not None else None
        for col in self.content:
            if col.kind != "ref" or not table.has(col.key):
                continue
            target: Any = model_field(vm, col.key).related_model
            label = target._meta.verbose_name
            codes = {v.split()[0].upper() for v in table.col(col.key) if v}
            found: dict[str, tuple[int, str, int]] = {}
            visible: set[int] = set()
            for part in chunks(sorted(codes), KEY_CHUNK):
                rows = target.objects.filter(code__in=part).values_list(
                    "code", "pk", "state", "department_id"
                )
                found.update((code, (pk, state, dept)) for code, pk, state, dept in rows)
                visible.update(
                    target.objects.restrict(ctx.actor, "view")
                    .filter(code__in=part)
                    .values_list("pk", flat=True)
                )
            answers: dict[str, tuple[int | None, str]] = {}
            for code in codes:
                pk, state, department = found.get(code, (None, "", None))
                if pk is None or pk not in visible:
                    # An entry the importer may not see is reported as not found.
                    answers[code] = (pk, f"找不到编码为“{code}”的{label}")
                elif state == ListState.DRAFT:
                    answers[code] = (pk, f"{label}“{code}”尚未发布，不能引用")
                elif state != ListState.IN_FORCE:
                    answers[code] = (pk, f"{label}“{code}”已取消，不能引用")
                elif own is not None and issubclass(target, PowerItem) and department not in own:
                    answers[code] = (pk, f"{label}“{code}”不属于本部门，只能引用本部门的{label}")
                else:
                    answers[code] = (pk, "")
            ids: list[Any] = []
            for i, v in enumerate(table.col(col.key)):
                pk, reason = answers[v.split()[0].upper()] if v else (None, "")
                if reason:
                    refused.setdefault(col.key, {})[i] = (pk, reason)
                ids.append(pk if not reason else None)
            out[col.key] = ids
        return out, refused

    def _refuse_refs(
        self,
        table: Table,
        plan: ListPlan,
        refused: dict[str, dict[int, tuple[int | None, str]]],
        matched: dict[int, CatalogItem],
        current: dict[int, Any],
    ) -> None:
        """Refused references are row errors — except the one the entry already has, which
        stays (as the form keeps the current value selectable), so an export re-imports."""
        vm = self.model.version_model
        for key, rows in refused.items():
            attname = model_field(vm, key).attname
            for i, (pk, reason) in rows.items():
                item = matched.get(i)
                version = current.get(item.pk) if item is not None else None
                if pk is not None and version is not None and getattr(version, attname) == pk:
                    plan.refs[key][i] = pk
                    continue
                table.error(i, key, reason)

    # -- matching rows to items ----------------------------------------------------------

    def _duplicates(self, table: Table, depts: list[int | None]) -> None:
        for key, label in (("code", "编码"), ("catalog_code", "事项编码")):
            if not table.has(key):
                continue
            first: dict[Any, int] = {}
            for i, value in enumerate(table.col(key)):
                if value is None:
                    continue
                mark = value if key == "code" else (depts[i], value)
                seen = first.setdefault(mark, i)
                if seen != i:
                    table.error(i, key, f"与第{table.numbers[seen]}行的{label}“{value}”重复")

    def _match(
        self, table: Table, depts: list[int | None], allowed: set[int] | None
    ) -> dict[int, CatalogItem]:
        """Row index → existing item, in one query per key kind (chunked)."""
        model = self.model
        # Every row is matched, not just the rows without errors so far: a row's report should
        # name all that is wrong with it at once.
        good = range(len(table))
        codes: list[Any] = table.col("code") if table.has("code") else [None] * len(table)
        ccodes: list[Any] = (
            table.col("catalog_code") if table.has("catalog_code") else [None] * len(table)
        )
        names = table.col("name")
        matched: dict[int, CatalogItem] = {}
        by_code: dict[str, CatalogItem] = {}
        wanted = sorted({codes[i] for i in good if codes[i]})
        for part in chunks(wanted, KEY_CHUNK):
            by_code.update((o.code, o) for o in model.objects.filter(code__in=part))
        by_key: dict[tuple[int | None, str], list[CatalogItem]] = {}
        by_name: dict[tuple[int | None, str], list[CatalogItem]] = {}
        scope = {depts[i] for i in good} - {None}
        wanted = sorted({ccodes[i] for i in good if ccodes[i] and not codes[i]})
        for part in chunks(wanted, KEY_CHUNK):
            for o in model.objects.filter(catalog_code__in=part, department_id__in=scope):
                by_key.setdefault((o.department_id, o.catalog_code), []).append(o)
        if not self.catalog_sync:
            wanted = sorted({names[i] for i in good if not codes[i] and not ccodes[i]})
            for part in chunks(wanted, KEY_CHUNK):
                qs = model.objects.filter(name__in=part, department_id__in=scope).exclude(
                    state=ListState.CANCELLED
                )
                for o in qs:
                    by_name.setdefault((o.department_id, o.name), []).append(o)
        for i in good:
            if codes[i]:
                item = by_code.get(codes[i])
                if item is None:
                    table.error(i, "code", f"编码“{codes[i]}”在系统中不存在；新增事项请将编码留空")
                elif allowed is not None and item.department_id not in allowed:
                    table.error(i, "code", f"编码“{item.code}”的事项属于其他部门，不能由本部门导入")
                else:
                    matched[i] = item
                continue
            key, pool, what = (
                ((depts[i], ccodes[i]), by_key, "事项编码")
                if ccodes[i]
                else ((depts[i], names[i]), by_name, "名称")
            )
            found = pool.get(key, [])
            if len(found) > 1:
                table.error(
                    i,
                    "catalog_code" if ccodes[i] else "name",
                    f"本部门有{len(found)}个事项的{what}为“{key[1]}”，请填写“编码”指明是哪一个",
                )
            elif found:
                matched[i] = found[0]
        return matched

    # -- the plan ------------------------------------------------------------------------

    def _value(self, table: Table, plan: ListPlan, name: str, i: int) -> Any:
        return plan.refs[name][i] if name in plan.refs else table.col(name)[i]

    def _present(self, table: Table) -> list[str]:
        return [n for n in self.fields if table.has(n)]

    def _db_value(self, name: str, value: Any) -> Any:
        f = model_field(self.model.version_model, name)
        if value is None and not f.null:
            return f.get_default() if f.has_default() else ""
        return value

    def _keep_when_empty(self, name: str) -> bool:
        f = model_field(self.model.version_model, name)
        return f.has_default() and not f.null

    def prepare(self, table: Table, ctx: Context) -> ListPlan:
        plan = ListPlan()
        plan.departments = self._resolve_departments(table, ctx)
        plan.refs, refused = self._resolve_refs(table, ctx)
        self._duplicates(table, plan.departments)
        matched = self._match(table, plan.departments, ctx.allowed)
        present = self._present(table)
        attnames = {n: model_field(self.model.version_model, n).attname for n in present}
        current: dict[int, Any] = {}
        ids = sorted({item.pk for item in matched.values()})
        for part in chunks(ids, KEY_CHUNK):
            # ``item`` is declared by each list's own version model, not the abstract base.
            for v in self.model.version_model.objects.filter(
                item_id__in=part,  # type: ignore[misc]  # declared by the concrete model
                valid_to__isnull=True,
            ):
                current[v.item_id] = v
        self._refuse_refs(table, plan, refused, matched, current)
        valid_from = table.col("valid_from") if table.has("valid_from") else None
        reasons = table.col("reason") if table.has("reason") else None
        default_reason = ctx.reason or (
            CATALOG_SYNC_REASON if self.catalog_sync else self.default_reason
        )
        for i in table.good():
            item = matched.get(i)
            if item is None:
                plan.creates.append(i)
                continue
            version = current.get(item.pk)
            if version is None:
                table.error(i, "", f"事项“{item.code}”没有现行版本，不能通过导入修改")
                continue
            if table.has("department") and plan.departments[i] != version.department_id:
                table.error(
                    i,
                    "department",
                    "与系统中的实施部门不一致；改变实施部门是“划转”，请在清单中办理",
                )
                continue
            changes: dict[str, Any] = {}
            for name in present:
                new = self._value(table, plan, name, i)
                if new is None and self._keep_when_empty(name):
                    continue
                new = self._db_value(name, new)
                if new != getattr(version, attnames[name]):
                    changes[name] = new
            if not changes:
                plan.unchanged += 1
                continue
            if version.state == ListState.CANCELLED:
                table.error(i, "", f"事项“{item.code}”已取消，不能再修改")
                continue
            effective = (valid_from[i] if valid_from else None) or ctx.valid_from
            if effective < version.valid_from:
                table.error(
                    i,
                    "valid_from" if valid_from and valid_from[i] else "",
                    f"生效日期 {effective} 早于现行版本的生效日期 {version.valid_from}",
                )
                continue
            reason = (reasons[i] if reasons else None) or default_reason
            plan.updates.append((i, item, changes, effective, reason))
        table.require_for_new(plan.creates)
        if self.catalog_sync:
            plan.missing = self._missing(table, ctx, plan)
        return plan

    def _missing(self, table: Table, ctx: Context, plan: ListPlan) -> list[dict[str, str]]:
        """Catalog items of the departments imported that the file no longer lists."""
        scope = ctx.allowed if ctx.allowed is not None else set(plan.departments) - {None}
        listed = {(d, c) for d, c in zip(plan.departments, table.col("catalog_code"), strict=True)}
        rows = (
            self.model.objects.filter(department_id__in=scope)
            .exclude(catalog_code="")
            .exclude(state=ListState.CANCELLED)
            .values_list("department_id", "catalog_code", "code", "name")
            .order_by("code")
        )
        return [
            {"code": code, "catalog_code": cc, "name": name}
            for dept, cc, code, name in rows
            if (dept, cc) not in listed
        ]

    # -- writing -------------------------------------------------------------------------

    def recheck(self, plan: ListPlan, table: Table, ctx: Context) -> None:
        """Each item to amend still belongs to a department the importer may change: one may
        have been transferred (划转) since ``prepare``. The items are locked until the write
        commits, where the database can."""
        if ctx.actor is None:
            return
        rows = [(i, item) for i, item, *_ in plan.updates if i not in table.bad]
        if not rows:
            return
        allowed = set(visible_unit_ids(ctx.actor, "change"))
        if ctx.allowed is not None:
            allowed &= ctx.allowed
        now: dict[int, int] = {}
        for part in chunks(sorted({item.pk for _, item in rows}), KEY_CHUNK):
            qs = self.model.objects.select_for_update().filter(pk__in=part)
            now.update(qs.values_list("pk", "department_id"))
        for i, item in rows:
            if now.get(item.pk) not in allowed:
                table.error(
                    i,
                    "",
                    f"事项“{item.code}”在导入期间已划转到其他部门（或您已无权修改），未写入",
                )

    def write(self, plan: ListPlan, table: Table, ctx: Context) -> Outcome:
        present = self._present(table)
        attnames = {n: model_field(self.model.version_model, n).attname for n in present}
        valid_from = table.col("valid_from") if table.has("valid_from") else None
        reasons = table.col("reason") if table.has("reason") else None
        ccodes = table.col("catalog_code") if table.has("catalog_code") else None
        default_reason = ctx.reason or (
            CATALOG_SYNC_REASON if self.catalog_sync else self.default_reason
        )
        entries: list[NewItem] = []
        for i in plan.creates:
            if i in table.bad:
                continue
            fields: dict[str, Any] = {}
            for name in present:
                v = self._value(table, plan, name, i)
                if v is None and self._keep_when_empty(name):
                    continue
                fields[attnames[name]] = self._db_value(name, v)
            entries.append(
                NewItem(
                    department_id=plan.departments[i],  # type: ignore[arg-type]
                    fields=fields,
                    valid_from=(valid_from[i] if valid_from else None) or ctx.valid_from,
                    reason=(reasons[i] if reasons else None) or default_reason,
                    catalog_code=(ccodes[i] if ccodes else None) or "",
                )
            )
        create_items(self.model, entries, actor=ctx.actor, progress=ctx.progress)
        updates = [u for u in plan.updates if u[0] not in table.bad]
        done = len(entries)
        for _, item, changes, effective, reason in updates:
            services.record(
                item,
                ListAction.AMEND,
                valid_from=effective,
                reason=reason,
                actor=ctx.actor,
                changes=changes,
            )
            done += 1
            ctx.progress(done)
        return Outcome(
            created=len(entries),
            updated=len(updates),
            unchanged=plan.unchanged,
            missing=plan.missing,
            updated_keys=[item.code for _, item, _, _, _ in updates],
        )

    # -- export in the import's own columns ------------------------------------------------

    def export(self, qs: models.QuerySet) -> tuple[list[str], Iterable[list[Any]]]:
        cols = [c for c in self.columns if c.kind != "ignored" or c.key in ("code", "state")]
        vm = self.model.version_model

        def cell(obj: Any, version: Any, col: Column) -> Any:
            if col.key in ("code", "catalog_code", "state"):
                return field_value(obj, col.key)  # the entry's own columns
            if col.key == "department":
                return field_value(obj, "department__name")
            if version is None:
                return ""
            if model_field(vm, col.key).is_relation:
                # A reference by its code, as the import matches it.
                return field_value(version, f"{col.key}__code")
            return field_value(version, col.key)

        def rows() -> Iterable[list[Any]]:
            items = list(qs.select_related("department"))
            versions: dict[int, Any] = {}
            for part in chunks([i.pk for i in items], KEY_CHUNK):
                for v in vm.objects.filter(
                    item_id__in=part,  # type: ignore[misc]  # declared by the concrete model
                    valid_to__isnull=True,
                ):
                    versions[v.item_id] = v
            for obj in items:
                yield [cell(obj, versions.get(obj.pk), c) for c in cols]

        return [c.header for c in cols], rows()


# --------------------------------------------------------------------------------------------
# The lists
# --------------------------------------------------------------------------------------------

_pv = PowerItem.version_model


class PowerItemImport(ListSpec):
    slug = "power-items"
    label = "权责清单"
    model = PowerItem
    content = (
        field_column(_pv, "kind"),
        field_column(_pv, "responsibility"),
        field_column(_pv, "accountability"),
        field_column(_pv, "statutory_limit"),
        field_column(_pv, "promised_limit"),
        field_column(_pv, "restricts_market_access"),
        field_column(_pv, "negative_entry", help="负面清单事项的编码（如 420700-FGW-FM-0001）"),
    )


class PowerCatalogImport(PowerItemImport):
    slug = "power-catalog"
    label = "省事项库同步"
    catalog_sync = True


_prv = ProofRequirement.version_model


class ProofImport(ListSpec):
    slug = "proofs"
    label = "证明事项清单"
    model = ProofRequirement
    content = (
        field_column(_prv, "status"),
        field_column(_prv, "power_item", help="涉及的权力事项编码"),
        field_column(_prv, "issuer"),
        field_column(_prv, "replacement"),
        field_column(_prv, "community_issued"),
    )


_fv = FeeItem.version_model


class FeeImport(ListSpec):
    slug = "fees"
    label = "收费清单"
    model = FeeItem
    content = (
        field_column(_fv, "standard"),
        field_column(_fv, "unit"),
        field_column(_fv, "enterprise_related"),
        field_column(_fv, "pricing_document"),
    )


_nv = NegativeListItem.version_model


class NegativeImport(ListSpec):
    slug = "negative-list"
    label = "市场准入负面清单"
    model = NegativeListItem
    content = (
        field_column(_nv, "edition", example="2019年版"),
        field_column(_nv, "number", example="101"),
        field_column(_nv, "kind"),
        field_column(_nv, "measure"),
        field_column(_nv, "industry_codes"),
        field_column(_nv, "administering"),
    )


for _spec in (PowerItemImport, PowerCatalogImport, ProofImport, FeeImport, NegativeImport):
    register(_spec())
