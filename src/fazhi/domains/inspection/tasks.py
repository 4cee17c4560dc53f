"""Inspection tasks (抽查检查任务) as casework cases of kind ``inspection``.

After the draw, each target becomes one task per department taking part (a joint campaign's
partners each inspect their own items with their own drawn team, in the same visit): a case
owned by the department, on which each assigned inspector takes part personally (``handler``),
so the task waits on the inspectors' own workbench. Creating them is one bulk write per
campaign, whatever its size.

Steps, each by an assigned inspector (执法人员) in person:
  已派发 —记录检查情况 (findings, photos with their digests; repeatable)→
  已派发 —录入检查结果 (national category, end of inspection)→ 已录入结果
  已录入结果 —确认检查结果 (a second inspector of the team: both have signed)→ 检查人员已确认
Until the result is published only the assigned inspectors take part in the case (in person):
the targets of an unannounced inspection stay secret even from the supervisors above; the
department (owner) and a joint campaign's partners (co-inspectors) join it on publication.
On confirmation the 20-working-day publication deadline starts from the end of the inspection,
and a violation opens a penalty case at its clue step (``penalty`` workflow, 线索) or is referred
to the body that alone may act (the market regulator for the abnormal-operation list).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any, cast

from django import forms
from django.db import transaction
from django.db.models import Q

from fazhi.core.casework.deadlines import start_deadline
from fazhi.core.casework.models import Case, Event, Participant, Party
from fazhi.core.casework.numbering import yearly_case_number
from fazhi.core.casework.services import link_cases
from fazhi.core.casework.workflow import (
    STAY,
    Refusal,
    StepContext,
    Workflow,
    register,
    workflow_for,
)
from fazhi.core.org.choices import Role
from fazhi.core.org.models import Officer, OrgUnit
from fazhi.domains.lists.choices import PowerKind
from fazhi.domains.lists.models import PowerItem

from . import rules
from .campaign_choices import MARKET_ONLY, FollowUp, ResultCategory, TaskState
from .models import CheckItem, Finding, FindingPhoto, InspectionTask

KIND = "inspection"
BASIS = "国发〔2019〕5号"
TEAM_BASIS = "行政处罚法 第四十二条；国发〔2019〕5号"
MARKET_SUFFIX = "-SCJG"
_UNREAD = object()


# -- who is on the team ------------------------------------------------------------------------


def task_of(case: Case) -> InspectionTask:
    """The case's task, read once per case instance: a step's gates, form and effect all see
    the one locked by ``take`` (each step locks a fresh instance, so none sees a stale task)."""
    task = case.__dict__.get("_inspection_task")
    if task is None:
        task = InspectionTask.objects.select_related("entity", "department").get(case=case)
        case.__dict__["_inspection_task"] = task
    return task


def officer_of(actor: Any) -> Officer | None:
    """The staff member's officer record, read once per user instance (as ``role_rows``)."""
    pk = getattr(actor, "pk", None)
    if pk is None:
        return None
    cached = getattr(actor, "_inspection_officer", _UNREAD)
    if cached is _UNREAD:
        cached = Officer.objects.filter(staff_id=pk).first()
        actor._inspection_officer = cached
    return cast(Officer | None, cached)


def on_the_team(ctx: StepContext) -> Refusal | None:
    officer = officer_of(ctx.actor)
    task = task_of(ctx.case)
    if officer is None or not task.inspectors.filter(pk=officer.pk).exists():
        return Refusal("只有本次抽查分派的检查人员可以办理", BASIS)
    if not officer.has_valid_credential(ctx.on):
        return Refusal("检查人员须持有有效的执法证件", TEAM_BASIS)
    return None


def second_inspector(ctx: StepContext) -> Refusal | None:
    task = task_of(ctx.case)
    officer = officer_of(ctx.actor)
    if officer is not None and officer.pk == task.recorded_by_id:
        return Refusal("检查结果须由另一名检查人员确认（两名执法人员共同检查）", TEAM_BASIS)
    return None


# -- forms -------------------------------------------------------------------------------------


class FindingForm(forms.Form):
    item = forms.ModelChoiceField(
        label="抽查事项", queryset=CheckItem.objects.all(), required=False
    )
    compliant = forms.BooleanField(label="符合要求", required=False, initial=True)
    text = forms.CharField(label="检查情况", widget=forms.Textarea, max_length=4000)

    def bind_case(self, case: Case) -> None:
        """Only the task's own check items."""
        field = self.fields["item"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = CheckItem.objects.filter(tasks__case=case)


class ResultForm(forms.Form):
    ended_on = forms.DateField(label="检查结束日期")
    category = forms.ChoiceField(label="检查结果", choices=ResultCategory.choices)
    note = forms.CharField(label="结果说明", widget=forms.Textarea, max_length=4000, required=False)
    penalty_item = forms.ModelChoiceField(
        label="立案查处的处罚事项（发现违法违规行为时）",
        queryset=PowerItem.objects.filter(kind=PowerKind.PENALTY),
        required=False,
    )
    refer_to = forms.ModelChoiceField(
        label="移送机关（本部门无权处理时）", queryset=OrgUnit.objects.all(), required=False
    )
    referral_reason = forms.CharField(label="移送理由", max_length=300, required=False)

    def bind_case(self, case: Case) -> None:
        """The department's own penalty items; enforcement bodies to refer to."""
        task = task_of(case)
        for name, qs in (
            (
                "penalty_item",
                PowerItem.objects.filter(kind=PowerKind.PENALTY, department=task.department),
            ),
            (
                "refer_to",
                OrgUnit.objects.filter(kind="department", enforces=True).exclude(
                    pk=task.department_id
                ),
            ),
        ):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = qs

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("category") == ResultCategory.VIOLATION and not (
            data.get("penalty_item") or data.get("refer_to")
        ):
            raise forms.ValidationError(
                "发现违法违规行为的，须选择立案查处的处罚事项，或移送有权机关"
            )
        return data


class ConfirmForm(forms.Form):
    note = forms.CharField(label="确认意见", max_length=300, required=False)


# -- effects -----------------------------------------------------------------------------------


def _finding(ctx: StepContext, event: Event) -> None:
    task = task_of(ctx.case)
    finding = Finding.objects.create(
        task=task,
        item=ctx.data.get("item"),
        compliant=bool(ctx.data.get("compliant")),
        text=ctx.data["text"],
        recorded_on=ctx.on,
    )
    from fazhi.core.casework.models import Document

    for doc in Document.objects.filter(pk__in=event.document_ids, case=ctx.case):
        FindingPhoto.objects.create(
            finding=finding, document=doc, sha256=doc.sha256, taken_on=ctx.on
        )


def ended_not_after(ctx: StepContext) -> Refusal | None:
    ended = ctx.data.get("ended_on")
    if ended is not None and ended > ctx.on:
        return Refusal("检查结束日期不能晚于录入日期", BASIS)
    task = task_of(ctx.case)
    if ended is not None and ended < task.assigned_on:
        return Refusal(f"检查结束日期不能早于派发日期 {task.assigned_on}", BASIS)
    return None


def _record(ctx: StepContext, event: Event) -> None:
    d = ctx.data
    InspectionTask.objects.filter(case=ctx.case).update(
        ended_on=d["ended_on"],
        category=d["category"],
        note=d.get("note") or "",
        recorded_by=officer_of(ctx.actor),
        # Kept until confirmation, when the follow-up is made.
        referred_to=d.get("refer_to"),
        referral_reason=d.get("referral_reason") or "",
    )


def market_regulator(department: OrgUnit) -> OrgUnit | None:
    """The market regulator of the department's government (who keeps the abnormal list)."""
    return (
        OrgUnit.objects.filter(parent_id=department.parent_id, code__endswith=MARKET_SUFFIX)
        .order_by("pk")
        .first()
    )


def _confirm(ctx: StepContext, event: Event) -> None:
    task = task_of(ctx.case)
    assert task.ended_on is not None  # the record step set it
    due = rules.results_due(task.ended_on)
    start_deadline(
        ctx.case,
        rules.RESULT_PUBLICATION_KEY,
        task.ended_on,
        org_unit=task.department,
        actor=ctx.actor,
    )
    fields: dict[str, Any] = {
        "confirmed_by": officer_of(ctx.actor),
        "confirmed_on": ctx.on,
        "due_on": due,
    }
    recorded = ctx.case.events.filter(kind="record").order_by("-id").first()
    penalty_item = (recorded.data.get("penalty_item") if recorded else None) or None
    fields.update(follow_up_for(task, penalty_item, actor=ctx.actor, on=ctx.on))
    InspectionTask.objects.filter(pk=task.pk).update(**fields)


def follow_up_for(
    task: InspectionTask, penalty_item_id: int | None, *, actor: Any, on: date
) -> dict[str, Any]:
    """What the result leads to: a penalty case at its clue step, or a referral."""
    if task.category in MARKET_ONLY and not task.department.code.endswith(MARKET_SUFFIX):
        regulator = market_regulator(task.department)
        return {
            "follow_up": FollowUp.REFERRAL,
            "referred_to": regulator,
            "referral_reason": (
                f"{ResultCategory(task.category).label}：经营异常名录由市场监管部门列入"
            ),
        }
    if task.category != ResultCategory.VIOLATION:
        return {}
    if penalty_item_id:
        case = open_penalty_lead(task, PowerItem.objects.get(pk=penalty_item_id), actor, on)
        return {"follow_up": FollowUp.ENFORCEMENT_CASE, "enforcement_case": case}
    return {"follow_up": FollowUp.REFERRAL}


def open_penalty_lead(task: InspectionTask, power_item: PowerItem, actor: Any, on: date) -> Case:
    """A penalty case at its clue step (线索), through the penalty workflow's own creation, with
    the entity as its party and a link from the inspection that found it."""
    wf = workflow_for("penalty")
    if wf is None or wf.create is None:
        raise RuntimeError("未安装行政执法（处罚）流程")
    data = {
        "title": f"{task.entity.name}涉嫌违法（双随机抽查发现）"[:200],
        "power_item": power_item,
        "violation_on": task.ended_on or on,
        "grave_harm": False,
        "major": False,
        "complex_case": False,
        "party_kind": "organisation",
        "facts": task.note or "双随机抽查发现违法违规行为",
    }
    case = wf.create(actor, task.department, data, on)
    Party.objects.create(case=case, role="party", entity=task.entity)
    link_cases(task.case, case, "opened", actor=actor, on=on)
    return case


# -- the workflow ------------------------------------------------------------------------------


def _number(case: Case, on: date) -> str:
    return yearly_case_number(case, "CC", on)


WORKFLOW = register(
    Workflow(
        KIND,
        "双随机抽查检查",
        TaskState,
        TaskState.ASSIGNED,
        numbering=_number,
        detail=lambda case: InspectionTask.objects.filter(case=case).first(),
    )
)
INSPECTOR = [Role.OFFICER]
PERSONAL = ["handler"]
WORKFLOW.add(
    "finding",
    "记录检查情况",
    [TaskState.ASSIGNED],
    STAY,
    staff_roles=INSPECTOR,
    unit_roles=PERSONAL,
    basis=BASIS,
    gates=[on_the_team],
    form=FindingForm,
    effect=_finding,
)
WORKFLOW.add(
    "record",
    "录入检查结果",
    [TaskState.ASSIGNED],
    TaskState.RECORDED,
    staff_roles=INSPECTOR,
    unit_roles=PERSONAL,
    basis=BASIS,
    gates=[on_the_team, ended_not_after],
    form=ResultForm,
    effect=_record,
)
WORKFLOW.add(
    "confirm",
    "确认检查结果",
    [TaskState.RECORDED],
    TaskState.CONFIRMED,
    staff_roles=INSPECTOR,
    unit_roles=PERSONAL,
    basis=TEAM_BASIS,
    gates=[on_the_team, second_inspector],
    form=ConfirmForm,
    effect=_confirm,
    closes=True,
)


# -- creating the tasks of a drawn campaign (bulk) ----------------------------------------------


def create_tasks(
    campaign: Any,
    teams: Mapping[int, Mapping[int, Sequence[int]]],
    items: Mapping[int, Sequence[int]],
    *,
    on: date,
    actor: Any = None,
) -> list[InspectionTask]:
    """One task per (target, department): ``teams[department_id][target_id]`` the officer ids
    of that department's team for the target, ``items[department_id]`` its check items. The
    cases, their participants and first events, and the tasks are written in a few bulk
    inserts. Number allocation stays per case (numbering is never reused)."""
    from .models import Target  # the draw's model

    targets = list(
        Target.objects.filter(campaign=campaign).select_related("entity").order_by("rank")
    )
    departments = {u.pk: u for u in OrgUnit.objects.filter(pk__in=list(teams))}
    staff_of = dict(
        Officer.objects.filter(
            pk__in={o for team in teams.values() for ids in team.values() for o in ids}
        ).values_list("pk", "staff_id")
    )
    with transaction.atomic():
        cases: list[Case] = []
        keys: list[tuple[Any, int]] = []
        for target in targets:
            for dept_id in sorted(teams):
                cases.append(
                    Case(
                        kind=KIND,
                        # No entity in the title: the case list must not reveal a target.
                        title=f"抽查检查 {campaign.code} 第{target.rank}户"[:200],
                        state=TaskState.ASSIGNED,
                        opened_on=on,
                    )
                )
                keys.append((target, dept_id))
        Case.objects.bulk_create(cases, batch_size=1000)
        participants: list[Participant] = []
        events: list[Event] = []
        tasks: list[InspectionTask] = []
        for case, (target, dept_id) in zip(cases, keys, strict=True):
            # Unannounced: until the result is published only the assigned inspectors take part
            # (in person); the departments join the case when it is published (``publish``).
            for officer_id in teams[dept_id][target.pk]:
                if staff_of.get(officer_id):
                    participants.append(
                        Participant(case=case, staff_id=staff_of[officer_id], role="handler")
                    )
            events.append(
                Event(
                    case=case,
                    actor=actor,
                    kind="open",
                    occurred_on=on,
                    to_state=TaskState.ASSIGNED,
                    note=f"抽查任务 {campaign.code} 派发",
                    data={"campaign": campaign.code, "department": departments[dept_id].code},
                )
            )
            tasks.append(
                InspectionTask(
                    case=case,
                    target=target,
                    entity=target.entity,
                    department_id=dept_id,
                    assigned_on=on,
                )
            )
        Participant.objects.bulk_create(participants, batch_size=2000)
        Event.objects.bulk_create(events, batch_size=2000)
        InspectionTask.objects.bulk_create(tasks, batch_size=1000)
        through_items = InspectionTask.items.through
        through_inspectors = InspectionTask.inspectors.through
        through_items.objects.bulk_create(
            [
                through_items(inspectiontask_id=t.pk, checkitem_id=i)
                for t in tasks
                for i in items.get(t.department_id, ())
            ],
            batch_size=5000,
        )
        through_inspectors.objects.bulk_create(
            [
                through_inspectors(inspectiontask_id=t.pk, officer_id=o)
                for t in tasks
                for o in teams[t.department_id][t.target_id]
            ],
            batch_size=5000,
        )
    return tasks


def take_step(
    task: InspectionTask,
    step: str,
    actor: Any,
    *,
    data: Any = None,
    on: date | None = None,
    **kwargs: Any,
) -> Event:
    """A step of the task's case, as the workflow takes it (gates, event, effect)."""
    from fazhi.core.casework.workflow import take

    return take(task.case, step, actor, data=data, on=on, **kwargs)


def tasks_awaiting(user: Any) -> Iterable[InspectionTask]:
    """The user's own open tasks, for the phone screen's list."""
    officer = officer_of(user)
    if officer is None:
        return InspectionTask.objects.none()
    from fazhi.core.org.scoping import scoped

    return (
        scoped(user, InspectionTask)
        .filter(inspectors=officer)
        .filter(~Q(case__state=TaskState.CONFIRMED))
        .select_related("entity", "case", "department")
        .order_by("assigned_on", "pk")
    )
