"""减证便民 complaints: a cancelled proof still demanded is a case, tracked to its reply."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import models, transaction

from fazhi.core.casework.numbering import next_number
from fazhi.core.casework.workflow import Workflow, open_case, register, transition

from .models import ProofComplaint, ProofRequirement

KIND = "proof_complaint"


class ComplaintState(models.TextChoices):
    RECEIVED = "received", "已受理"
    VERIFYING = "verifying", "核查中"
    REPLIED = "replied", "已答复"


def _has_reply(case: Any, context: Any) -> str | None:
    return None if (context or "").strip() else "答复前须填写答复内容"


WORKFLOW = register(Workflow(KIND, "减证便民投诉", ComplaintState, ComplaintState.RECEIVED))
WORKFLOW.add("verify", "核查", [ComplaintState.RECEIVED], ComplaintState.VERIFYING)
WORKFLOW.add(
    "reply",
    "答复",
    [ComplaintState.RECEIVED, ComplaintState.VERIFYING],
    ComplaintState.REPLIED,
    gates=[_has_reply],
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
    """A complaint is handled by ``handler`` (the justice bureau) with the proof's department."""
    year = received_on.year
    number = f"{handler.code}-JZ-{year}-{next_number(f'{handler.code}:JZ:{year}'):04d}"
    extra = [] if proof.department_id == handler.pk else [(proof.department, "respondent")]
    case = open_case(
        KIND,
        number=number,
        title=f"要求提供已取消证明：{proof.name}",
        owner=handler,
        actor=actor,
        opened_on=received_on,
        extra_participants=extra,
    )
    return ProofComplaint.objects.create(
        case=case, proof=proof, region=region, demanded_by=demanded_by, description=description
    )


@transaction.atomic
def reply(complaint: ProofComplaint, text: str, *, actor: Any, on: date) -> ProofComplaint:
    transition(complaint.case, "reply", actor, note=text, context=text, data={"on": on.isoformat()})
    complaint.reply = text
    complaint.save(update_fields=["reply"])
    complaint.case.closed_on = on
    complaint.case.save(update_fields=["closed_on"])
    return complaint
