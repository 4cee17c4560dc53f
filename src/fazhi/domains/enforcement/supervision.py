"""行政执法监督意见书 / 决定书: the justice bureau's clerk drafts, its head issues, the supervised
department's head replies by the declared period, the bureau closes.

行政执法监督条例 (国务院令第825号, 施行2026-02-01) is the basis; its articles were not read
(STATUTES.md M2), so every step names the regulation and the reply period is a declared setting
of this city with that basis (``enforcement.supervision_reply``), not a figure from the text.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from fazhi.core.casework.collection import SUPERVISION_BASIS
from fazhi.core.casework.deadlines import start_deadline
from fazhi.core.casework.models import Case
from fazhi.core.casework.numbering import yearly_case_number
from fazhi.core.casework.workflow import (
    Refusal,
    StepContext,
    StepRefused,
    Workflow,
    open_case,
    register,
)
from fazhi.core.clock import statutes
from fazhi.core.clock.periods import Period, PeriodKind, Unit
from fazhi.core.org.choices import JUSTICE_BUREAU_SUFFIX, Role
from fazhi.core.org.models import OrgUnit

from .choices import SupervisionKind, SupervisionState
from .models import SupervisionOpinion

KIND = "supervision"

REPLY_PERIOD = statutes.register(
    statutes.StatutoryPeriod(
        "enforcement.supervision_reply",
        "行政执法监督意见书/决定书回复",
        (
            statutes.Version(
                date(2026, 2, 1),
                Period(30, Unit.DAYS, f"{SUPERVISION_BASIS}；回复期限为本市设定"),
            ),
        ),
        PeriodKind.ACT,
    )
)


class OpinionForm(forms.Form):
    kind = forms.ChoiceField(label="文书种类", choices=SupervisionKind.choices)
    department = forms.ModelChoiceField(
        label="被监督部门", queryset=OrgUnit.objects.filter(kind="department")
    )
    title = forms.CharField(label="事由", max_length=200)
    findings = forms.CharField(label="监督发现的问题", widget=forms.Textarea, max_length=8000)
    requirements = forms.CharField(
        label="监督意见（整改要求）", widget=forms.Textarea, max_length=8000
    )


class ReplyForm(forms.Form):
    reply = forms.CharField(label="整改回复", widget=forms.Textarea, max_length=8000)


class CloseForm(forms.Form):
    note = forms.CharField(label="办结意见", widget=forms.Textarea, max_length=4000)


def draft(
    actor: Any,
    unit: OrgUnit,
    data: Any,
    on: date,
    *,
    subject_case: Case | None = None,
) -> Case:
    """A clerk of a justice bureau drafts an opinion or decision to a department."""
    if not unit.code.endswith(JUSTICE_BUREAU_SUFFIX):
        raise StepRefused(
            Refusal("行政执法监督意见书、决定书由司法行政部门制作", SUPERVISION_BASIS)
        )
    department = data["department"]
    if department.pk == unit.pk:
        raise StepRefused(Refusal("被监督部门不能是本机关", SUPERVISION_BASIS))
    case = open_case(
        KIND,
        title=data["title"],
        owner=unit,
        actor=actor,
        opened_on=on,
        extra_participants=[(department, "respondent")],
    )
    SupervisionOpinion.objects.create(
        case=case,
        kind=data["kind"],
        department=department,
        subject_case=subject_case,
        findings=data["findings"],
        requirements=data["requirements"],
    )
    return case


def _detail(case: Case) -> SupervisionOpinion:
    return SupervisionOpinion.objects.select_related("department").get(case=case)


def not_to_itself(ctx: StepContext) -> Refusal | None:
    if _detail(ctx.case).department_id == (ctx.case.owner_unit() or OrgUnit()).pk:
        return Refusal("被监督部门不能是本机关", SUPERVISION_BASIS)
    return None


def _start_reply(ctx: StepContext, event: Any) -> None:
    # The department answers: the deadline is the department's.
    start_deadline(
        ctx.case, REPLY_PERIOD.key, ctx.on, org_unit=_detail(ctx.case).department, actor=ctx.actor
    )


def _save_reply(ctx: StepContext, event: Any) -> None:
    SupervisionOpinion.objects.filter(case=ctx.case).update(reply=ctx.data["reply"])


class BureauWorkflow(Workflow):
    """Only a justice bureau's clerks are offered the registration of an opinion."""

    def creating_units(self, actor: Any) -> list[Any]:
        return [u for u in super().creating_units(actor) if u.code.endswith(JUSTICE_BUREAU_SUFFIX)]


WORKFLOW = register(
    BureauWorkflow(
        KIND,
        "行政执法监督",
        SupervisionState,
        SupervisionState.DRAFT,
        numbering=lambda case, on: yearly_case_number(case, "JD", on),
        detail=lambda case: SupervisionOpinion.objects.filter(case=case).first(),
        create_form=OpinionForm,
        create_roles=frozenset({Role.CLERK}),
        create=draft,
    )
)
WORKFLOW.add(
    "issue",
    "签发下达",
    [SupervisionState.DRAFT],
    SupervisionState.ISSUED,
    staff_roles=[Role.DEPARTMENT_HEAD],
    basis=SUPERVISION_BASIS,
    gates=[not_to_itself],
    files_case=True,
    effect=_start_reply,
)
WORKFLOW.add(
    "reply",
    "整改回复",
    [SupervisionState.ISSUED],
    SupervisionState.REPLIED,
    staff_roles=[Role.DEPARTMENT_HEAD],
    unit_roles=["respondent"],
    basis=SUPERVISION_BASIS,
    form=ReplyForm,
    effect=_save_reply,
    meets=(REPLY_PERIOD.key,),
)
WORKFLOW.add(
    "close",
    "审核办结",
    [SupervisionState.REPLIED],
    SupervisionState.CLOSED,
    staff_roles=[Role.CLERK, Role.DEPARTMENT_HEAD],
    basis=SUPERVISION_BASIS,
    form=CloseForm,
    closes=True,
)
