"""归集: cases handled in a department's own sector system, collected into Fazhi.

Most departments handle their cases in their sector's own system (the province's market
regulation enforcement system, the ecology bureau's …). Fazhi collects them — through an Excel
import (``fazhi.core.intake.collected``) or pushed by the sector system
(``POST /api/collect/cases/``) — so that they are supervised and counted alongside the cases
handled here. Both fronts parse their input into ``CaseIn`` records and hand them to this module:
``plan`` checks what needs the database (the case belongs to the importing department, the
parties exist, a case number is not another case's), ``write`` stores it in bulk.

What is kept:
- the case, found by (source system, external id), in a kind for collected cases (by default
  ``collected_enforcement``, whose states mirror the source's: 立案/调查/告知/决定/执行/结案);
- its parties: entities by 统一社会信用代码 (they must be in the register), persons by name and
  ID number (created in the importing department when new; shown masked like every person);
- its historical timeline: each event with its business date (``occurred_on``) apart from the
  time its row is written (``at``, which sealing uses), the source's kind and note, and the
  sector staff's name as text (they are not our staff);
- its documents as digests (``CollectedDocument``: title, 文号, SHA-256, size) — the files stay in
  the sector system.

A domain may register a *detail* for its kind (``register_detail``): a model with one row per
case (e.g. enforcement's decision: outcome, 文号, fine …) whose fields both fronts then carry —
flat keys of the push format, columns of the Excel file's 案件 row — and which a re-import
upserts like the case's own fields.

A re-import upserts: a changed case field is updated with an event on the timeline saying what
changed (old and new), and only events, parties and documents the case does not have yet are
added. Nothing is ever deleted. A collected case is read-only here except for supervision steps
(``Step.supervision``, enforced by ``workflow.take``).

The workflow lives here, in casework, rather than in an enforcement domain: it knows nothing of
any procedure beyond the names of the stages a source reports, and every domain (enforcement,
licensing …) collects through the same code by declaring its own kind.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django import forms
from django.db import models, transaction
from django.utils import timezone

from fazhi.core.org.choices import IdType, Role
from fazhi.core.org.models import Entity, OrgUnit, Person
from fazhi.core.org.validators import is_valid_uscc, validate_identity, validate_uscc

from .choices import PartyRole
from .models import Case, CollectedDocument, Event, Participant, Party
from .workflow import STAY, Workflow, register, workflow_for

COLLECTED_KIND = "collected_enforcement"
BATCH = 2000
KEY_CHUNK = 5000  # keys per IN (…) query: well under every database's parameter limit
SOURCE_SYSTEM_MAX = 60  # Case.source_system
SHA256_RE = re.compile(r"[0-9a-f]{64}")

# 行政执法监督条例（国务院令第825号，施行2026-02-01）: the justice bureau supervises the
# administrative enforcement of its government's departments. Its articles have not been read
# (STATUTES.md M2), so the basis names the regulation only.
SUPERVISION_BASIS = "行政执法监督条例（国务院令第825号）"


class CollectedState(models.TextChoices):
    """The stages a sector system reports, mirrored (not driven) here."""

    FILED = "filed", "立案"
    INVESTIGATING = "investigating", "调查"
    NOTIFIED = "notified", "告知"
    DECIDED = "decided", "决定"
    EXECUTING = "executing", "执行"
    CLOSED = "closed", "结案"


class SupervisionForm(forms.Form):
    note = forms.CharField(
        label="监督意见", max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


WORKFLOW = register(Workflow(COLLECTED_KIND, "归集执法案件", CollectedState, CollectedState.FILED))
# The only step: a supervisor's opinion, at any stage, leaving the mirrored state as it is.
WORKFLOW.add(
    "supervise",
    "监督意见",
    list(CollectedState),
    STAY,
    staff_roles=[Role.SUPERVISOR],
    unit_roles=["owner"],
    basis=SUPERVISION_BASIS,
    form=SupervisionForm,
    supervision=True,
)


# --------------------------------------------------------------------------------------------
# A domain's detail of its collected cases
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Detail:
    """The detail record a domain keeps for each collected case of a kind: ``model`` has a
    one-to-one ``case`` and the listed ``fields`` (model field names) are what the sector
    system reports. ``initial(case_in, owner_id)`` gives values for the model's other fields
    when the row is created (what the source does not report, or the owning department)."""

    model: type[models.Model]
    fields: tuple[str, ...]
    initial: Callable[[CaseIn, int], dict[str, Any]] = lambda c, owner_id: {}

    def field(self, name: str) -> models.Field:
        f = self.model._meta.get_field(name)
        assert isinstance(f, models.Field)
        return f

    def empty(self, name: str) -> Any:
        """What a blank input stands for: the field's default, "" for text, else None."""
        f = self.field(name)
        if f.has_default():
            return f.get_default()
        return "" if isinstance(f, models.CharField | models.TextField) else None

    def value(self, values: Mapping[str, Any], name: str) -> Any:
        """The value stored for ``name``: blank as ``empty``, an amount to its decimal places."""
        v = values.get(name)
        if v is None or v == "":
            return self.empty(name)
        f = self.field(name)
        if isinstance(f, models.DecimalField) and isinstance(v, Decimal):
            return v.quantize(Decimal(1).scaleb(-(f.decimal_places or 0)))
        return v


_DETAILS: dict[str, Detail] = {}
# The keys of the push format and the Excel columns a detail field may not take.
_RESERVED = {
    "external_id", "title", "number", "state", "opened_on", "closed_on", "parties", "events",
    "documents", "party_kind", "party_role", "party_name", "uscc", "id_number", "event_id",
    "occurred_on", "event_kind", "note", "actor_name", "doc_title", "doc_number", "sha256",
    "size", "issued_on", "source_system", "record", "department", "cases",
}  # fmt: skip


def register_detail(kind: str, detail: Detail) -> Detail:
    """Called from a domain's ``ready()``: collects of ``kind`` carry ``detail``'s fields."""
    clash = _RESERVED.intersection(detail.fields)
    if clash:
        raise ValueError(f"detail fields {sorted(clash)} clash with the collect format's keys")
    _DETAILS[kind] = detail
    return detail


def detail_for(kind: str) -> Detail | None:
    return _DETAILS.get(kind)


# --------------------------------------------------------------------------------------------
# What the fronts hand in
# --------------------------------------------------------------------------------------------


@dataclass
class CaseFields:
    title: str
    opened_on: date
    state: str = CollectedState.FILED
    number: str = ""
    closed_on: date | None = None

    def values(self) -> tuple[Any, ...]:
        return (self.title, self.number, self.state, self.opened_on, self.closed_on)


CASE_FIELDS = ("title", "number", "state", "opened_on", "closed_on")


@dataclass
class PartyIn:
    kind: str  # "entity" or "person"
    name: str
    uscc: str = ""
    id_number: str = ""
    id_type: str = IdType.RESIDENT_ID
    role: str = PartyRole.PARTY


@dataclass
class EventIn:
    occurred_on: date
    kind: str
    note: str = ""
    actor_name: str = ""
    source_id: str = ""

    def key(self) -> str:
        """The source's event id, or a digest of what the event says when it has none."""
        if self.source_id:
            return f"id:{self.source_id}"[:80]
        raw = "\x1f".join((self.occurred_on.isoformat(), self.kind, self.note))
        return "sha:" + hashlib.sha256(raw.encode()).hexdigest()


@dataclass
class DocumentIn:
    title: str
    sha256: str
    size: int
    number: str = ""
    issued_on: date | None = None


@dataclass
class CaseIn:
    external_id: str
    # None when the input does not restate the case (an Excel file of new events only).
    fields: CaseFields | None = None
    parties: list[PartyIn] = field(default_factory=list)
    events: list[EventIn] = field(default_factory=list)
    documents: list[DocumentIn] = field(default_factory=list)
    # The kind's detail fields (``register_detail``), given with ``fields``; None: not restated.
    detail: dict[str, Any] | None = None


@dataclass(frozen=True)
class Problem:
    """Why (part of) a case cannot be collected: ``part`` is "case", "parties", "events" or
    "documents", ``index`` the position in that part; a "case" problem stops the whole case."""

    case: int
    part: str
    index: int
    field: str
    message: str

    def path(self) -> str:
        where = self.field if self.part == "case" else f"{self.part}[{self.index}].{self.field}"
        return where.rstrip(".")


@dataclass
class Plan:
    source_system: str
    owner_id: int
    kind: str
    cases: list[CaseIn]
    problems: list[Problem] = field(default_factory=list)
    # external id → (pk, title, number, state, opened_on, closed_on)
    existing: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    entities: dict[str, int] = field(default_factory=dict)

    def problem(self, case: int, part: str, index: int, fld: str, message: str) -> None:
        self.problems.append(Problem(case, part, index, fld, message))

    def stopped(self) -> set[int]:
        return {p.case for p in self.problems if p.part == "case"}

    def skipped(self) -> set[tuple[int, str, int]]:
        return {(p.case, p.part, p.index) for p in self.problems if p.part != "case"}


@dataclass
class Collected:
    """What a run wrote, counted by case and by part."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    events: int = 0
    parties: int = 0
    documents: int = 0
    persons: int = 0
    updated_keys: list[str] = field(default_factory=list)
    case_ids: dict[str, int] = field(default_factory=dict)

    def audit(self) -> dict[str, Any]:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "events_added": self.events,
            "parties_added": self.parties,
            "documents_added": self.documents,
            "persons_created": self.persons,
            "updated_keys": self.updated_keys[:1000],
        }


def _chunks(seq: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    for start in range(0, len(seq), size):
        yield seq[start : start + size]


# --------------------------------------------------------------------------------------------
# Checking
# --------------------------------------------------------------------------------------------


def source_system_refusal(source_system: str) -> str:
    """Why a source system name cannot be used, or ""."""
    if not source_system.strip():
        return "请填写来源系统"
    if len(source_system) > SOURCE_SYSTEM_MAX:
        return f"来源系统名称不能超过{SOURCE_SYSTEM_MAX}个字"
    return ""


def plan(
    cases: Sequence[CaseIn], *, source_system: str, owner: OrgUnit | int, kind: str = COLLECTED_KIND
) -> Plan:
    """Check ``cases`` against what is stored: nothing is written. Problems say why, in Chinese."""
    wf = workflow_for(kind)
    if wf is None:
        raise ValueError(f"未登记的案件类型：{kind}")
    owner_id = owner if isinstance(owner, int) else owner.pk
    out = Plan(source_system, owner_id, kind, list(cases))
    states = {str(s) for s in wf.states.values}
    first: dict[str, int] = {}
    for n, c in enumerate(out.cases):
        seen = first.setdefault(c.external_id, n)
        if seen != n:
            out.problem(n, "case", 0, "external_id", f"来源编号“{c.external_id}”重复")
        if c.fields is not None and c.fields.state not in states:
            out.problem(n, "case", 0, "state", f"“{c.fields.state}”不是{wf.label}的状态")
    _existing(out)
    _numbers(out)
    _parties(out)
    _documents(out)
    return out


def _existing(out: Plan) -> None:
    ids = list({c.external_id for c in out.cases})
    found: dict[str, tuple[Any, ...]] = {}
    kinds: dict[int, str] = {}
    for part in _chunks(ids, KEY_CHUNK):
        rows = Case.objects.filter(source_system=out.source_system, external_id__in=part)
        for row in rows.values_list(
            "external_id", "pk", "kind", "title", "number", "state", "opened_on", "closed_on"
        ):
            found[row[0]] = (row[1], *row[3:])
            kinds[row[1]] = row[2]
    owners: dict[int, int] = {}
    names: dict[int, str] = {}
    pks = [v[0] for v in found.values()]
    for part in _chunks(pks, KEY_CHUNK):
        for case_id, unit_id, name in Participant.objects.filter(
            case_id__in=part, role="owner", org_unit__isnull=False
        ).values_list("case_id", "org_unit_id", "org_unit__name"):
            owners[case_id] = unit_id
            names[case_id] = name
    for n, c in enumerate(out.cases):
        row = found.get(c.external_id)
        if row is None:
            if c.fields is None:
                out.problem(
                    n, "case", 0, "", "本平台尚未归集该案件，须同时提供案件信息（名称、立案日期）"
                )
            continue
        pk = row[0]
        if kinds[pk] != out.kind:
            out.problem(n, "case", 0, "external_id", "该来源编号已登记为其他类型的案件")
        elif owners.get(pk) != out.owner_id:
            out.problem(
                n,
                "case",
                0,
                "external_id",
                f"该案件已由{names.get(pk, '其他部门')}归集，不能由本部门修改",
            )
        else:
            out.existing[c.external_id] = row


def _numbers(out: Plan) -> None:
    """A case number names one case of its kind (Case's unique constraint)."""
    wanted: dict[str, int] = {}
    for n, c in enumerate(out.cases):
        if c.fields is None or not c.fields.number:
            continue
        seen = wanted.setdefault(c.fields.number, n)
        if seen != n:
            out.problem(n, "case", 0, "number", f"案件编号“{c.fields.number}”在本批中重复")
    taken: dict[str, tuple[str, str]] = {}
    for part in _chunks(list(wanted), KEY_CHUNK):
        for number, system, ext in Case.objects.filter(kind=out.kind, number__in=part).values_list(
            "number", "source_system", "external_id"
        ):
            taken[number] = (system, ext)
    for n, c in enumerate(out.cases):
        if c.fields is None or c.fields.number not in taken:
            continue
        if taken[c.fields.number] != (out.source_system, c.external_id):
            out.problem(n, "case", 0, "number", f"案件编号“{c.fields.number}”已被其他案件使用")


def _parties(out: Plan) -> None:
    usccs = {p.uscc for c in out.cases for p in c.parties if p.kind == "entity" and p.uscc}
    wanted = sorted(u for u in usccs if is_valid_uscc(u))
    for part in _chunks(wanted, KEY_CHUNK):
        out.entities.update(Entity.objects.filter(uscc__in=part).values_list("uscc", "pk"))
    roles = set(PartyRole.values)
    for n, c in enumerate(out.cases):
        for i, p in enumerate(c.parties):
            if p.role not in roles:
                out.problem(n, "parties", i, "role", f"“{p.role}”不是当事人身份的可选值")
            elif p.kind == "entity":
                if not p.uscc:
                    out.problem(n, "parties", i, "uscc", "单位当事人须填写统一社会信用代码")
                elif not is_valid_uscc(p.uscc):
                    try:
                        validate_uscc(p.uscc)
                        message = "统一社会信用代码无效"
                    except Exception as exc:  # ValidationError: its message says why
                        message = "；".join(getattr(exc, "messages", [str(exc)]))
                    out.problem(n, "parties", i, "uscc", message)
                elif p.uscc not in out.entities:
                    out.problem(
                        n,
                        "parties",
                        i,
                        "uscc",
                        f"市场主体库中没有统一社会信用代码“{p.uscc}”，请先导入市场主体",
                    )
            elif p.kind == "person":
                if not p.name or not p.id_number:
                    out.problem(n, "parties", i, "id_number", "个人当事人须填写姓名和证件号码")
                    continue
                try:
                    validate_identity(p.id_type, p.id_number)
                except Exception as exc:  # ValidationError with a Chinese message
                    message = "；".join(getattr(exc, "messages", [str(exc)]))
                    out.problem(n, "parties", i, "id_number", message)
            else:
                out.problem(n, "parties", i, "kind", "当事人类型应为“单位”或“个人”")


def _documents(out: Plan) -> None:
    for n, c in enumerate(out.cases):
        for i, d in enumerate(c.documents):
            if not SHA256_RE.fullmatch(d.sha256):
                out.problem(n, "documents", i, "sha256", "SHA-256 应为64位十六进制数字（小写）")
            elif d.size < 0:
                out.problem(n, "documents", i, "size", "文件大小不能为负数")


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------


def write(
    p: Plan,
    *,
    actor: Any = None,
    today: date | None = None,
    progress: Callable[[int], None] = lambda n: None,
) -> Collected:
    """Write what ``p`` holds, leaving out the cases and parts it has problems for. Call inside
    a transaction (the intake engine and ``collect`` do): a failure leaves nothing written."""
    today = today or timezone.localdate()
    now = timezone.now()
    stopped = p.stopped()
    skipped = p.skipped()
    result = Collected()
    todo = [(n, c) for n, c in enumerate(p.cases) if n not in stopped]
    case_ids: dict[int, int] = {}
    new: list[tuple[int, CaseIn]] = []
    events: list[Event] = []
    changed_cases: set[int] = set()
    fresh_cases: set[int] = set()
    detail = detail_for(p.kind)
    old_detail = _load_detail(
        detail,
        [p.existing[c.external_id][0] for _, c in todo if c.external_id in p.existing and c.detail],
    )
    for n, c in todo:
        row = p.existing.get(c.external_id)
        if row is None:
            new.append((n, c))
            continue
        case_ids[n] = row[0]
        if c.fields is None:
            continue
        old = row[1:]
        diff = {
            name: [_plain(a), _plain(b)]
            for name, a, b in zip(CASE_FIELDS, old, c.fields.values(), strict=True)
            if a != b
        }
        if detail is not None and c.detail is not None:
            before = old_detail.get(row[0], {})
            for name in detail.fields:
                a = before.get(name, detail.empty(name))
                b = detail.value(c.detail, name)
                if a != b:
                    diff[name] = [_plain(a), _plain(b)]
        if diff:
            changed_cases.add(n)
            events.append(
                Event(
                    case_id=row[0],
                    at=now,
                    actor=actor,
                    kind="collected_changed",
                    occurred_on=today,
                    from_state=old[2],
                    to_state=c.fields.state,
                    note="来源系统更新：" + "、".join(_label(k, detail) for k in diff),
                    data={"source_system": p.source_system, "changes": diff},
                )
            )
    _update_cases(p, [(case_ids[n], c) for n, c in todo if n in changed_cases])
    done = 0
    for part in _chunks(new, BATCH):
        objs = []
        for _, c in part:
            f = c.fields
            assert f is not None  # plan() stopped new cases without fields
            objs.append(
                Case(
                    kind=p.kind,
                    number=f.number,
                    title=f.title,
                    state=f.state,
                    opened_on=f.opened_on,
                    closed_on=f.closed_on,
                    source_system=p.source_system,
                    external_id=c.external_id,
                )
            )
        Case.objects.bulk_create(objs, batch_size=BATCH)
        Participant.objects.bulk_create(
            [Participant(case_id=o.pk, org_unit_id=p.owner_id, role="owner") for o in objs],
            batch_size=BATCH,
        )
        for (n, c), obj in zip(part, objs, strict=True):
            case_ids[n] = obj.pk
            fresh_cases.add(n)
            events.append(
                Event(
                    case_id=obj.pk,
                    at=now,
                    actor=actor,
                    kind="collected",
                    occurred_on=today,
                    to_state=obj.state,
                    note=f"自“{p.source_system}”归集",
                    data={"source_system": p.source_system, "external_id": c.external_id},
                )
            )
        done += len(part)
        progress(done)
    if detail is not None:
        _write_detail(detail, p, todo, case_ids, old_detail, fresh_cases | changed_cases)
    grew: set[int] = set()
    result.events = _add_events(p, todo, case_ids, skipped, events, grew, now, progress, done)
    result.parties, result.persons = _add_parties(p, todo, case_ids, skipped, grew)
    result.documents = _add_documents(p, todo, case_ids, skipped, grew, now)
    result.created = len(fresh_cases)
    touched = (changed_cases | grew) - fresh_cases
    result.updated = len(touched)
    result.unchanged = len(todo) - len(fresh_cases) - len(touched)
    result.updated_keys = [p.cases[n].external_id for n in sorted(touched)]
    result.case_ids = {p.cases[n].external_id: pk for n, pk in case_ids.items()}
    return result


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    return value.isoformat() if isinstance(value, date) else value


def _label(name: str, detail: Detail | None = None) -> str:
    model = detail.model if detail is not None and name in detail.fields else Case
    return str(getattr(model._meta.get_field(name), "verbose_name", name))


def _load_detail(detail: Detail | None, case_ids: list[int]) -> dict[int, dict[str, Any]]:
    """The stored detail values of the given cases: case id → {field: value}."""
    out: dict[int, dict[str, Any]] = {}
    if detail is None:
        return out
    for part in _chunks(sorted(set(case_ids)), KEY_CHUNK):
        for row in detail.model._default_manager.filter(case_id__in=part).values_list(
            "case_id", "pk", *detail.fields
        ):
            # "pk" is the detail row's own key (bulk_update writes by it).
            out[row[0]] = {"pk": row[1], **dict(zip(detail.fields, row[2:], strict=True))}
    return out


def _write_detail(
    detail: Detail,
    p: Plan,
    todo: list[tuple[int, CaseIn]],
    case_ids: dict[int, int],
    old: dict[int, dict[str, Any]],
    touched: set[int],
) -> None:
    """Create the detail rows of new cases (and of collected cases that have none yet), and
    update those whose reported values changed: the upsert of the case's own fields."""
    create, update = [], []
    for n, c in todo:
        if c.detail is None or n not in touched:
            continue
        values = {name: detail.value(c.detail, name) for name in detail.fields}
        pk = case_ids[n]
        if pk in old:
            update.append(detail.model(pk=old[pk]["pk"], case_id=pk, **values))
        else:
            create.append(detail.model(case_id=pk, **{**detail.initial(c, p.owner_id), **values}))
    detail.model._default_manager.bulk_create(create, batch_size=BATCH)
    for part in _chunks(update, BATCH):
        detail.model._default_manager.bulk_update(part, list(detail.fields), batch_size=BATCH)


def _update_cases(p: Plan, rows: list[tuple[int, CaseIn]]) -> None:
    objs = []
    for pk, c in rows:
        f = c.fields
        assert f is not None
        objs.append(
            Case(
                pk=pk,
                title=f.title,
                number=f.number,
                state=f.state,
                opened_on=f.opened_on,
                closed_on=f.closed_on,
            )
        )
    for part in _chunks(objs, BATCH):
        Case.objects.bulk_update(part, list(CASE_FIELDS), batch_size=BATCH)


def _existing_pairs(
    model: type[models.Model], case_ids: Iterable[int], *columns: str, **exclude: Any
) -> set[tuple[Any, ...]]:
    """(case_id, *columns) of the rows the given (already collected) cases have."""
    out: set[tuple[Any, ...]] = set()
    ids = sorted(set(case_ids))
    for part in _chunks(ids, KEY_CHUNK):
        qs = model._default_manager.filter(case_id__in=part)
        if exclude:
            qs = qs.exclude(**exclude)
        out.update(qs.values_list("case_id", *columns))
    return out


def _add_events(
    p: Plan,
    todo: list[tuple[int, CaseIn]],
    case_ids: dict[int, int],
    skipped: set[tuple[int, str, int]],
    events: list[Event],
    grew: set[int],
    now: Any,
    progress: Callable[[int], None],
    done: int,
) -> int:
    old = [case_ids[n] for n, c in todo if c.external_id in p.existing and c.events]
    have = _existing_pairs(Event, old, "source_key", source_key="")
    added = 0
    for n, c in todo:
        pk = case_ids[n]
        for i, e in enumerate(c.events):
            if (n, "events", i) in skipped:
                continue
            key = e.key()
            if (pk, key) in have:
                continue
            have.add((pk, key))  # the same event twice in one input is one event
            data: dict[str, Any] = {}
            if e.actor_name:
                data["actor_name"] = e.actor_name
            if e.source_id:
                data["source_id"] = e.source_id
            events.append(
                Event(
                    case_id=pk,
                    at=now,
                    kind=e.kind,
                    occurred_on=e.occurred_on,
                    note=e.note,
                    data=data,
                    source_key=key,
                )
            )
            grew.add(n)
            added += 1
    for part in _chunks(events, BATCH * 5):
        Event.objects.bulk_create(part, batch_size=BATCH)
        done += len(part)
        progress(done)
    return added


def _add_parties(
    p: Plan,
    todo: list[tuple[int, CaseIn]],
    case_ids: dict[int, int],
    skipped: set[tuple[int, str, int]],
    grew: set[int],
) -> tuple[int, int]:
    wanted = [
        (n, i, party)
        for n, c in todo
        for i, party in enumerate(c.parties)
        if (n, "parties", i) not in skipped
    ]
    if not wanted:
        return 0, 0
    persons = _persons(p, [party for _, _, party in wanted if party.kind == "person"])
    created_persons = persons.pop(("", ""), 0)
    old = [case_ids[n] for n, c in todo if c.external_id in p.existing and c.parties]
    have = _existing_pairs(Party, old, "role", "entity_id", "person_id")
    objs = []
    for n, _, party in wanted:
        pk = case_ids[n]
        if party.kind == "entity":
            entity_id, person_id = p.entities[party.uscc], None
        else:
            entity_id, person_id = None, persons[(party.id_number, party.name)]
        key = (pk, party.role, entity_id, person_id)
        if key in have:
            continue
        have.add(key)
        objs.append(Party(case_id=pk, role=party.role, entity_id=entity_id, person_id=person_id))
        grew.add(n)
    Party.objects.bulk_create(objs, batch_size=BATCH)
    return len(objs), created_persons


def _persons(p: Plan, parties: list[PartyIn]) -> dict[tuple[str, str], int]:
    """Persons by (ID number, name): the existing ones, and new ones registered by the
    importing department. The count created is under the key ("", "")."""
    wanted = {(x.id_number, x.name): x for x in parties}
    found: dict[tuple[str, str], int] = {}
    numbers = sorted({k[0] for k in wanted})
    for part in _chunks(numbers, KEY_CHUNK):
        for pk, number, name in (
            Person.objects.filter(id_number__in=part)
            .order_by("pk")
            .values_list("pk", "id_number", "name")
        ):
            found.setdefault((number, name), pk)
    missing = [k for k in wanted if k not in found]
    for part in _chunks(missing, BATCH):
        objs = [
            Person(
                name=name,
                id_number=number,
                id_type=wanted[(number, name)].id_type,
                owner_unit_id=p.owner_id,
            )
            for number, name in part
        ]
        Person.objects.bulk_create(objs, batch_size=BATCH)
        for key, obj in zip(part, objs, strict=True):
            found[key] = obj.pk
    found[("", "")] = len(missing)
    return found


def _add_documents(
    p: Plan,
    todo: list[tuple[int, CaseIn]],
    case_ids: dict[int, int],
    skipped: set[tuple[int, str, int]],
    grew: set[int],
    now: Any,
) -> int:
    old = [case_ids[n] for n, c in todo if c.external_id in p.existing and c.documents]
    have = _existing_pairs(CollectedDocument, old, "sha256")
    objs = []
    for n, c in todo:
        pk = case_ids[n]
        for i, d in enumerate(c.documents):
            if (n, "documents", i) in skipped or (pk, d.sha256) in have:
                continue
            have.add((pk, d.sha256))
            objs.append(
                CollectedDocument(
                    case_id=pk,
                    title=d.title,
                    number=d.number,
                    issued_on=d.issued_on,
                    sha256=d.sha256,
                    size=d.size,
                    at=now,
                )
            )
            grew.add(n)
    CollectedDocument.objects.bulk_create(objs, batch_size=BATCH)
    return len(objs)


def collect(
    cases: Sequence[CaseIn],
    *,
    source_system: str,
    owner: OrgUnit,
    actor: Any = None,
    kind: str = COLLECTED_KIND,
    digest: str = "",
    source: str = "",
) -> tuple[Plan, Collected | None]:
    """Check and, if nothing is wrong, write ``cases`` in one transaction with one audit
    event (the push API and the JSON-lines file import). With any problem nothing is
    written and the result is None: the caller reports ``plan.problems``."""
    from auditlog.context import disable_auditlog

    from fazhi.core.integrity.audit import record_bulk_import

    p = plan(cases, source_system=source_system, owner=owner, kind=kind)
    if p.problems:
        return p, None
    # Per-row model audit is off (one entry per row); the run is the one audit event.
    with transaction.atomic(), disable_auditlog():
        outcome = write(p, actor=actor)
        record_bulk_import(
            Case._meta.label,
            rows=len(cases),
            digest=digest,
            source=source[:300],
            staff=actor,
            changes={**outcome.audit(), "source_system": source_system},
        )
    return p, outcome


# --------------------------------------------------------------------------------------------
# The push format (JSON): one case per object
# --------------------------------------------------------------------------------------------

_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
STATE_BY_LABEL = {str(s.label): str(s.value) for s in CollectedState}


def _text(obj: Mapping[str, Any], key: str, limit: int, errors: list, path: str) -> str:
    value = obj.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str | int):
        errors.append((f"{path}{key}", "应为文本"))
        return ""
    value = str(value).strip()
    if len(value) > limit:
        errors.append((f"{path}{key}", f"不能超过{limit}个字"))
    return value


def _date(obj: Mapping[str, Any], key: str, errors: list, path: str) -> date | None:
    value = obj.get(key)
    if value in (None, ""):
        return None
    if isinstance(value, str) and _DATE_RE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    errors.append((f"{path}{key}", f"不是有效日期“{value}”，应写作 YYYY-MM-DD"))
    return None


def _list(obj: Mapping[str, Any], key: str, errors: list) -> list[Any]:
    value = obj.get(key) or []
    if not isinstance(value, list) or not all(isinstance(x, dict) for x in value):
        errors.append((key, "应为对象数组"))
        return []
    return value


def _detail_value(f: models.Field, obj: Mapping[str, Any], errors: list, empty: Any) -> Any:
    """One detail field of the push format, checked by the model field's type."""
    key = f.name
    raw = obj.get(key)
    if raw in (None, ""):
        return empty
    if f.choices:
        labels = {str(label): str(value) for value, label in f.flatchoices}
        text = str(raw).strip()
        if text in labels.values():
            return text
        if text in labels:
            return labels[text]
        errors.append((key, "可选：" + "、".join(labels)))
        return empty
    if isinstance(f, models.DateField):
        return _date(obj, key, errors, "")
    if isinstance(f, models.DecimalField):
        try:
            value = Decimal(str(raw))
        except InvalidOperation:
            errors.append((key, f"不是有效的数字“{raw}”"))
            return empty
        if not value.is_finite() or value < 0:
            errors.append((key, "应为不小于0的数字"))
            return empty
        if value >= Decimal(10) ** ((f.max_digits or 14) - (f.decimal_places or 0)):
            errors.append((key, "数值过大"))
            return empty
        return value.quantize(Decimal(1).scaleb(-(f.decimal_places or 0)))
    return _text(obj, key, getattr(f, "max_length", None) or 5000, errors, "")


def parse_case(obj: Any, kind: str = COLLECTED_KIND) -> tuple[CaseIn | None, list[tuple[str, str]]]:
    """One case of the push format, or the (field path, Chinese message) errors in it.

    ``{"external_id", "title", "number", "state" (code or label, e.g. "立案"), "opened_on",
    "closed_on", "parties": [{"kind": "entity"|"person", "role", "name", "uscc", "id_number",
    "id_type"}], "events": [{"id", "occurred_on", "kind", "note", "actor"}], "documents":
    [{"title", "number", "sha256", "size", "issued_on"}]}`` and, flat beside the case's own
    keys, the fields of the kind's detail (``register_detail``; e.g. "outcome", "fine").
    """
    errors: list[tuple[str, str]] = []
    if not isinstance(obj, dict):
        return None, [("", "每个案件应为一个对象")]
    external_id = _text(obj, "external_id", 100, errors, "")
    if not external_id:
        errors.append(("external_id", "必填，不能为空"))
    title = _text(obj, "title", 200, errors, "")
    if not title:
        errors.append(("title", "必填，不能为空"))
    opened_on = _date(obj, "opened_on", errors, "")
    if opened_on is None and not any(k == "opened_on" for k, _ in errors):
        errors.append(("opened_on", "必填，不能为空"))
    state = _text(obj, "state", 40, errors, "") or CollectedState.FILED
    state = STATE_BY_LABEL.get(state, state)
    fields = CaseFields(
        title=title,
        opened_on=opened_on or date.min,
        state=state,
        number=_text(obj, "number", 60, errors, ""),
        closed_on=_date(obj, "closed_on", errors, ""),
    )
    case = CaseIn(external_id=external_id, fields=fields)
    detail = detail_for(kind)
    if detail is not None:
        case.detail = {
            name: _detail_value(detail.field(name), obj, errors, detail.empty(name))
            for name in detail.fields
        }
    for i, raw in enumerate(_list(obj, "parties", errors)):
        path = f"parties[{i}]."
        kind = _text(raw, "kind", 10, errors, path) or "entity"
        case.parties.append(
            PartyIn(
                kind={"单位": "entity", "个人": "person"}.get(kind, kind),
                name=_text(raw, "name", 200, errors, path),
                uscc=_text(raw, "uscc", 18, errors, path).upper(),
                id_number=_text(raw, "id_number", 20, errors, path).upper(),
                id_type=_text(raw, "id_type", 40, errors, path) or IdType.RESIDENT_ID,
                role=_text(raw, "role", 20, errors, path) or PartyRole.PARTY,
            )
        )
    for i, raw in enumerate(_list(obj, "events", errors)):
        path = f"events[{i}]."
        on = _date(raw, "occurred_on", errors, path)
        kind = _text(raw, "kind", 60, errors, path)
        if on is None and f"{path}occurred_on" not in {k for k, _ in errors}:
            errors.append((f"{path}occurred_on", "必填，不能为空"))
        if not kind:
            errors.append((f"{path}kind", "必填，不能为空"))
        case.events.append(
            EventIn(
                occurred_on=on or date.min,
                kind=kind,
                note=_text(raw, "note", 5000, errors, path),
                actor_name=_text(raw, "actor", 50, errors, path),
                source_id=_text(raw, "id", 70, errors, path),
            )
        )
    for i, raw in enumerate(_list(obj, "documents", errors)):
        path = f"documents[{i}]."
        size = raw.get("size")
        if not isinstance(size, int) or isinstance(size, bool):
            errors.append((f"{path}size", "应为整数（字节）"))
            size = 0
        doc_title = _text(raw, "title", 200, errors, path)
        if not doc_title:
            errors.append((f"{path}title", "必填，不能为空"))
        case.documents.append(
            DocumentIn(
                title=doc_title,
                sha256=_text(raw, "sha256", 64, errors, path).lower(),
                size=size,
                number=_text(raw, "number", 80, errors, path),
                issued_on=_date(raw, "issued_on", errors, path),
            )
        )
    return (None if errors else case), errors


def read_json_lines(fileobj: IO[bytes]) -> tuple[list[CaseIn], list[tuple[int, str, str]]]:
    """The push format as a file, one case per line: (cases, [(line, field, message)])."""
    cases: list[CaseIn] = []
    errors: list[tuple[int, str, str]] = []
    for number, line in enumerate(fileobj, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError:
            errors.append((number, "", "不是有效的 JSON"))
            continue
        case, problems = parse_case(obj)
        errors.extend((number, path, message) for path, message in problems)
        if case is not None:
            cases.append(case)
    return cases, errors
