"""送达 and 执行 (行政处罚法 第六十一、六十六、六十七、七十二条; 行政强制法 第五十三、五十四条):
service with its proof, payment within 15 days, the 3 % daily surcharge capped at the fine,
deferral and instalments on approval, 催告 and the court application in its window; 结案 only
after."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from fazhi.core.casework.workflow import TransitionError, take
from fazhi.domains.enforcement.penalty_steps.execution import late_payment_surcharge

from .procedure import documents, investigated, notified, serve

pytestmark = pytest.mark.django_db


def refused(case, name, who, *, on, data=None) -> TransitionError:  # type: ignore[no-untyped-def]
    with pytest.raises(TransitionError) as error:
        take(case, name, who, data=data or {}, on=on)
    return error.value


def test_the_surcharge_is_three_percent_a_day_and_never_more_than_the_fine() -> None:
    due = date(2024, 4, 2)
    assert late_payment_surcharge(Decimal("5000"), due, due) == Decimal("0.00")
    assert late_payment_surcharge(Decimal("5000"), due, date(2024, 4, 1)) == Decimal("0.00")
    assert late_payment_surcharge(Decimal("5000"), due, date(2024, 4, 3)) == Decimal("150.00")
    assert late_payment_surcharge(Decimal("5000"), due, date(2024, 4, 12)) == Decimal("1500.00")
    # 34 days would be 102 %: the surcharge stops at the fine.
    assert late_payment_surcharge(Decimal("5000"), due, date(2024, 5, 6)) == Decimal("5000.00")
    assert late_payment_surcharge(Decimal("333.33"), due, date(2024, 4, 3)) == Decimal("10.00")


def decided(org, people, item, *, absent: bool = False):  # type: ignore[no-untyped-def]
    case, _ = investigated(org, people, item)
    notified(case, people, fine="5000", on=date(2024, 3, 6))
    data = {"decision": "罚款五千元", "fine": "5000", "party_absent": "on" if absent else ""}
    take(case, "decide", people.henry, data=data, on=date(2024, 3, 14))
    return case


def test_service_with_its_proof_starts_the_payment_period(org, people, item) -> None:
    case = decided(org, people, item, absent=True)
    # The party was absent: 7 working days to serve (第六十一条).
    service = case.deadlines.get(key="penalty.service")
    assert service.due == date(2024, 3, 25) and service.basis == "行政处罚法 第六十一条"
    decision, _ = documents(case, org, date(2024, 3, 14))
    unproven = {"document": decision.pk, "method": "in_person", "recipient": "甲乙公司"}
    error = refused(case, "serve", people.alice, on=date(2024, 3, 18), data=unproven)
    assert "第八十七条" in str(error) and error.refusals[0].basis == "行政处罚法 第六十一条"
    serve(case, org, people, on=date(2024, 3, 18))
    case.refresh_from_db()
    assert case.state == "served" and case.enforcement.served_on == date(2024, 3, 18)
    assert case.events.filter(kind="served").count() == 1  # the casework service record
    service.refresh_from_db()
    assert service.status == "met" and service.met_on == date(2024, 3, 18)
    payment = case.deadlines.get(key="penalty.payment")
    assert payment.start == date(2024, 3, 18) and payment.due == date(2024, 4, 2)


def test_late_payment_carries_the_surcharge(org, people, item) -> None:
    case = decided(org, people, item)
    serve(case, org, people, on=date(2024, 3, 18))  # to pay by 2024-04-02
    error = refused(case, "pay", people.alice, on=date(2024, 4, 12), data={"amount": "5000"})
    assert "应缴 6500.00 元" in str(error) and "第七十二条" in str(error)
    take(case, "pay", people.alice, data={"amount": "6500"}, on=date(2024, 4, 12))
    take(case, "close", people.alice, on=date(2024, 4, 12))
    case.refresh_from_db()
    assert case.state == "closed"
    assert case.enforcement.paid_on == date(2024, 4, 12)
    assert case.enforcement.surcharge == Decimal("1500.00")


def test_instalments_need_approval_and_move_the_last_day(org, people, item) -> None:
    case = decided(org, people, item)
    serve(case, org, people, on=date(2024, 3, 18))
    error = refused(
        case, "pay_instalment", people.alice, on=date(2024, 3, 20), data={"amount": "2000"}
    )
    assert error.refusals[0].basis == "行政处罚法 第六十六条"
    plan = {"kind": "instalments", "pay_by": "2024-06-30", "plan": "分三期", "reasons": "经营困难"}
    error = refused(
        case, "relief", people.henry, on=date(2024, 7, 1), data={**plan, "pay_by": "2024-06-30"}
    )
    assert "缴清期限应当在批准之后" in str(error)
    take(case, "relief", people.henry, data=plan, on=date(2024, 3, 20))
    take(case, "pay_instalment", people.alice, data={"amount": "2000"}, on=date(2024, 4, 15))
    # 2024-05-15 is past the 15 days but within the approved plan: no surcharge.
    take(case, "pay", people.alice, data={"amount": "3000"}, on=date(2024, 5, 15))
    case.enforcement.refresh_from_db()
    assert case.enforcement.surcharge == Decimal("0.00")


def test_the_court_is_asked_after_the_urging_and_within_three_months(org, people, item) -> None:
    case = decided(org, people, item)
    error = refused(case, "close", people.alice, on=date(2024, 3, 15))
    assert error.refusals[0].missing_step == "serve"
    serve(case, org, people, on=date(2024, 3, 18))
    error = refused(case, "urge", people.alice, on=date(2024, 4, 2), data={"content": "请缴纳"})
    assert error.refusals[0].basis == "行政强制法 第五十四条"
    court = {"court": "鄂州市鄂城区人民法院"}
    error = refused(case, "apply_court", people.henry, on=date(2024, 10, 8), data=court)
    assert error.refusals[0].missing_step == "urge"
    take(case, "urge", people.alice, data={"content": "请于十日内缴纳"}, on=date(2024, 4, 10))
    error = refused(case, "apply_court", people.henry, on=date(2024, 4, 15), data=court)
    assert "十日后" in str(error)
    # Not while the party may still seek reconsideration or sue (行政诉讼法 第四十六条: 六个月) …
    error = refused(case, "apply_court", people.henry, on=date(2024, 5, 6), data=court)
    assert error.refusals[0].basis == "行政强制法 第五十三条"
    # … nor more than three months after that period ran out.
    error = refused(case, "apply_court", people.henry, on=date(2025, 1, 6), data=court)
    assert "三个月内" in str(error)
    take(case, "apply_court", people.henry, data=court, on=date(2024, 10, 8))
    take(case, "close", people.alice, on=date(2024, 10, 8))
    case.refresh_from_db()
    assert case.state == "closed"


def test_service_is_not_dated_before_the_decision(org, people, item) -> None:
    case = decided(org, people, item)
    decision, receipt = documents(case, org, date(2024, 3, 14))
    data = {"document": decision.pk, "method": "in_person", "receipt": receipt.pk}
    error = refused(case, "serve", people.alice, on=date(2024, 3, 13), data=data)
    assert "不能早于决定日期" in str(error)
