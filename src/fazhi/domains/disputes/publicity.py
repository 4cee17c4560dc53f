"""Publication of reconsideration decisions (行政复议法 第七十九条), and what a decision does to
the publication of the penalty decision it reviewed (行政处罚法 第四十八条第二款).

- A decision (or mediation) document is published through the disclosure gate only once it is
  in force, i.e. served (第七十五条第二款); the public record is built from the case's
  structured fields (never the Word file), natural persons' names masked.
- A decision that varies, revokes or declares unlawful (or void) a penalty decision handled in
  Fazhi (the case it ``reviews``) is recorded on that penalty case as its ``change_decision``
  — the same event and effect as the department's own step — in the transaction of the
  ``decide`` step (casework's ``register_after_step``). When the penalty decision is published,
  that starts ``penalty.publicity_withdrawal`` (3 working days) for the penalty department; its
  ``withdraw_publication`` step meets it, and the deadline records whether it was late.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, F, Q, QuerySet

from fazhi.core.casework.choices import DeadlineStatus, LinkKind
from fazhi.core.casework.models import Case, CaseLink, Deadline, Event, Party
from fazhi.core.casework.workflow import Refusal, StepContext, TransitionError
from fazhi.core.disclosure.gate import publish
from fazhi.core.disclosure.masking import mask_name
from fazhi.core.disclosure.models import Publication

from .choices import Outcome
from .decision_choices import ENDS_PENALTY_PUBLICATION
from .decision_docs import accepted_on, body_name, decision_documents, served_on
from .models import ReconsiderationCase

KIND = "行政复议决定书"
BASIS = "行政复议法 第七十九条"
WITHDRAWAL_BASIS = "行政处罚法 第四十八条第二款"
WITHDRAWAL = "penalty.publicity_withdrawal"

# The enforcement app's ``Change`` values for the outcomes that end or change a decision.
CHANGE_OF: dict[str, str] = {
    Outcome.VARY: "changed",
    Outcome.REVOKE: "revoked",
    Outcome.DECLARE_UNLAWFUL: "illegal",
    Outcome.DECLARE_VOID: "void",
}


def _natural_applicants(case: Case) -> list[str]:
    return list(
        Party.objects.filter(
            case=case, role__in=["applicant", "third_party"], person__isnull=False
        ).values_list("person__name", flat=True)
    )


def _reduce(value: Any, names: list[str]) -> Any:
    """A natural person applicant or third party is published as 张某 wherever named: the gate
    keeps a case's parties' names (行政处罚法 第四十八条 publishes the penalised party), but a
    reconsideration applicant is the one complaining, not a party being sanctioned
    (个人信息保护法 第六条: no more than the purpose needs)."""
    if not isinstance(value, str):
        return value
    for name in sorted(names, key=len, reverse=True):
        value = value.replace(name, mask_name(name))
    return value


def _party_names(case: Case, role: str) -> str:
    names = []
    for p in Party.objects.filter(case=case, role=role).select_related("person", "entity"):
        if p.entity is not None:
            names.append(p.entity.name)
        elif p.person is not None:
            # A natural person applicant is published as 张某 (STATUTES.md §masking; 法释〔2016〕
            # 19号 as the reference practice for published decisions).
            names.append(mask_name(p.person.name))
    return "、".join(names)


def publication_refusal(case: Case) -> Refusal | None:
    rc = ReconsiderationCase.objects.filter(case=case).first()
    if rc is None or not rc.outcome:
        return Refusal("本案尚未作出行政复议决定，不能公开", BASIS)
    if not decision_documents(case).exists():
        return Refusal("尚未制作行政复议决定书（调解书），不能公开", "行政复议法 第七十五条")
    if served_on(case) is None:
        return Refusal(
            "决定书尚未送达，尚未发生法律效力，不能公开",
            "行政复议法 第七十五条第二款",
            missing_step="serve",
        )
    if published(case).exists():
        return Refusal("本案决定书已经公开", BASIS)
    return None


def published(case: Case) -> QuerySet[Publication]:
    return Publication.objects.filter(case=case, kind=KIND, withdrawal__isnull=True)


def publish_decision(case: Case, *, actor: Any = None, on: date | None = None) -> Publication:
    """Publish the case's decision through the gate (masked); refused before service."""
    refusal = publication_refusal(case)
    if refusal is not None:
        raise TransitionError(refusal)
    rc = ReconsiderationCase.objects.get(case=case)
    doc = decision_documents(case).last()
    assert doc is not None
    respondent = rc.respondent()
    accepted = accepted_on(case)
    fields = {
        "文号": doc.number,
        "复议机关": body_name(case),
        "案由": case.title,
        "申请人": _party_names(case, "applicant"),
        "被申请人": respondent.name if respondent is not None else "",
        "第三人": _party_names(case, "third_party"),
        "被申请复议的行政行为": rc.act_complained,
        "受理日期": accepted,
        "复议决定": rc.get_outcome_display(),
        "决定理由": rc.end_reasons,
        "决定日期": rc.ended_on,
        "送达日期": served_on(case),
    }
    names = _natural_applicants(case)
    return publish(
        kind=KIND,
        title=f"{body_name(case)}行政复议决定书（{doc.number}）",
        org_unit=case.owner_unit(),
        fields={k: _reduce(v, names) for k, v in fields.items() if v not in ("", None)},
        subject=rc,
        case=case,
        actor=actor,
        published_on=on,
    )


# -- the reviewed penalty decision's publication ------------------------------------------------


def reviewed_penalties(case: Case) -> QuerySet[Case]:
    """The penalty cases handled in Fazhi that this reconsideration case reviews."""
    ids = CaseLink.objects.filter(from_case=case, kind=LinkKind.REVIEWS).values("to_case_id")
    return Case.objects.filter(pk__in=ids, kind="penalty")


def on_decided(ctx: StepContext, event: Event) -> None:
    """After ``decide``: a decision that changes, revokes or declares unlawful (or void) the
    reviewed penalty decision is recorded on the penalty case, as its ``change_decision``."""
    outcome = ctx.data.get("outcome")
    if outcome not in ENDS_PENALTY_PUBLICATION:
        return
    from fazhi.domains.enforcement import publicity as penalty_publicity
    from fazhi.domains.enforcement.workflow import WORKFLOW as PENALTY

    step = PENALTY.transitions["change_decision"]
    for penalty in reviewed_penalties(ctx.case):
        if penalty.state not in step.sources:
            continue
        data = {
            "change": CHANGE_OF[outcome],
            "authority": body_name(ctx.case),
            "document_no": ctx.case.number,
            "reason": f"行政复议决定{Outcome(outcome).label}：{ctx.data.get('reasons', '')}"[:2000],
        }
        change = Event.objects.create(
            case=penalty,
            actor=ctx.actor,
            kind="change_decision",
            occurred_on=ctx.on,
            from_state=penalty.state,
            to_state=penalty.state,
            note=f"行政复议决定（{ctx.case.number}）{Outcome(outcome).label}",
            data={**data, "basis": WITHDRAWAL_BASIS, "reconsideration_case": ctx.case.pk},
        )
        # The enforcement app's own effect of the step, so both paths behave alike.
        penalty_publicity._change_effect(
            StepContext(penalty, ctx.actor, data, ctx.on, step), change
        )


def withdrawals_owed(year: int) -> dict[str, int]:
    """The withdrawals reconsideration decisions of ``year`` caused: how many, how many met, how
    many late (met after the due date, or still running past it)."""
    from django.utils import timezone

    penalty_ids = CaseLink.objects.filter(
        kind=LinkKind.REVIEWS,
        from_case__kind="reconsideration",
        from_case__reconsideration__ended_on__year=year,
    ).values("to_case_id")
    today = timezone.localdate()
    return Deadline.objects.filter(key=WITHDRAWAL, case_id__in=penalty_ids).aggregate(
        owed=Count("pk"),
        met=Count("pk", filter=Q(status=DeadlineStatus.MET)),
        late=Count(
            "pk",
            filter=Q(status=DeadlineStatus.MET, met_on__gt=F("due"))
            | Q(status=DeadlineStatus.RUNNING, due__lt=today),
        ),
    )
