"""Discretion inside the case (行政处罚法 第三十三、三十四条), the sector's order of review and
notice, collective discussion (第五十七条第二款), and the case's other ends: 不予处罚 with its
education record, 移送 with its receipt."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.casework.workflow import TransitionError, open_case, step_form, take, workflow_for
from fazhi.domains.enforcement.penalty_steps.decision import review_first_rule

from ..lists.factories import PLAIN, business_licence_benchmark
from .procedure import DISCUSSION, investigated

pytestmark = pytest.mark.django_db

HEAVY = {"days_unremedied": 40, "first_offence": False, "corrected": False, "harm": "general"}
FIRST = {"days_unremedied": 5, "first_offence": True, "corrected": True, "harm": "minor"}
TRIFLING = {"days_unremedied": 5, "first_offence": False, "corrected": True, "harm": "none"}


def refused(case, name, who, *, on, data=None) -> TransitionError:  # type: ignore[no-untyped-def]
    with pytest.raises(TransitionError) as error:
        take(case, name, who, data=data or {}, on=on)
    return error.value


def assess(case, people, facts, on=date(2024, 3, 5), **extra):  # type: ignore[no-untyped-def]
    return take(case, "assess", people.alice, data={"facts": {**PLAIN, **facts}, **extra}, on=on)


def test_the_tier_and_range_are_proposed_and_a_departure_needs_its_reason(org, people, item):
    business_licence_benchmark(org, item)
    case, _ = investigated(org, people, item)
    error = refused(
        case, "assess", people.alice, on=date(2024, 3, 5), data={"facts": {"days_unremedied": 40}}
    )
    assert "裁量情节不全" in str(error) and error.refusals[0].basis == "行政处罚法 第三十四条"
    error = refused(
        case,
        "assess",
        people.alice,
        on=date(2024, 3, 5),
        data={"facts": {**PLAIN, **HEAVY}, "proposed_fine": "12000"},
    )
    assert "超出“从重”的幅度" in str(error) and "须记录理由" in str(error)
    assess(case, people, HEAVY, proposed_fine="12000", deviation_reason="拒不改正且多次违法")
    case.enforcement.refresh_from_db()
    ec = case.enforcement
    assert (ec.proposed_tier, str(ec.proposed_fine_min), str(ec.proposed_fine_max)) == (
        "从重",
        "3000.00",
        "10000.00",
    )
    assert ec.discretion_facts["days_unremedied"] == 40
    # The legal review sees the discretion on its form and keeps it on its record.
    step = workflow_for("penalty").transitions["review"]  # type: ignore[union-attr]
    form = step_form(step, case)
    assert form is not None and "拒不改正且多次违法" in form.fields["opinion"].help_text
    review = take(case, "review", people.rita, data={"opinion": "同意"}, on=date(2024, 3, 6))
    assert review.data["discretion"]["deviation_reason"] == "拒不改正且多次违法"
    assert review.data["discretion"]["tier"] == "从重"
    # 市场监管: the notice carries the reviewed penalty, and no other.
    error = refused(case, "notify", people.alice, on=date(2024, 3, 6), data={"fine": "9000"})
    assert error.refusals[0].missing_step == "review"
    notice = take(case, "notify", people.alice, on=date(2024, 3, 6))
    assert notice.data["fine"] == "12000.00"
    # A decided fine below the range, without a reason, is refused; the reviewed one is not.
    low = {"decision": "罚款两千元", "fine": "2000"}
    error = refused(case, "decide", people.henry, on=date(2024, 3, 14), data=low)
    assert error.refusals[0].basis == "行政处罚法 第三十四条"
    take(
        case,
        "decide",
        people.henry,
        data={"decision": "罚款", "fine": "12000"},
        on=date(2024, 3, 14),
    )


def test_a_departure_decided_by_the_head_carries_its_reason(org, people, item) -> None:
    business_licence_benchmark(org, item)
    case, _ = investigated(org, people, item)
    assess(case, people, HEAVY, proposed_fine="5000")
    take(case, "review", people.rita, data={"opinion": "同意"}, on=date(2024, 3, 6))
    take(case, "notify", people.alice, on=date(2024, 3, 6))
    low = {"decision": "罚款两千元", "fine": "2000", "deviation_reason": "当事人主动消除影响"}
    event = take(case, "decide", people.henry, data=low, on=date(2024, 3, 14))
    assert event.data["deviation_reason"] == "当事人主动消除影响"
    case.enforcement.refresh_from_db()
    assert case.enforcement.deviation_reason == "当事人主动消除影响"


def test_review_before_notice_is_the_sectors_rule(org, people, item) -> None:
    case, _ = investigated(org, people, item)
    error = refused(case, "notify", people.alice, on=date(2024, 3, 5))
    assert error.refusals[0].missing_step == "review" and "市场监督管理" in str(error)
    # Before the market regulator's rules took effect, and in another sector, no such order.
    assert review_first_rule(case, date(2019, 3, 31)) is None
    other = open_case("penalty", title="超标排放", owner=org.sthj)
    assert review_first_rule(other, date(2024, 3, 5)) is None


def test_a_complex_case_is_decided_by_the_heads_together(org, people, item) -> None:
    case, _ = investigated(org, people, item, complex_case="on")
    take(case, "review", people.rita, data={"opinion": "同意"}, on=date(2024, 3, 6))
    take(case, "notify", people.alice, data={"fine": "3000"}, on=date(2024, 3, 6))
    decision = {"decision": "罚款", "fine": "3000"}
    error = refused(case, "decide", people.henry, on=date(2024, 3, 14), data=decision)
    assert error.refusals[0].basis == "行政处罚法 第五十七条第二款"
    assert error.refusals[0].missing_step == "discuss"
    take(case, "discuss", people.henry, data=DISCUSSION, on=date(2024, 3, 14))
    take(case, "decide", people.henry, data=decision, on=date(2024, 3, 14))


def test_a_first_minor_violation_goes_unpunished_with_its_education(org, people, item) -> None:
    business_licence_benchmark(org, item)
    case, _ = investigated(org, people, item)
    error = refused(case, "no_penalty", people.henry, on=date(2024, 3, 6), data={"reasons": "轻微"})
    assert any(r.missing_step == "assess" for r in error.refusals)
    assess(case, people, FIRST)
    error = refused(case, "no_penalty", people.henry, on=date(2024, 3, 6), data={"reasons": "轻微"})
    assert "第三十三条第三款" in str(error)
    education = {"reasons": "初次违法、危害后果轻微并及时改正", "education": "当面宣讲食品安全法"}
    take(case, "no_penalty", people.henry, data=education, on=date(2024, 3, 6))
    case.refresh_from_db()
    assert case.state == "no_penalty" and case.closed_on == date(2024, 3, 6)
    assert case.enforcement.outcome == "no_penalty" and case.enforcement.fine is None
    assert case.deadlines.get(key="penalty.decision").status == "met"


def test_a_mandatory_exemption_forbids_a_penalty(org, people, item) -> None:
    business_licence_benchmark(org, item)
    case, _ = investigated(org, people, item)
    assess(case, people, {**TRIFLING, "minor_violation": True})
    notified_ = take(case, "review", people.rita, data={"opinion": "同意"}, on=date(2024, 3, 6))
    assert notified_.data["discretion"]["no_penalty_basis"]
    take(case, "notify", people.alice, data={"penalty_type": "warning"}, on=date(2024, 3, 6))
    error = refused(case, "decide", people.henry, on=date(2024, 3, 14), data={"decision": "警告"})
    assert error.refusals[0].basis == "行政处罚法 第三十三条"


def test_a_suspected_crime_is_transferred_with_the_receipt(org, people, item) -> None:
    case, _ = investigated(org, people, item)
    transfer = {
        "kind": "criminal",
        "receiver": "鄂州市公安局",
        "reasons": "涉案金额巨大，涉嫌生产、销售不符合安全标准的食品罪",
        "materials": "涉嫌犯罪案件移送书、调查报告、证据清单",
    }
    take(case, "transfer", people.henry, data=transfer, on=date(2024, 3, 8))
    case.refresh_from_db()
    assert case.state == "transferred" and case.enforcement.outcome == "transfer"
    error = refused(
        case, "transfer_received", people.alice, on=date(2024, 3, 9), data={"received_by": "李警官"}
    )
    assert error.refusals[0].basis == "行政执法机关移送涉嫌犯罪案件的规定 第八条"
    receipt = {"received_by": "李警官", "receipt_no": "鄂公（食药）移受字〔2024〕3号"}
    take(case, "transfer_received", people.alice, data=receipt, on=date(2024, 3, 9))
    case.refresh_from_db()
    assert case.state == "closed" and case.closed_on == date(2024, 3, 9)


def test_no_decision_on_a_reviewed_case_never_notified(org, people, item) -> None:
    case, _ = investigated(org, people, item)
    take(case, "review", people.rita, data={"opinion": "同意"}, on=date(2024, 3, 6))
    error = refused(case, "decide", people.henry, on=date(2024, 4, 1), data={"decision": "警告"})
    assert error.refusals[0].basis == "行政处罚法 第六十二条"
    assert error.refusals[0].missing_step == "notify"


def test_a_fact_on_no_declared_factor_is_refused(org, people, item) -> None:
    case, _ = investigated(org, people, item)
    error = refused(
        case, "assess", people.alice, on=date(2024, 3, 5), data={"facts": {"心情": "好"}}
    )
    assert error.refusals[0].basis == "行政处罚法 第三十四条"
