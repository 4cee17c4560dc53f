"""Credit repair, 谁认定、谁修复: the recognising department's clerk accepts — not before the
minimum period, the refusal naming the measures in force —, reviews, and its head approves once
the commitment is signed and the obligations fulfilled; approval withdraws the publication with
the reason 信用修复 and the outbox tells the credit platforms."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.casework.models import Deadline
from fazhi.core.casework.workflow import StepRefused, TransitionError, register_case, take
from fazhi.core.disclosure.models import OutboxMessage
from fazhi.domains.credit import measures
from fazhi.domains.credit.models import CreditRecord, RepairRequest
from fazhi.domains.enforcement.models import EnforcementCase

from .conftest import commitment, published_penalty

pytestmark = pytest.mark.django_db


def register(people, record, on, *, signed=True, clerk=None):
    return register_case(
        "credit_repair",
        clerk or people.alice,
        {
            "record": record.pk,
            "applicant_name": record.entity.name,
            "correction": "已补交健康证明并完成整改",
            "commitment_signed": "on" if signed else "",
            "commitment_text": "本单位承诺守法诚信经营",
        },
        on=on,
    )


def test_a_request_before_the_minimum_period_is_refused_with_the_measures(org, people, company):
    record = commitment(org, people, company, date(2025, 6, 10))
    case = register(people, record, date(2025, 7, 1))
    with pytest.raises(TransitionError) as refused:
        take(case, "accept", people.alice, on=date(2025, 7, 1))
    text = str(refused.value)
    assert "最短公示期至 2025-09-10 届满" in text
    assert "国家发展改革委令2023年第58号" in text
    take(case, "decline", people.alice, data={"reason": text}, on=date(2025, 7, 1))
    assert case.state == "declined" and case.number == ""


def test_under_the_2026_measures_the_refusal_names_them(org, people, company) -> None:
    record = commitment(org, people, company, date(2026, 5, 10), "serious")
    case = register(people, record, date(2026, 9, 1))
    with pytest.raises(TransitionError, match="国家发展改革委令2025年第36号") as refused:
        take(case, "accept", people.alice, on=date(2026, 9, 1))
    assert "2027-05-10" in str(refused.value)
    # From the day the minimum period ends, it is accepted.
    take(case, "accept", people.alice, on=date(2027, 5, 10))
    assert case.state == "accepted" and case.number.startswith("420700-SCJG-XYXF-2027-")


def test_an_approved_request_withdraws_the_publication_and_tells_the_platforms(
    org, people, company
) -> None:
    record = commitment(org, people, company, date(2025, 6, 10))
    before = {m.code for m in measures.applicable(company, date(2025, 9, 1))}
    assert before == {"no_notify_commit", "ratio_general"}
    case = register(people, record, date(2025, 9, 12))
    take(case, "accept", people.alice, on=date(2025, 9, 12))
    review = Deadline.objects.get(case=case, key="credit.repair.review")
    assert review.due == date(2025, 10, 10)  # 15 working days; 国庆 2025-10-01..08 skipped
    with pytest.raises(TransitionError, match="须先完成“审核”"):
        take(case, "approve", people.henry, data={"reason": "符合条件"}, on=date(2025, 9, 15))
    take(
        case,
        "review",
        people.alice,
        data={"obligations_fulfilled": "yes", "opinion": "已整改"},
        on=date(2025, 9, 16),
    )
    with pytest.raises(StepRefused):  # the head decides, not the clerk
        take(case, "approve", people.alice, data={"reason": "符合条件"}, on=date(2025, 9, 17))
    take(case, "approve", people.henry, data={"reason": "符合信用修复条件"}, on=date(2025, 9, 17))
    record.refresh_from_db()
    assert record.state == "repaired" and record.ended_on == date(2025, 9, 17)
    pub = record.publication
    assert pub is not None and pub.withdrawal.reason == "信用修复"
    assert pub.withdrawal.withdrawn_on == date(2025, 9, 17)
    told = OutboxMessage.objects.filter(publication=pub, payload__action="withdraw")
    assert set(told.values_list("target", flat=True)) == {"credit_china", "gsxt"}
    review.refresh_from_db()
    assert review.status == "met" and case.state == "approved"
    assert measures.applicable(company, date(2025, 9, 18)) == []


def test_an_unsigned_commitment_is_refused(org, people, company) -> None:
    record = commitment(org, people, company, date(2025, 6, 10))
    case = register(people, record, date(2025, 9, 12), signed=False)
    take(case, "accept", people.alice, on=date(2025, 9, 12))
    take(
        case,
        "review",
        people.alice,
        data={"obligations_fulfilled": "yes", "opinion": "已整改"},
        on=date(2025, 9, 16),
    )
    with pytest.raises(TransitionError, match="尚未签署公开信用承诺"):
        take(case, "approve", people.henry, data={"reason": "同意"}, on=date(2025, 9, 17))
    take(case, "refuse", people.henry, data={"reason": "未签署信用承诺"}, on=date(2025, 9, 17))
    record.refresh_from_db()
    assert case.state == "refused" and record.state == "published"


def test_an_unpaid_fine_blocks_repair_until_paid(org, people, item, company) -> None:
    pub = published_penalty(org, people, item, company)
    record = CreditRecord.objects.get(entity=company)
    case = register(people, record, date(2025, 3, 20))
    take(case, "accept", people.alice, on=date(2025, 3, 20))
    take(
        case,
        "review",
        people.alice,
        data={"obligations_fulfilled": "yes", "opinion": "当事人称已缴纳"},
        on=date(2025, 3, 21),
    )
    with pytest.raises(TransitionError, match="罚款尚未缴清"):
        take(case, "approve", people.henry, data={"reason": "同意"}, on=date(2025, 3, 24))
    EnforcementCase.objects.filter(case=record.case).update(paid_on=date(2024, 4, 1))
    take(case, "approve", people.henry, data={"reason": "同意"}, on=date(2025, 3, 24))
    pub.refresh_from_db()
    assert pub.withdrawal.reason == "信用修复"
    # Ended early by repair, the decision still counts as published for supervision.
    assert EnforcementCase.objects.get(case=record.case).published_on == date(2024, 3, 15)


def test_only_the_recognising_department_handles_the_request(org, people, company) -> None:
    record = commitment(org, people, company, date(2025, 6, 10))
    with pytest.raises(TransitionError, match="谁认定、谁修复"):
        register(people, record, date(2025, 9, 12), clerk=people.bob)
    assert not RepairRequest.objects.exists()
