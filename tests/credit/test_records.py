"""Credit records come from their sources: a published penalty decision (the periods its
publication carries), a campaign's adverse results (each published on its own to the credit
platforms), and a department's entry of a broken notify-commit commitment; a withdrawn source
ends its records."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.disclosure.gate import withdraw
from fazhi.core.disclosure.models import OutboxMessage
from fazhi.domains.credit.models import CreditRecord
from fazhi.domains.inspection import results, tasks
from fazhi.domains.inspection.models import InspectionTask

from ..inspection.campaign_fixtures import scene
from .conftest import commitment, published_penalty

pytestmark = pytest.mark.django_db


def test_a_published_penalty_decision_makes_a_record(org, people, item, company) -> None:
    pub = published_penalty(org, people, item, company)
    record = CreditRecord.objects.get(entity=company)
    assert record.source_kind == "penalty" and record.severity == "general"  # a fine
    assert record.department == org.scjg and record.publication == pub
    assert record.recognised_on == date(2024, 3, 14) and record.published_from == date(2024, 3, 15)
    # 2023令第58号, 食品 field: at least one year, at most three, from the decision.
    assert record.earliest_repair == date(2025, 3, 14)
    assert record.publish_until == date(2027, 3, 14) == pub.publish_until
    assert "58号" in record.period_basis


def test_an_adverse_inspection_result_is_published_as_its_own_record(org) -> None:
    s = scene(org)
    tasks.take_step(
        s.task,
        "record",
        s.zhou,
        data={"ended_on": date(2024, 5, 8), "category": "uncooperative"},
        on=date(2024, 5, 8),
    )
    tasks.take_step(s.task, "confirm", s.wu, data={}, on=date(2024, 5, 9))
    campaign_pub = results.publish_results(s.campaign, org.scjg, on=date(2024, 5, 20))
    record = CreditRecord.objects.get(entity=s.entity)
    task = InspectionTask.objects.get(pk=s.task.pk)
    assert record.source_kind == "inspection" and record.case_id == task.case_id
    assert record.source_publication == campaign_pub and record.recognised_on == date(2024, 5, 9)
    own = record.publication
    assert own is not None and own != campaign_pub and own.kind == "信用信息"
    assert own.payload["统一社会信用代码"] == s.entity.uscc
    targets = set(OutboxMessage.objects.filter(publication=own).values_list("target", flat=True))
    assert targets == {"credit_china", "gsxt"}
    # Withdrawing the campaign's results ends the record and withdraws its own publication.
    withdraw(campaign_pub, reason="检查结果有误", on=date(2024, 6, 1))
    record.refresh_from_db()
    own.refresh_from_db()
    assert record.state == "withdrawn" and record.ended_on == date(2024, 6, 1)
    assert own.withdrawn and "检查结果有误" in own.withdrawal.reason


def test_a_result_without_a_problem_makes_no_record(org) -> None:
    s = scene(org)
    tasks.take_step(
        s.task,
        "record",
        s.zhou,
        data={"ended_on": date(2024, 5, 8), "category": "no_problem"},
        on=date(2024, 5, 8),
    )
    tasks.take_step(s.task, "confirm", s.wu, data={}, on=date(2024, 5, 9))
    results.publish_results(s.campaign, org.scjg, on=date(2024, 5, 20))
    assert not CreditRecord.objects.filter(entity=s.entity).exists()


def test_a_broken_commitment_before_2026_takes_the_58th_order_periods(org, people, company):
    record = commitment(org, people, company, date(2025, 6, 10))
    # 2023令第58号, other fields: three months to three years.
    assert (record.earliest_repair, record.publish_until) == (date(2025, 9, 10), date(2028, 6, 10))
    assert "58号" in record.period_basis
    assert record.publication is not None and record.publication.publish_until == date(2028, 6, 10)


@pytest.mark.parametrize(
    ("severity", "earliest", "until"),
    [
        ("minor", None, date(2026, 8, 10)),
        ("general", date(2026, 8, 10), date(2027, 5, 10)),
        ("serious", date(2027, 5, 10), date(2029, 5, 10)),
    ],
)
def test_from_2026_04_01_the_periods_follow_the_severity(
    org, people, company, severity, earliest, until
) -> None:
    record = commitment(org, people, company, date(2026, 5, 10), severity)
    assert (record.earliest_repair, record.publish_until) == (earliest, until)
    assert "36号" in record.period_basis


def test_a_revoked_decision_ends_its_record(org, people, item, company) -> None:
    pub = published_penalty(org, people, item, company)
    withdraw(pub, reason="处罚决定被复议机关撤销", on=date(2024, 6, 3))
    record = CreditRecord.objects.get(entity=company)
    assert record.state == "withdrawn" and "撤销" in record.end_reason


def test_a_changed_decision_published_again_makes_a_new_record(org, people, item, company):
    from fazhi.domains.credit import records
    from fazhi.domains.enforcement.publicity import publish_decision

    first = published_penalty(org, people, item, company)
    withdraw(first, reason="处罚决定被变更", on=date(2024, 6, 3))
    second = publish_decision(first.case, actor=people.alice, on=date(2024, 6, 4))
    rows = CreditRecord.objects.filter(entity=company).order_by("pk")
    assert [(r.publication_id, r.state) for r in rows] == [
        (first.pk, "withdrawn"),
        (second.pk, "published"),
    ]
    assert records.from_penalty(second) == []  # once per publication
