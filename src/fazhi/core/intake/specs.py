"""What can be imported: one declaration per list (its columns, how a row finds its record,
how records are written), registered by slug. The market-entity import is declared here; the
lists declare theirs in ``fazhi.domains.lists.imports``.

A declaration works on whole columns: references are resolved once per distinct value, the
existing records are fetched by key in a few queries, and new and changed records are written
with ``bulk_create``/``bulk_update`` in batches — never one ``save()`` per row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar, NamedTuple

from django.db import models

from fazhi.core.org.choices import EntityKind, EntityStatus, UnitKind
from fazhi.core.org.display import field_value, model_field
from fazhi.core.org.models import Entity, OrgUnit
from fazhi.core.org.scoping import visible_unit_ids
from fazhi.core.org.validators import is_valid_uscc, validate_uscc

from .excel import Column, Table

BATCH = 2000
KEY_CHUNK = 5000  # keys per IN (…) query: well under every database's parameter limit


@dataclass
class Context:
    """One run of one import."""

    job: Any
    actor: Any  # the Staff who imported, None for system imports
    department: OrgUnit
    # Departments the rows may belong to; None when a system import may write any.
    allowed: set[int] | None
    valid_from: date
    reason: str
    progress: Callable[[int], None] = lambda n: None


@dataclass
class Outcome:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    # Records a full-catalog import did not contain (reported, never deleted).
    missing: list[dict[str, str]] = field(default_factory=list)
    updated_keys: list[str] = field(default_factory=list)

    def audit(self) -> dict[str, Any]:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "missing": len(self.missing),
            # The file (kept with its digest) holds the rest; the amended keys are what an
            # auditor looks for first.
            "updated_keys": self.updated_keys[:1000],
        }


class ImportSpec:
    """Base of every import declaration."""

    slug: ClassVar[str]
    label: ClassVar[str]
    columns: tuple[Column, ...]
    notes: ClassVar[tuple[str, ...]] = ()
    model: ClassVar[type[models.Model]]
    # Columns a file must have (the ones rows are matched by).
    needed: tuple[str, ...] = ()
    # Whether rows become list versions (then the form asks for an effective date and reason).
    versioned: ClassVar[bool] = False
    # Whether the records can be exported in this import's columns from the imports page.
    exportable: ClassVar[bool] = False

    @property
    def audit_label(self) -> str:
        return self.model._meta.label

    def departments(self, user: Any) -> models.QuerySet:
        """The departments ``user`` may import into: those where they may change records."""
        return (
            OrgUnit.objects.restrict(user, "view")
            .filter(pk__in=visible_unit_ids(user, "change"), kind=UnitKind.DEPARTMENT)
            .order_by("path")
        )

    def prepare(self, table: Table, ctx: Context) -> Any:
        """Resolve references, find existing records, add row errors; return the plan."""
        raise NotImplementedError

    def recheck(self, plan: Any, table: Table, ctx: Context) -> None:
        """Inside the write's transaction, before ``write``: add row errors for records that
        changed hands since ``prepare`` (the check ran outside any transaction)."""

    def write(self, plan: Any, table: Table, ctx: Context) -> Outcome:
        """Write the rows the plan holds that have no error (``table.bad`` is final here)."""
        raise NotImplementedError

    def export(self, qs: models.QuerySet) -> tuple[list[str], Iterable[list[Any]]]:
        """Records in this import's own columns, so an export is a ready import file."""
        raise NotImplementedError


REGISTRY: dict[str, ImportSpec] = {}


def register(spec: ImportSpec) -> ImportSpec:
    REGISTRY[spec.slug] = spec
    return spec


def get(slug: str) -> ImportSpec:
    return REGISTRY[slug]


# --------------------------------------------------------------------------------------------
# Helpers shared by the declarations
# --------------------------------------------------------------------------------------------


def field_column(
    model: type[models.Model], name: str, *, key: str | None = None, **overrides: Any
) -> Column:
    """A column declared from a model field: header, kind, length, choices and bounds."""
    f = model_field(model, name)
    spec: dict[str, Any] = {
        "key": key or name,
        "header": str(f.verbose_name),
        "required": not (f.blank or f.null or f.has_default()),
    }
    if f.choices:
        spec.update(kind="choice", choices=tuple((str(v), str(lbl)) for v, lbl in f.flatchoices))
    elif isinstance(f, models.BooleanField):
        spec.update(kind="bool", required=False)
    elif isinstance(f, models.DateTimeField):
        spec.update(kind="ignored", required=False)
    elif isinstance(f, models.DateField):
        spec.update(kind="date")
    elif isinstance(f, models.URLField):
        spec.update(kind="url", max_length=f.max_length)
    elif isinstance(f, models.DecimalField):
        spec.update(kind="decimal")
    elif isinstance(f, models.IntegerField):
        positive = (
            models.PositiveIntegerField,
            models.PositiveSmallIntegerField,
            models.PositiveBigIntegerField,
        )
        low = 0 if isinstance(f, positive) else None
        high = 32767 if isinstance(f, models.PositiveSmallIntegerField) else None
        spec.update(kind="int", min_value=low, max_value=high)
    elif isinstance(f, models.ForeignKey):
        spec.update(kind="ref")
    elif isinstance(f, models.CharField | models.TextField):
        spec.update(kind="text", max_length=getattr(f, "max_length", None))
    spec.update(overrides)
    return Column(**spec)


def chunks(seq: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    for start in range(0, len(seq), size):
        yield seq[start : start + size]


def duplicates(table: Table, key: str, label: str) -> None:
    """A key may appear once per file: later repeats are errors naming the first row."""
    first: dict[Any, int] = {}
    for i, value in enumerate(table.col(key)):
        if value is None:
            continue
        seen = first.setdefault(value, i)
        if seen != i:
            table.error(i, key, f"与第{table.numbers[seen]}行的{label}“{value}”重复")


class UnitResolver:
    """Org units named in a column by code, 区划代码, name or short name — each distinct
    value looked up once. An ambiguous name is an error asking for the code."""

    def __init__(self, kind: str, candidates: models.QuerySet | None = None) -> None:
        self.kind = kind
        self.candidates = candidates

    def resolve(
        self,
        table: Table,
        key: str,
        allowed: set[int] | None,
        refused: Callable[[OrgUnit], str],
        default: int | None = None,
    ) -> list[int | None]:
        qs = self.candidates if self.candidates is not None else OrgUnit.objects.all()
        index: dict[str, set[int]] = {}
        units: dict[int, OrgUnit] = {}
        for unit in qs.filter(kind=self.kind).only(
            "id", "code", "division_code", "name", "short_name", "path", "parent_id"
        ):
            units[unit.pk] = unit
            for spelling in {unit.code, unit.division_code, unit.name, unit.short_name}:
                if spelling:
                    index.setdefault(spelling, set()).add(unit.pk)
        answers: dict[str, tuple[int | None, str]] = {}
        for value in set(table.col(key)) - {None}:
            ids = index.get(value) or index.get(value.upper()) or set()
            if not ids:
                answers[value] = (None, f"找不到“{value}”，请填写机构代码或准确的全称")
            elif len(ids) > 1:
                answers[value] = (None, f"“{value}”对应多个机构，请填写机构代码")
            else:
                (found,) = ids
                if allowed is not None and found not in allowed:
                    answers[value] = (None, refused(units[found]))
                else:
                    answers[value] = (found, "")
        out: list[int | None] = []
        for i, value in enumerate(table.col(key)):
            if value is None:
                out.append(default)
                continue
            pk, reason = answers[value]
            if reason:
                table.error(i, key, reason)
            out.append(pk)
        return out


# --------------------------------------------------------------------------------------------
# A flat model keyed by one unique field (市场主体 by 统一社会信用代码)
# --------------------------------------------------------------------------------------------


class _Field(NamedTuple):
    name: str
    attname: str
    values: list[Any]
    keep: bool  # an empty cell leaves the stored value alone
    empty: Any  # what an empty cell stores otherwise


@dataclass
class FlatPlan:
    creates: list[int] = field(default_factory=list)
    # (row index, pk, changed field names)
    updates: list[tuple[int, int, tuple[str, ...]]] = field(default_factory=list)
    unchanged: int = 0
    refs: dict[str, list[Any]] = field(default_factory=dict)


class FlatModelSpec(ImportSpec):
    """Rows map one-to-one to records of ``model``, found by the unique field ``key``."""

    key: ClassVar[str]
    key_label: ClassVar[str]
    # The foreign key naming whom a record belongs to (None: records belong to no one), and
    # the error for a row whose record exists but belongs to someone the importer may not
    # write for: the key is unique across the table, not within the importer's reach.
    owner_field: ClassVar[str | None] = None
    foreign_record: ClassVar[str] = "该记录不属于本部门，不能修改"

    def resolve_refs(self, table: Table, ctx: Context) -> dict[str, list[Any]]:
        return {}

    def owners(self, ctx: Context) -> set[int] | None:
        """The owners whose records this run may change; None when it may change any."""
        return None

    def field_names(self, table: Table) -> list[str]:
        return [k for k in table.values if k != self.key]

    def _fields(self, table: Table, plan: FlatPlan) -> list[_Field]:
        """Per field, once per run (not per cell): where its values are and what empty means."""
        out = []
        for name in self.field_names(table):
            f = model_field(self.model, name)
            # An empty cell leaves a field with a default (a state, a yes/no) as it is; other
            # fields are cleared (blank text, or NULL where allowed).
            keep = f.has_default() and not f.null
            empty = None if f.null else f.get_default() if f.has_default() else ""
            values = plan.refs[name] if name in plan.refs else table.col(name)
            out.append(_Field(name, f.attname, values, keep, empty))
        return out

    def prepare(self, table: Table, ctx: Context) -> FlatPlan:
        duplicates(table, self.key, self.key_label)
        plan = FlatPlan(refs=self.resolve_refs(table, ctx))
        fields = self._fields(table, plan)
        keys = table.col(self.key)
        wanted = [keys[i] for i in table.good() if keys[i] is not None]
        owners = self.owners(ctx) if self.owner_field else None
        owner = model_field(self.model, self.owner_field).attname if self.owner_field else "pk"
        existing: dict[Any, tuple[Any, ...]] = {}
        for part in chunks(wanted, KEY_CHUNK):
            rows = self.model._default_manager.filter(**{f"{self.key}__in": part}).values_list(
                self.key, "pk", owner, *(f.attname for f in fields)
            )
            for row in rows:
                existing[row[0]] = row[1:]
        for i in table.good():
            found = existing.get(keys[i])
            if found is None:
                plan.creates.append(i)
                continue
            if owners is not None and found[1] not in owners:
                # Whether or not the row would change it: nothing is written for it.
                table.error(i, self.key, self.foreign_record)
                continue
            changed = []
            for f, old in zip(fields, found[2:], strict=True):
                v = f.values[i]
                if v is None:
                    if f.keep:
                        continue
                    v = f.empty
                if v != old:
                    changed.append(f.name)
            if changed:
                plan.updates.append((i, found[0], tuple(changed)))
            else:
                plan.unchanged += 1
        table.require_for_new(plan.creates)
        return plan

    def recheck(self, plan: FlatPlan, table: Table, ctx: Context) -> None:
        """The records to update still belong to owners this run may change (locked until
        the write commits, where the database can)."""
        field = self.owner_field
        owners = self.owners(ctx) if field else None
        if field is None or owners is None:
            return
        rows = [(i, pk) for i, pk, _ in plan.updates if i not in table.bad]
        owner = model_field(self.model, field).attname
        now: dict[int, Any] = {}
        for part in chunks(sorted({pk for _, pk in rows}), KEY_CHUNK):
            qs = self.model._default_manager.select_for_update().filter(pk__in=part)
            now.update(qs.values_list("pk", owner))
        for i, pk in rows:
            if now.get(pk) not in owners:
                table.error(i, self.key, self.foreign_record)

    def write(self, plan: FlatPlan, table: Table, ctx: Context) -> Outcome:
        fields = self._fields(table, plan)
        by_name = {f.name: f for f in fields}
        keys = table.col(self.key)
        key = self.key
        model = self.model
        done = 0
        creates = [i for i in plan.creates if i not in table.bad]
        for part in chunks(creates, BATCH):
            objs = []
            for i in part:
                values = {key: keys[i]}
                for f in fields:
                    v = f.values[i]
                    if v is None:
                        if f.keep:
                            continue
                        v = f.empty
                    values[f.attname] = v
                objs.append(model(**values))
            model._default_manager.bulk_create(objs, batch_size=BATCH)
            done += len(part)
            ctx.progress(done)
        updates = [u for u in plan.updates if u[0] not in table.bad]
        # One bulk_update per set of changed fields keeps each UPDATE narrow.
        groups: dict[tuple[str, ...], list[tuple[int, int]]] = {}
        for i, pk, changed in updates:
            groups.setdefault(changed, []).append((i, pk))
        for changed, rows in groups.items():
            targets = [by_name[n] for n in changed]
            for part in chunks(rows, BATCH):
                objs = []
                for i, pk in part:
                    obj = model(pk=pk)
                    for f in targets:
                        v = f.values[i]
                        setattr(obj, f.attname, f.empty if v is None else v)
                    objs.append(obj)
                model._default_manager.bulk_update(
                    objs, [f.attname for f in targets], batch_size=BATCH
                )
                done += len(part)
                ctx.progress(done)
        return Outcome(
            created=len(creates),
            updated=len(updates),
            unchanged=plan.unchanged,
            updated_keys=[str(keys[i]) for i, _, _ in updates],
        )


class EntitySpec(FlatModelSpec):
    """市场主体, by 统一社会信用代码: created when new, updated where a field differs."""

    slug = "entities"
    label = "市场主体"
    model = Entity
    key = "uscc"
    key_label = "统一社会信用代码"
    needed = ("uscc",)
    columns = (
        Column(
            "uscc",
            "统一社会信用代码",
            "code",
            required=True,
            max_length=18,
            check=is_valid_uscc,
            validator=validate_uscc,
            help="18位，按 GB 32100-2015 校验",
            example="91420704MA4F000013",
        ),
        field_column(Entity, "name", example="鄂州市甲乙商贸有限公司"),
        field_column(Entity, "kind", choices=tuple(EntityKind.choices)),
        field_column(Entity, "industry", help="国民经济行业分类门类（GB/T 4754-2017）"),
        field_column(
            Entity,
            "region",
            required=True,
            help="登记机关所在的人民政府或管委会：填机构代码、区划代码或全称",
            example="鄂城区",
        ),
        field_column(Entity, "registered_on", example="2015-01-01"),
        field_column(Entity, "status", choices=tuple(EntityStatus.choices)),
        field_column(Entity, "legal_representative"),
        field_column(Entity, "address"),
    )
    owner_field = "region"
    foreign_record = "该市场主体不在本部门辖区，不能修改"
    notes = (
        "统一社会信用代码已存在的，按文件内容修改；内容相同的不重复记录。",
        "“登记辖区”只能是本部门所属人民政府及其下级；登记在其他辖区的市场主体不能修改。",
    )

    def owners(self, ctx: Context) -> set[int] | None:
        """The governments the importing department may register entities for: its own
        government and those below it (None for a system import)."""
        if ctx.allowed is None:
            return None
        root = ctx.department.government_path()
        return set(
            OrgUnit.objects.filter(kind=UnitKind.GOVERNMENT, path__startswith=root).values_list(
                "pk", flat=True
            )
        )

    def resolve_refs(self, table: Table, ctx: Context) -> dict[str, list[Any]]:
        if not table.has("region"):
            return {}
        resolver = UnitResolver(UnitKind.GOVERNMENT)
        return {
            "region": resolver.resolve(
                table,
                "region",
                self.owners(ctx),
                lambda unit: f"“{unit.name}”不在本部门（{ctx.department.name}）的辖区内",
            )
        }

    def export(self, qs: models.QuerySet) -> tuple[list[str], Iterable[list[Any]]]:
        cols = [c for c in self.columns if c.kind != "ignored"]

        def rows() -> Iterable[list[Any]]:
            # Cells as the back office shows them (labels, 是/否, ISO dates), which this
            # declaration reads back; the region by its name, as the import matches it.
            for obj in qs.select_related("region"):
                yield [
                    field_value(obj, "region__name" if c.key == "region" else c.key) for c in cols
                ]

        return [c.header for c in cols], rows()


register(EntitySpec())
