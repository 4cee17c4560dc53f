"""Case kinds and their steps; a step is one atomic function, taken by a person in a role.

A domain declares its states as ``TextChoices`` and its steps next to them, then registers a
``Workflow``. A step (``Step``) says which states it leaves from and goes to, which staff roles
(承办人, 法制审核人员, 负责人 …) held in which participant unit may take it, its legal basis, its
gates, its form and what it does (number the case, start or meet deadlines, close the case, a
domain effect). ``take()`` locks the case row (two clerks may press the same button at once),
checks everything, writes the event with its business date and runs the effects in one
transaction. Every refusal is a ``Refusal``: a Chinese message naming the missing step or
condition, and its article.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from fazhi.core.org.choices import SUPERVISORY_ROLES, Role

from .models import Case, Event, Participant

# A step whose target is STAY leaves the case in the state it was in (e.g. a supervisor's
# opinion on a collected case, which may come at any stage of the source's procedure).
STAY = ""

# 行政处罚法 (2021修订, 施行2021-07-15) 第五十八条第二款: 行政机关中初次从事行政处罚决定法制审核
# 的人员，应当通过国家统一法律职业资格考试取得法律职业资格。A reviewer who reviewed before that
# date is not reviewing "for the first time" under the new rule.
LEGAL_REVIEW_QUALIFICATION_FROM = date(2021, 7, 15)
LEGAL_REVIEW_BASIS = "行政处罚法 第五十八条第二款"


@dataclass(frozen=True)
class Refusal:
    """Why a step cannot be taken: what is missing, and the article that requires it."""

    message: str
    basis: str = ""
    # The step that has to come first, when that is what is missing.
    missing_step: str = ""

    def __str__(self) -> str:
        return f"{self.message}（{self.basis}）" if self.basis else self.message

    def as_dict(self) -> dict[str, str]:
        return {"message": self.message, "basis": self.basis, "missing_step": self.missing_step}


class TransitionError(ValidationError):
    """A step was refused; ``refusals`` says why, each with its legal basis."""

    def __init__(self, refusals: Refusal | str | Sequence[Refusal | str]) -> None:
        if isinstance(refusals, Refusal | str):
            refusals = [refusals]
        self.refusals = [r if isinstance(r, Refusal) else Refusal(r) for r in refusals]
        super().__init__([str(r) for r in self.refusals])


class StepRefused(TransitionError):
    """The actor may not take the step (role, unit or qualification)."""


@dataclass(frozen=True)
class StepContext:
    """What a gate or an effect sees: the (locked) case, who acts, the step's form data and
    the business date the act happens on (not the time the row is written)."""

    case: Case
    actor: Any
    data: Mapping[str, Any]
    on: date
    step: Step


Gate = Callable[[StepContext], "Refusal | str | None"]
Effect = Callable[[StepContext, Event], None]


@dataclass(frozen=True)
class Step:
    name: str
    label: str
    sources: frozenset[str]
    # The state the step leads to; STAY ("") keeps the case's present state.
    target: str
    # Staff roles (org.choices.Role) of whoever may take the step …
    staff_roles: frozenset[str]
    # … held in an org unit that takes part in the case in one of these roles.
    unit_roles: frozenset[str] = frozenset({"owner"})
    basis: str = ""
    gates: tuple[Gate, ...] = ()
    form: type[forms.Form] | None = None
    effect: Effect | None = None
    # Allocates the case number (the step that files the case: 立案, 受理).
    files_case: bool = False
    closes: bool = False
    # Statutory periods (fazhi.core.clock.statutes keys) started on the step's date, and met.
    starts: tuple[str, ...] = ()
    meets: tuple[str, ...] = ()
    # A legal review (法制审核): the reviewer's qualification is checked.
    legal_review: bool = False
    # A supervision step may be taken on a collected case (归集), which is otherwise read-only.
    supervision: bool = False
    # Taken by the system (a scheduled job), never offered to a person.
    system: bool = False

    def role_labels(self) -> str:
        labels = {str(r.label) for r in Role if r.value in self.staff_roles}
        return "、".join(sorted(labels)) or "—"


# Kept as the name domains used first.
Transition = Step


@dataclass
class Workflow:
    kind: str
    label: str
    states: type[models.TextChoices]
    initial: str
    transitions: dict[str, Step] = field(default_factory=dict)
    # The case number for a case being filed on ``on`` (never reused: fazhi numbering).
    numbering: Callable[[Case, date], str] | None = None
    # The domain's detail model (one-to-one to Case), shown on the case page.
    detail: Callable[[Case], Any] | None = None
    # Working days ahead a deadline of this kind is announced (else FAZHI_DEADLINE_WARN).
    warn_workdays: int | None = None
    # Registering a new case of this kind: its form, who may (staff roles), and the function
    # that creates it as ``create(actor, unit, cleaned_data, on)`` in the actor's unit.
    create_form: type[forms.Form] | None = None
    create_roles: frozenset[str] = frozenset()
    create: Callable[[Any, Any, Mapping[str, Any], date], Case] | None = None
    # A domain's own pages about one case of this kind, linked from the case page: (label,
    # URL name taking the case's pk), e.g. the full-process record of an enforcement case.
    pages: list[tuple[str, str]] = field(default_factory=list)

    def creating_units(self, actor: Any) -> list[Any]:
        """The org units in which ``actor`` may register a case of this kind."""
        if self.create is None or actor is None or not getattr(actor, "is_authenticated", False):
            return []
        return [r.org_unit for r in actor.role_rows() if r.role in self.create_roles]

    def add(
        self,
        name: str,
        label: str,
        sources: Iterable[str],
        target: str,
        *,
        staff_roles: Iterable[str] = (Role.CLERK,),
        unit_roles: Iterable[str] = ("owner",),
        by_roles: Iterable[str] | None = None,
        gates: Sequence[Gate] = (),
        **options: Any,
    ) -> Step:
        step = Step(
            name,
            label,
            frozenset(sources),
            target,
            frozenset(staff_roles),
            frozenset(by_roles if by_roles is not None else unit_roles),
            gates=tuple(gates),
            **options,
        )
        self.transitions[name] = step
        return step

    def state_label(self, state: str) -> str:
        try:
            return str(self.states(state).label)
        except ValueError:
            return state

    def available(self, state: str) -> list[Step]:
        return [t for t in self.transitions.values() if state in t.sources]

    def path_to(self, state: str, step: Step) -> list[Step]:
        """The shortest run of steps from ``state`` to a state ``step`` may leave from."""
        seen = {state}
        queue: deque[tuple[str, list[Step]]] = deque([(state, [])])
        while queue:
            here, path = queue.popleft()
            if here in step.sources:
                return path
            for t in self.transitions.values():
                if t.target == STAY:
                    continue
                if here in t.sources and t.target not in seen and not t.system:
                    seen.add(t.target)
                    queue.append((t.target, [*path, t]))
        return []


_WORKFLOWS: dict[str, Workflow] = {}


def register(workflow: Workflow) -> Workflow:
    _WORKFLOWS[workflow.kind] = workflow
    return workflow


def workflow_for(kind: str) -> Workflow | None:
    return _WORKFLOWS.get(kind)


def workflows() -> list[Workflow]:
    return sorted(_WORKFLOWS.values(), key=lambda w: w.kind)


# Another app reacting to a step it does not own (e.g. a reconsideration decision that ends a
# penalty decision's publication): run in the step's transaction, after the step's own effect,
# so a failure rolls the step back too. Keyed by (case kind, step name).
_AFTER_STEP: dict[tuple[str, str], list[Effect]] = {}


def register_after_step(kind: str, step_name: str, fn: Effect) -> None:
    """Run ``fn(ctx, event)`` after step ``step_name`` of ``kind`` is taken (once per function:
    registering the same one again, as a reloaded ``ready()`` does, changes nothing)."""
    hooks = _AFTER_STEP.setdefault((kind, step_name), [])
    if fn not in hooks:
        hooks.append(fn)


# -- who may act ------------------------------------------------------------------------------


def acting_units(case: Case, actor: Any, step: Step) -> list[int]:
    """The participant units of ``case`` in which ``actor`` may take ``step``: the actor holds
    one of the step's staff roles there, and the unit takes part in one of its unit roles."""
    if actor is None or not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return []
    units = {row.org_unit_id for row in actor.role_rows() if row.role in step.staff_roles}
    if not units:
        return []
    return list(
        Participant.objects.filter(
            case=case, org_unit_id__in=units, role__in=step.unit_roles
        ).values_list("org_unit_id", flat=True)
    )


def supervising_units(case: Case, actor: Any, step: Step) -> list[int]:
    """For a supervision step: the participant units of ``case`` (in the step's unit roles)
    that lie in the area of a government whose justice bureau the actor supervises for.

    A supervisor (司法局监督人员) oversees the administrative enforcement of their government and
    of the governments below it, as they see its records (org.scoping); a collected case has no
    justice-bureau participant, since the sector system knows nothing of it.
    """
    if not step.supervision or actor is None:
        return []
    prefixes = [
        row.org_unit.government_path()
        for row in actor.role_rows()
        if row.role in step.staff_roles and row.role in SUPERVISORY_ROLES
    ]
    if not prefixes:
        return []
    area = models.Q()
    for prefix in prefixes:
        area |= models.Q(org_unit__path__startswith=prefix)
    return list(
        Participant.objects.filter(area, case=case, role__in=step.unit_roles).values_list(
            "org_unit_id", flat=True
        )
    )


def _personal(case: Case, actor: Any, step: Step) -> bool:
    """A personal assignment (e.g. a committee member) in one of the step's unit roles."""
    if actor is None or not actor.has_role(*step.staff_roles):
        return False
    return Participant.objects.filter(case=case, staff=actor, role__in=step.unit_roles).exists()


def _role_refusal(case: Case, actor: Any, step: Step) -> Refusal | None:
    if step.system:
        return Refusal(f"“{step.label}”由系统按期自动办理，不能手动执行", step.basis)
    if actor is None:
        return Refusal(f"“{step.label}”须由工作人员办理", step.basis)
    if (
        acting_units(case, actor, step)
        or _personal(case, actor, step)
        or supervising_units(case, actor, step)
    ):
        return None
    from fazhi.core.casework.choices import ParticipantRole

    unit_labels = "或".join(
        sorted(str(r.label) for r in ParticipantRole if r.value in step.unit_roles)
    )
    return Refusal(
        f"“{step.label}”须由本案{unit_labels}的{step.role_labels()}办理，您在本案中没有该角色",
        step.basis,
    )


def _qualification_refusal(actor: Any, step: Step, on: date) -> Refusal | None:
    if not step.legal_review or actor is None or on < LEGAL_REVIEW_QUALIFICATION_FROM:
        return None
    if getattr(actor, "legal_qualification_no", ""):
        return None
    reviewed_before = Event.objects.filter(
        actor=actor,
        kind__in=_legal_review_steps(),
        occurred_on__lt=LEGAL_REVIEW_QUALIFICATION_FROM,
    ).exists()
    if reviewed_before:
        return None
    return Refusal(
        "初次从事法制审核的人员应当取得法律职业资格；请先在人员信息中登记法律职业资格证书编号",
        LEGAL_REVIEW_BASIS,
    )


def _legal_review_steps() -> set[str]:
    return {t.name for wf in _WORKFLOWS.values() for t in wf.transitions.values() if t.legal_review}


def _state_refusal(wf: Workflow, case: Case, step: Step) -> Refusal | None:
    if case.state in step.sources:
        return None
    current = wf.state_label(case.state)
    path = wf.path_to(case.state, step)
    if path:
        first = path[0]
        return Refusal(
            f"当前状态为“{current}”，须先完成“{first.label}”，才能“{step.label}”",
            first.basis or step.basis,
            missing_step=first.name,
        )
    return Refusal(f"当前状态为“{current}”，不能再“{step.label}”", step.basis)


def _collected_refusal(case: Case, step: Step) -> Refusal | None:
    if case.source_system and not step.supervision:
        return Refusal(
            f"本案由{case.source_system}办理并归集到本平台，本平台只能进行监督步骤，"
            f"不能“{step.label}”"
        )
    return None


def step_form(step: Step, case: Case, data: Any = None, **kwargs: Any) -> forms.Form | None:
    """The step's form for this case. A form with a ``bind_case(case)`` method narrows its
    choices to the case (e.g. only the officers of the case's own department)."""
    if step.form is None:
        return None
    form = step.form(data, **kwargs)
    bind = getattr(form, "bind_case", None)
    if callable(bind):
        bind(case)
    return form


def _form_refusals(
    step: Step, data: Mapping[str, Any] | None, case: Case
) -> tuple[dict[str, Any], list]:
    form = step_form(step, case, dict(data or {}))
    if form is None:
        return dict(data or {}), []
    if form.is_valid():
        return form.cleaned_data, []
    return {}, form_refusals(form, step.basis)


def form_refusals(form: forms.Form, basis: str = "") -> list[Refusal]:
    """A form's errors as refusals, each named by its field's label."""
    refusals = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for error in errors:
            refusals.append(Refusal(f"{label}：{error}" if label else str(error), basis))
    return refusals


def refusals_for(case: Case, name: str, actor: Any) -> list[Refusal]:
    """Why ``actor`` may not take step ``name`` now, before any form is filled (for the case
    page and the API's list of steps); empty when the step is open to them."""
    wf = workflow_for(case.kind)
    if wf is None or name not in wf.transitions:
        return [Refusal(f"本类案件没有“{name}”这一步")]
    step = wf.transitions[name]
    checks = (
        _collected_refusal(case, step),
        _state_refusal(wf, case, step),
        _role_refusal(case, actor, step),
        _qualification_refusal(actor, step, timezone.localdate()),
    )
    return [r for r in checks if r is not None]


def steps_for(case: Case, actor: Any) -> list[tuple[Step, list[Refusal]]]:
    """Every step a person could take on the case in its present state, with why not."""
    wf = workflow_for(case.kind)
    if wf is None:
        return []
    return [
        (t, refusals_for(case, t.name, actor)) for t in wf.available(case.state) if not t.system
    ]


def take(
    case: Case,
    name: str,
    actor: Any,
    *,
    data: Mapping[str, Any] | None = None,
    on: date | None = None,
    note: str = "",
    document_ids: Sequence[int] = (),
) -> Event:
    """Take step ``name`` on ``case`` as ``actor`` on business date ``on`` (default today)."""
    wf = workflow_for(case.kind)
    if wf is None or name not in wf.transitions:
        raise TransitionError(f"案件类型 {case.kind} 没有“{name}”这一步")
    return _take(wf, wf.transitions[name], case, actor, data, on, note, document_ids)


def take_system(
    case: Case, name: str, *, on: date, data: Mapping[str, Any] | None = None, note: str = ""
) -> Event:
    """Take a ``system`` step (e.g. 视为受理 when a review period lapses): no person acts, the
    state and the gates are checked as for any step, the event has no actor."""
    wf = workflow_for(case.kind)
    if wf is None or name not in wf.transitions or not wf.transitions[name].system:
        raise TransitionError(f"案件类型 {case.kind} 没有由系统办理的“{name}”这一步")
    return _take(wf, wf.transitions[name], case, None, data, on, note, ())


def _take(
    wf: Workflow,
    step: Step,
    case: Case,
    actor: Any,
    data: Mapping[str, Any] | None,
    on: date | None,
    note: str,
    document_ids: Sequence[int],
) -> Event:
    name = step.name
    on = on or timezone.localdate()
    with transaction.atomic():
        # Two staff pressing the same button: the second waits here and then sees the new state.
        locked = Case.objects.select_for_update().get(pk=case.pk)
        for check in (_collected_refusal(locked, step), _state_refusal(wf, locked, step)):
            if check is not None:
                raise TransitionError(check)
        if not (step.system and actor is None):
            who = _role_refusal(locked, actor, step) or _qualification_refusal(actor, step, on)
            if who is not None:
                raise StepRefused(who)
        cleaned, refusals = _form_refusals(step, data, locked)
        ctx = StepContext(locked, actor, cleaned, on, step)
        for gate in step.gates:
            result = gate(ctx)
            if result:
                refusals.append(
                    result if isinstance(result, Refusal) else Refusal(result, step.basis)
                )
        if refusals:
            raise TransitionError(refusals)
        target = step.target or locked.state
        fields = ["state"]
        if step.files_case and not locked.number:
            if wf.numbering is None:
                raise TransitionError(f"案件类型 {wf.label} 没有声明编号规则")
            locked.number = wf.numbering(locked, on)
            fields.append("number")
        if step.closes:
            locked.closed_on = on
            fields.append("closed_on")
        event = Event.objects.create(
            case=locked,
            actor=actor,
            kind=name,
            occurred_on=on,
            from_state=locked.state,
            to_state=target,
            note=note or str(cleaned.get("note", "") or ""),
            data=_jsonable({**cleaned, "basis": step.basis} if step.basis else cleaned),
            document_ids=list(document_ids),
        )
        locked.state = target
        locked.save(update_fields=fields)
        _deadlines(locked, step, on, actor)
        if step.effect is not None:
            step.effect(ctx, event)
        for hook in _AFTER_STEP.get((wf.kind, name), ()):
            hook(ctx, event)
        for attr in fields:
            setattr(case, attr, getattr(locked, attr))
        return event


def _deadlines(case: Case, step: Step, on: date, actor: Any) -> None:
    from .choices import DeadlineStatus
    from .deadlines import mark_met, start_deadline

    for key in step.meets:
        for d in case.deadlines.filter(key=key, status=DeadlineStatus.RUNNING):
            mark_met(d, on, actor=actor)
    for key in step.starts:
        start_deadline(case, key, on, actor=actor)


def _jsonable(data: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, date):
            out[key] = value.isoformat()
        elif isinstance(value, models.Model):
            out[key] = value.pk
        elif value is None or isinstance(value, str | int | float | bool | list | dict):
            out[key] = value
        else:
            out[key] = str(value)
    return out


def transition(
    case: Case,
    name: str,
    actor: Any,
    *,
    note: str = "",
    data: Mapping[str, Any] | None = None,
    document_ids: Sequence[int] = (),
    on: date | None = None,
) -> Event:
    """The older name of ``take``."""
    return take(case, name, actor, data=data, on=on, note=note, document_ids=document_ids)


def open_case(
    kind: str,
    *,
    number: str = "",
    title: str,
    owner: Any,
    actor: Any = None,
    opened_on: Any = None,
    extra_participants: Sequence[tuple[Any, str]] = (),
    source_system: str = "",
    external_id: str = "",
) -> Case:
    """Create a case in its workflow's initial state with its owner and first event. A case
    may exist before its number (a lead, an application before acceptance): the step that
    files it allocates one."""
    wf = workflow_for(kind)
    if wf is None:
        raise TransitionError(f"未登记的案件类型：{kind}")
    with transaction.atomic():
        fields: dict[str, Any] = {
            "kind": kind,
            "number": number,
            "title": title,
            "state": wf.initial,
            "source_system": source_system,
            "external_id": external_id,
        }
        if opened_on is not None:
            fields["opened_on"] = opened_on
        case = Case.objects.create(**fields)
        Participant.objects.create(case=case, org_unit=owner, role="owner")
        for unit, role in extra_participants:
            Participant.objects.create(case=case, org_unit=unit, role=role)
        Event.objects.create(
            case=case,
            actor=actor,
            kind="open",
            occurred_on=case.opened_on,
            to_state=wf.initial,
            note="导入" if source_system else "",
            data={"source_system": source_system, "external_id": external_id}
            if source_system
            else {},
        )
        return case


def register_case(
    kind: str, actor: Any, data: Mapping[str, Any], *, unit: Any = None, on: date | None = None
) -> Case:
    """Register a new case of ``kind`` from its creation form's data, in a unit where the actor
    holds a role that may (the case page's 登记 and ``POST /api/cases/``)."""
    wf = workflow_for(kind)
    if wf is None or wf.create is None or wf.create_form is None:
        raise TransitionError(f"案件类型 {kind} 不能在本平台登记")
    units = wf.creating_units(actor)
    if unit is not None:
        units = [u for u in units if u.pk == getattr(unit, "pk", unit)]
    if not units:
        roles = "、".join(sorted(str(r.label) for r in Role if r.value in wf.create_roles))
        raise StepRefused(f"登记{wf.label}须由{roles or '有权机构的工作人员'}办理")
    # A QueryDict stays one (dict() of it would turn every value into a list).
    form = wf.create_form(data=data if hasattr(data, "getlist") else dict(data))
    if not form.is_valid():
        raise TransitionError(form_refusals(form))
    return wf.create(actor, units[0], form.cleaned_data, on or timezone.localdate())
