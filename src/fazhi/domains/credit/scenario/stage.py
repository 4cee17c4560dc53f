"""The credit stages of the Ezhou 2019 scenario (orders 310–319, app "credit").

Stage 310 walks the 2019 publications already made by the enforcement (200–) and inspection
(300–) stages through the same functions the hooks call when a decision or a campaign's results
are published (idempotent: in a fresh build the hooks made them all as the publications were
written; an older database gets them now). Stage 311 walks a few credit-repair requests through
``take()`` by the recognising departments' own clerks and heads, with 2019–2020 business dates:
most are approved once the minimum period has run (the publication withdrawn with the reason
信用修复), and one filed too early is refused with the measures it breaks.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from fazhi.shell.scenario.planning import Digest, rng_for

APPROVED = 6  # repair requests approved (a setting of the scenario, not a figure of the seed)
LAST_DAY = date(2020, 12, 31)


def load_records(builder: Any, result: Any) -> None:
    from fazhi.core.disclosure.models import Publication
    from fazhi.domains.enforcement.publicity import PENALTY_KIND
    from fazhi.domains.inspection.models import InspectionTask
    from fazhi.domains.inspection.results import RESULT_KIND

    from .. import records
    from ..models import CreditRecord

    before = CreditRecord.objects.count()
    done = set(CreditRecord.objects.exclude(case=None).values_list("case_id", flat=True))
    with_records = CreditRecord.objects.exclude(source_publication=None).values(
        "source_publication_id"
    )
    penalties = Publication.objects.filter(
        kind=PENALTY_KIND, withdrawal__isnull=True, published_on__year=2019
    ).exclude(pk__in=with_records)
    for pub in penalties.order_by("published_on", "pk").iterator():
        records.from_penalty(pub)
    for pub in Publication.objects.filter(
        kind=RESULT_KIND, withdrawal__isnull=True, published_on__year=2019
    ).order_by("published_on", "pk"):
        pending = list(
            InspectionTask.objects.filter(
                publication=pub, category__in=list(records.INSPECTION_SEVERITY)
            )
            .exclude(case_id__in=done)
            .select_related("entity", "department", "case")
        )
        if pending:
            records.from_inspection(pub, pending, on=pub.public_date)
    made = CreditRecord.objects.count() - before
    result.created += made
    result.existing += before


def _staff(unit_id: int, role: str) -> Any:
    from fazhi.core.org.models import Staff

    return (
        Staff.objects.filter(roles__org_unit_id=unit_id, roles__role=role, roles__active=True)
        .order_by("username")
        .first()
    )


def _obligations_known_unmet(record: Any) -> bool:
    from fazhi.domains.enforcement.models import EnforcementCase

    if record.case_id is None or record.source_kind != "penalty":
        return False
    ec = EnforcementCase.objects.select_related("case").filter(case_id=record.case_id).first()
    return bool(
        ec is not None
        and ec.fine
        and ec.paid_on is None
        and ec.case.state not in ("executed", "closed")
    )


def load_repairs(builder: Any, result: Any) -> None:
    from fazhi.core.casework.workflow import TransitionError, take
    from fazhi.core.clock.calendar import get_calendar
    from fazhi.core.org.choices import Role

    from ..choices import RecordState
    from ..models import CreditRecord, RepairRequest
    from ..repair import file_request

    if RepairRequest.objects.filter(submitted_on__year__in=[2019, 2020]).exists():
        result.existing += RepairRequest.objects.count()
        return
    cal = get_calendar()
    rng = rng_for(builder.seed, "credit.repairs")
    candidates = list(
        CreditRecord.objects.filter(
            state=RecordState.PUBLISHED,
            nature="adverse",
            recognised_on__year=2019,
            earliest_repair__isnull=False,
            earliest_repair__lte=date(2020, 9, 30),
        ).order_by("recognised_on", "pk")
    )
    rng.shuffle(candidates)
    digest = Digest()
    approved = refused_early = 0
    for record in candidates:
        if approved >= APPROVED and refused_early:
            break
        clerk = _staff(record.department_id, Role.CLERK)
        head = _staff(record.department_id, Role.DEPARTMENT_HEAD)
        if clerk is None or head is None:
            continue
        name = record.entity.name
        if not refused_early:
            # Filed a month after the decision, long before the minimum period ends.
            filed = cal.add_workdays(record.recognised_on, 20)
            req = file_request(
                record, applicant_name=name, correction="已缴纳罚款并完成整改",
                commitment_signed=True, commitment_text="本单位承诺守法诚信经营。",
                on=filed, actor=clerk,
            )  # fmt: skip
            try:
                take(req.case, "accept", clerk, on=filed)
            except TransitionError as exc:
                reason = "；".join(str(r) for r in exc.refusals)
                take(req.case, "decline", clerk, data={"reason": reason}, on=filed)
            refused_early += 1
            digest.add(record.pk, "declined", filed)
            result.created += 1
            continue
        if approved >= APPROVED or _obligations_known_unmet(record):
            continue
        assert record.earliest_repair is not None
        filed = cal.add_workdays(record.earliest_repair, rng.randrange(1, 30))
        if filed > LAST_DAY:
            continue
        req = file_request(
            record, applicant_name=name, correction="已纠正违法行为，履行处罚决定规定的义务",
            commitment_signed=True, commitment_text="本单位承诺依法诚信经营，接受社会监督。",
            on=filed, actor=clerk,
        )  # fmt: skip
        accepted = cal.add_workdays(filed, rng.randrange(1, 3))
        reviewed = cal.add_workdays(accepted, rng.randrange(2, 6))
        decided = cal.add_workdays(reviewed, rng.randrange(1, 4))
        take(req.case, "accept", clerk, on=accepted)
        take(
            req.case,
            "review",
            clerk,
            data={"obligations_fulfilled": "yes", "opinion": "经核查，已纠正失信行为、履行义务"},
            on=reviewed,
        )
        take(req.case, "approve", head, data={"reason": "符合信用修复条件"}, on=decided)
        approved += 1
        digest.add(record.pk, "approved", decided)
        result.created += 1
    builder.audit("credit.RepairRequest", result.created, digest, approved=approved)
    # What the daily job would have done since: records past their longest period stop, each
    # on the day after its own last day (a business date, not today).
    from ..records import expire_records

    result.extra["expired"] = expire_records()


STAGES: list[tuple[str, Callable[[Any, Any], None]]] = [
    ("信用记录（2019 年处罚决定与抽查结果）", load_records),
    ("信用修复（2019—2020 年申请）", load_repairs),
]
