"""减证便民 complaints — the worked example of a case kind (docs/development/adding-a-domain.md).

Someone is still asked for a proof that was cancelled: the justice bureau registers the
complaint, its handler (承办人) accepts it — which numbers the case and starts the reply period —,
a handler of the justice bureau or of the department concerned records what verification found,
and the bureau's head (负责人) signs the reply, which closes the case. Each step is taken on the
case page or through ``POST /api/cases/{id}/steps/{name}/``, by a person in the role it names.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.db import models, transaction

from fazhi.core.casework.models import Case, Event
from fazhi.core.casework.numbering import yearly_case_number
from fazhi.core.casework.workflow import StepContext, Workflow, open_case, register, take
from fazhi.core.clock import statutes
from fazhi.core.clock.periods import Period, Unit
from fazhi.core.org.choices import Role

from .models import ProofComplaint, ProofRequirement

KIND = "proof_complaint"

# 信访工作条例 (2022, 施行2022-05-01) 第三十四条: 信访事项应当自受理之日起60日内办结；情况复杂的，
# 经本机关、单位负责人批准，可以适当延长办理期限，但延长期限不得超过30日 (V: read in the law
# library; 第三十三条 is on mediation). A complaint to the 减证便民 channel is handled as one.
REPLY_BASIS = "信访工作条例 第三十四条"
REPLY_PERIOD = statutes.register(
    statutes.StatutoryPeriod(
        "complaint.reply",
        "投诉办结",
        (
            statutes.Version(
                date(2022, 5, 1),
                Period(60, Unit.DAYS, REPLY_BASIS),
                Period(30, Unit.DAYS, REPLY_BASIS),
            ),
        ),
    )
)


class ComplaintState(models.TextChoices):
    REGISTERED = "registered", "已登记"
    ACCEPTED = "accepted", "已受理"
    VERIFIED = "verified", "已核查"
    REPLIED = "replied", "已答复"


class VerifyForm(forms.Form):
    findings = forms.CharField(label="核查情况", widget=forms.Textarea, max_length=4000)


class ReplyForm(forms.Form):
    reply = forms.CharField(label="答复内容", widget=forms.Textarea, max_length=4000)


class ComplaintForm(forms.Form):
    proof = forms.ModelChoiceField(
        label="被要求提供的已取消证明",
        queryset=ProofRequirement.objects.filter(status="cancelled"),
    )
    demanded_by = forms.CharField(label="要求提供证明的单位", max_length=200)
    description = forms.CharField(label="投诉内容", widget=forms.Textarea, max_length=4000)


def _create(actor: Any, unit: Any, data: Any, on: date) -> Case:
    complaint = receive(
        handler=unit,
        proof=data["proof"],
        demanded_by=data["demanded_by"],
        description=data["description"],
        received_on=on,
        actor=actor,
    )
    return complaint.case


def _number(case: Case, on: date) -> str:
    return yearly_case_number(case, "JZ", on)


def _save_reply(ctx: StepContext, event: Event) -> None:
    ProofComplaint.objects.filter(case=ctx.case).update(reply=ctx.data["reply"])


WORKFLOW = register(
    Workflow(
        KIND,
        "减证便民投诉",
        ComplaintState,
        ComplaintState.REGISTERED,
        numbering=_number,
        detail=lambda case: ProofComplaint.objects.filter(case=case).first(),
        create_form=ComplaintForm,
        create_roles=frozenset({Role.CLERK}),
        create=lambda actor, unit, data, on: _create(actor, unit, data, on),
    )
)
WORKFLOW.add(
    "accept",
    "受理",
    [ComplaintState.REGISTERED],
    ComplaintState.ACCEPTED,
    staff_roles=[Role.CLERK],
    unit_roles=["owner"],
    basis=REPLY_BASIS,
    files_case=True,
    starts=("complaint.reply",),
)
WORKFLOW.add(
    "verify",
    "核查",
    [ComplaintState.ACCEPTED],
    ComplaintState.VERIFIED,
    staff_roles=[Role.CLERK],
    unit_roles=["owner", "respondent"],
    basis=REPLY_BASIS,
    form=VerifyForm,
)
WORKFLOW.add(
    "reply",
    "答复",
    [ComplaintState.VERIFIED],
    ComplaintState.REPLIED,
    staff_roles=[Role.DEPARTMENT_HEAD],
    unit_roles=["owner"],
    basis=REPLY_BASIS,
    form=ReplyForm,
    effect=_save_reply,
    closes=True,
    meets=("complaint.reply",),
)


@transaction.atomic
def receive(
    *,
    handler: Any,
    proof: ProofRequirement,
    demanded_by: str,
    description: str,
    region: Any = None,
    received_on: date,
    actor: Any = None,
) -> ProofComplaint:
    """Register a complaint, handled by ``handler`` (the justice bureau) with the department
    that holds the proof; it has no number until it is accepted."""
    extra = [] if proof.department_id == handler.pk else [(proof.department, "respondent")]
    case = open_case(
        KIND,
        title=f"要求提供已取消证明：{proof.name}",
        owner=handler,
        actor=actor,
        opened_on=received_on,
        extra_participants=extra,
    )
    return ProofComplaint.objects.create(
        case=case, proof=proof, region=region, demanded_by=demanded_by, description=description
    )


def accept(complaint: ProofComplaint, *, actor: Any, on: date) -> Event:
    return take(complaint.case, "accept", actor, on=on)


def verify(complaint: ProofComplaint, findings: str, *, actor: Any, on: date) -> Event:
    return take(complaint.case, "verify", actor, data={"findings": findings}, on=on)


def reply(complaint: ProofComplaint, text: str, *, actor: Any, on: date) -> ProofComplaint:
    take(complaint.case, "reply", actor, data={"reply": text}, on=on)
    complaint.refresh_from_db()
    return complaint
