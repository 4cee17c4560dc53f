"""Case kinds and their transition tables; a transition is one atomic function.

A domain declares its states as ``TextChoices`` and its transitions next to them, then
registers a ``Workflow``. ``transition()`` locks the case row (two clerks may press the same
button at once), checks the source state and the gates, writes the event and updates the
state in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction

from .models import Case, Event

Gate = Callable[[Case, Any], str | None]  # returns a Chinese reason when the gate is closed


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset[str]
    target: str
    gates: tuple[Gate, ...] = ()
    # Org-unit roles (ParticipantRole) whose staff may take this step.
    by_roles: frozenset[str] = frozenset({"owner", "handler"})


@dataclass
class Workflow:
    kind: str
    label: str
    states: type[models.TextChoices]
    initial: str
    transitions: dict[str, Transition] = field(default_factory=dict)

    def add(
        self,
        name: str,
        label: str,
        sources: Iterable[str],
        target: str,
        *,
        gates: Sequence[Gate] = (),
        by_roles: Iterable[str] = ("owner", "handler"),
    ) -> None:
        self.transitions[name] = Transition(
            name, label, frozenset(sources), target, tuple(gates), frozenset(by_roles)
        )

    def state_label(self, state: str) -> str:
        try:
            return str(self.states(state).label)
        except ValueError:
            return state

    def available(self, state: str) -> list[Transition]:
        return [t for t in self.transitions.values() if state in t.sources]


_WORKFLOWS: dict[str, Workflow] = {}


def register(workflow: Workflow) -> Workflow:
    _WORKFLOWS[workflow.kind] = workflow
    return workflow


def workflow_for(kind: str) -> Workflow | None:
    return _WORKFLOWS.get(kind)


class TransitionError(ValidationError):
    pass


def _may_act(case: Case, actor: Any, t: Transition) -> bool:
    """The actor's unit takes part in the case in a role that may take this step, and the case
    is within what the actor may change (administrator and personal roles never act)."""
    from fazhi.core.org.scoping import visible_unit_ids

    from .models import Participant

    if actor is None:  # system jobs act through the scheduler
        return True
    units = visible_unit_ids(actor, "change")
    return Participant.objects.filter(
        case=case, org_unit_id__in=units, role__in=t.by_roles
    ).exists()


def transition(
    case: Case,
    name: str,
    actor: Any,
    *,
    note: str = "",
    data: dict[str, Any] | None = None,
    document_ids: Sequence[int] = (),
    context: Any = None,
) -> Event:
    wf = workflow_for(case.kind)
    if wf is None or name not in wf.transitions:
        raise TransitionError(f"案件类型 {case.kind} 没有“{name}”这一步")
    t = wf.transitions[name]
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        if locked.state not in t.sources:
            raise TransitionError(
                f"当前状态为“{wf.state_label(locked.state)}”，不能执行“{t.label}”"
            )
        if not _may_act(locked, actor, t):
            raise PermissionDenied(f"您所在的机构不能对本案执行“{t.label}”")
        reasons = [r for gate in t.gates if (r := gate(locked, context))]
        if reasons:
            raise TransitionError(reasons)
        event = Event.objects.create(
            case=locked,
            actor=actor,
            kind=name,
            from_state=locked.state,
            to_state=t.target,
            note=note,
            data=data or {},
            document_ids=list(document_ids),
        )
        locked.state = t.target
        locked.save(update_fields=["state"])
        case.state = t.target
        return event


def open_case(
    kind: str,
    *,
    number: str,
    title: str,
    owner: Any,
    actor: Any = None,
    opened_on: Any = None,
    extra_participants: Sequence[tuple[Any, str]] = (),
    source_system: str = "",
    external_id: str = "",
) -> Case:
    """Create a case in its workflow's initial state with its owner and first event."""
    from .models import Participant

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
            to_state=wf.initial,
            note="导入" if source_system else "",
            data={"source_system": source_system, "external_id": external_id}
            if source_system
            else {},
        )
        return case
