"""陈述申辩 and 听证 (行政处罚法 第六十三至六十五条): the right by the penalty and the province's
较大数额, the 5 working days to ask, the notice 7 days before, a presider who did not
investigate, no decision before a requested hearing is held; a hearing that changes the facts
sends the case back to review, a heavier finding needs a fresh notice."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from fazhi.core.casework.workflow import TransitionError, take
from fazhi.core.clock.statutes import compute_statutory
from fazhi.domains.enforcement.penalty_steps.hearing import hearing_right, threshold_on

from .conftest import officer
from .procedure import investigated, notified

pytestmark = pytest.mark.django_db

HEARD = {"record": "当事人称食品系退货待处理", "facts_changed": "", "heavier": ""}


def refused(case, name, who, *, on, data=None) -> TransitionError:  # type: ignore[no-untyped-def]
    with pytest.raises(TransitionError) as error:
        take(case, name, who, data=data or {}, on=on)
    return error.value


def test_the_hearing_right_follows_the_penalty_and_the_provinces_amounts(org, people, item):
    case, _ = investigated(org, people, item)
    on = date(2024, 3, 6)
    assert hearing_right(case, "fine", Decimal("100000"), on)[0]
    assert not hearing_right(case, "fine", Decimal("99999"), on)[0]
    assert hearing_right(case, "licence", None, on)[0]
    assert not hearing_right(case, "warning", None, on)[0]
    # Hubei's amounts are a declared setting (their provincial source was not found) …
    hubei = threshold_on("42", date(2019, 6, 1))
    assert hubei is not None and not hubei.verified and "待司法局核定" in hubei.source
    # … and a province without one gives the right rather than deny it.
    assert threshold_on("11", on) is None


def test_a_deployment_declares_the_provinces_amounts_from_their_date(org, people, item, settings):
    settings.FAZHI_HEARING_THRESHOLDS = [
        {"province": "42", "effective_from": "2024-01-01", "citizen": 1000,
         "organisation": 20000, "source": "湖北省某规章（示例）", "verified": True},
    ]  # fmt: skip
    case, _ = investigated(org, people, item, party_kind="citizen")
    assert hearing_right(case, "fine", Decimal("1000"), date(2024, 3, 6))[0]
    right, why = hearing_right(case, "fine", Decimal("1000"), date(2023, 12, 31))
    assert not right and "5000" in why


def test_the_hearing_notice_counts_by_the_law_of_its_day() -> None:
    # 2021: 7 working days (第六十四条, 第八十五条); 1996: 7 days (第四十二条).
    new = compute_statutory("penalty.hearing_notice", date(2024, 3, 14))
    assert new.due == date(2024, 3, 25) and new.basis == "行政处罚法 第六十四条"
    old = compute_statutory("penalty.hearing_notice", date(2019, 5, 6))
    assert old.due == date(2019, 5, 13) and "1996" in old.basis


def test_a_fine_below_the_threshold_gives_no_hearing(org, people, item) -> None:
    case, _ = investigated(org, people, item)
    notified(case, people, fine="5000")
    ask = {"manner": "written"}
    error = refused(case, "request_hearing", people.alice, on=date(2024, 3, 7), data=ask)
    assert [r.basis for r in error.refusals] == ["行政处罚法 第六十三条"]
    # The party states its case all the same, and the statement is recorded.
    statement = {"statement": "初次违法", "adopted": "rejected", "reasons": "事实清楚"}
    take(case, "statement", people.alice, data=statement, on=date(2024, 3, 7))
    assert case.events.filter(kind="statement").count() == 1


def test_the_hearing_walks_its_periods_and_its_presider(org, people, item) -> None:
    case, pair = investigated(org, people, item, party_kind="citizen")
    notified(case, people, fine="5000", on=date(2024, 3, 6))  # 5 working days: to 03-13
    ask = {"manner": "written"}
    late = refused(case, "request_hearing", people.alice, on=date(2024, 3, 14), data=ask)
    assert late.refusals[0].basis == "行政处罚法 第六十四条" and "2024-03-13" in str(late)
    period = case.deadlines.get(key="penalty.decision")
    due_before = period.due
    take(case, "request_hearing", people.alice, data={"manner": "written"}, on=date(2024, 3, 13))
    # 市场监管: the time from the request to the hearing is not counted in the 90 days.
    period.refresh_from_db()
    assert period.status == "paused" and "听证时间不计入" in period.pauses[0]["reason"]
    # No decision while the requested hearing has not been held.
    refused(case, "decide", people.henry, on=date(2024, 3, 20), data={"decision": "罚款"})
    chair = officer(org, "郑主持", "H0001")
    too_soon = {"hearing_on": "2024-03-22", "place": "第一听证室", "presider": chair.pk}
    error = refused(case, "schedule_hearing", people.henry, on=date(2024, 3, 14), data=too_soon)
    assert "七日前" in str(error) and error.refusals[0].basis == "行政处罚法 第六十四条"
    investigator = {"hearing_on": "2024-03-25", "place": "第一听证室", "presider": pair[0].pk}
    error = refused(case, "schedule_hearing", people.henry, on=date(2024, 3, 14), data=investigator)
    assert "非本案调查人员主持" in str(error)
    schedule = {"hearing_on": "2024-03-25", "place": "第一听证室", "presider": chair.pk}
    take(case, "schedule_hearing", people.henry, data=schedule, on=date(2024, 3, 14))
    early = refused(case, "hold_hearing", people.alice, on=date(2024, 3, 22), data=HEARD)
    assert "不能提前举行" in str(early)
    take(
        case,
        "hold_hearing",
        people.alice,
        data={**HEARD, "facts_changed": "on"},
        on=date(2024, 3, 25),
    )
    period.refresh_from_db()
    assert period.status == "running" and due_before is not None and period.due is not None
    assert (period.due - due_before).days == (date(2024, 3, 25) - date(2024, 3, 13)).days
    # The hearing changed the facts: back to legal review before the decision.
    decision = {"decision": "罚款五千元", "fine": "5000"}
    error = refused(case, "decide", people.henry, on=date(2024, 3, 26), data=decision)
    assert error.refusals[0].basis == "行政处罚法 第五十八条第一款第二项"
    assert error.refusals[0].missing_step == "review"
    take(case, "review", people.rita, data={"opinion": "按听证认定的事实"}, on=date(2024, 3, 26))
    take(case, "decide", people.henry, data=decision, on=date(2024, 3, 27))
    case.refresh_from_db()
    assert case.state == "decided" and case.enforcement.outcome == "penalty"


def test_a_heavier_finding_at_the_hearing_needs_a_fresh_notice(org, people, item) -> None:
    case, _ = investigated(org, people, item, party_kind="citizen")
    notified(case, people, fine="5000", on=date(2024, 3, 6))
    take(case, "request_hearing", people.alice, data={"manner": "oral"}, on=date(2024, 3, 8))
    chair = officer(org, "郑主持", "H0002")
    schedule = {"hearing_on": "2024-03-20", "place": "第一听证室", "presider": chair.pk}
    take(case, "schedule_hearing", people.henry, data=schedule, on=date(2024, 3, 8))
    take(case, "hold_hearing", people.alice, data={**HEARD, "heavier": "on"}, on=date(2024, 3, 20))
    heavier = {"decision": "罚款八千元", "fine": "8000"}
    error = refused(case, "decide", people.henry, on=date(2024, 3, 21), data=heavier)
    assert error.refusals[0].basis == "行政处罚法 第四十四条"
    take(case, "notify", people.alice, data={"fine": "8000"}, on=date(2024, 3, 21))
    # The fresh notice opens the party's period again: no decision before it closes.
    error = refused(case, "decide", people.henry, on=date(2024, 3, 22), data=heavier)
    assert "第六十四条" in str(error)
    take(case, "decide", people.henry, data=heavier, on=date(2024, 3, 29))
    case.refresh_from_db()
    assert str(case.enforcement.fine) == "8000.00"


def test_no_decision_heavier_than_the_notice(org, people, item) -> None:
    case, _ = investigated(org, people, item)
    notified(case, people, fine="5000", on=date(2024, 3, 6))
    error = refused(
        case, "decide", people.henry, on=date(2024, 3, 14), data={"decision": "罚", "fine": "6000"}
    )
    assert error.refusals[0].basis == "行政处罚法 第四十四条、第四十五条"
    take(
        case, "decide", people.henry, data={"decision": "罚", "fine": "4000"}, on=date(2024, 3, 14)
    )


def test_a_2019_hearing_follows_the_1996_law(org, people, item) -> None:
    """The scenario's year: 3 days to ask (1996年法 第四十二条), the notice 7 days before, payment
    within 15 days moved past the Dragon Boat Festival (2019-06-07)."""
    from fazhi.core.casework.workflow import register_case

    from .procedure import serve

    pair = [officer(org, "周一", "Y19a"), officer(org, "吴二", "Y19b")]
    data = {"title": "销售过期食品案", "power_item": item.pk, "violation_on": "2019-04-20",
            "facts": "举报", "party_kind": "citizen"}  # fmt: skip
    case = register_case("penalty", people.alice, data, on=date(2019, 5, 6))
    take(case, "file", people.henry, on=date(2019, 5, 6))
    officers = {"officer_a": pair[0].pk, "officer_b": pair[1].pk, "findings": "属实"}
    take(case, "investigate", people.alice, data=officers, on=date(2019, 5, 8))
    take(case, "review", people.rita, data={"opinion": "同意"}, on=date(2019, 5, 9))
    take(case, "notify", people.alice, data={"fine": "5000"}, on=date(2019, 5, 10))
    window = case.deadlines.get(key="penalty.hearing_request")
    assert window.due == date(2019, 5, 13) and "1996" in window.basis
    take(case, "request_hearing", people.alice, data={"manner": "written"}, on=date(2019, 5, 13))
    chair = officer(org, "郑主持", "Y19c")
    soon = {"hearing_on": "2019-05-19", "place": "听证室", "presider": chair.pk}
    with pytest.raises(TransitionError, match="第四十二条"):
        take(case, "schedule_hearing", people.henry, data=soon, on=date(2019, 5, 13))
    schedule = {**soon, "hearing_on": "2019-05-20"}
    take(case, "schedule_hearing", people.henry, data=schedule, on=date(2019, 5, 13))
    take(case, "hold_hearing", people.alice, data=HEARD, on=date(2019, 5, 20))
    take(
        case,
        "decide",
        people.henry,
        data={"decision": "罚款", "fine": "5000"},
        on=date(2019, 5, 22),
    )
    serve(case, org, people, on=date(2019, 5, 23))
    assert case.deadlines.get(key="penalty.payment").due == date(2019, 6, 10)
    take(case, "pay", people.alice, data={"amount": "5000"}, on=date(2019, 6, 10))
    take(case, "close", people.alice, on=date(2019, 6, 10))
    case.refresh_from_db()
    assert case.state == "closed" and case.enforcement.surcharge == Decimal("0.00")


def test_appraisal_time_is_left_out_of_the_90_days_only_where_the_sector_says(
    org, people, item
) -> None:
    from fazhi.domains.enforcement.models import DepartmentSector

    case, _ = investigated(org, people, item)
    period = case.deadlines.get(key="penalty.decision")
    due_before = period.due
    appraisal = {"kind": "鉴定", "reason": "送检过期食品"}
    take(case, "exclude_time", people.alice, data=appraisal, on=date(2024, 3, 5))
    period.refresh_from_db()
    assert period.status == "paused" and "鉴定时间不计入" in period.pauses[0]["reason"]
    again = refused(case, "exclude_time", people.alice, on=date(2024, 3, 6), data=appraisal)
    assert again.refusals[0].basis == "行政处罚法 第六十条"
    notified(case, people, on=date(2024, 3, 6))
    # No decision while the appraisal runs: the step to end it is named.
    waiting = refused(
        case, "decide", people.henry, on=date(2024, 4, 1), data={"decision": "罚款", "fine": "5000"}
    )
    assert any(r.missing_step == "end_exclusion" for r in waiting.refusals)
    take(case, "end_exclusion", people.alice, data={"result": "不合格"}, on=date(2024, 3, 25))
    period.refresh_from_db()
    assert period.status == "running" and due_before is not None and period.due is not None
    assert (period.due - due_before).days == (date(2024, 3, 25) - date(2024, 3, 5)).days
    # A department whose sector's rules exclude nothing: the 90 days run on.
    other, _ = investigated(org, people, item)
    DepartmentSector.objects.create(department=org.scjg, sector="ecology")
    plain = refused(other, "exclude_time", people.alice, on=date(2024, 3, 5), data=appraisal)
    assert plain.refusals[0].basis == "行政处罚法 第六十条" and "照常计算" in str(plain)


def test_the_head_extends_the_90_days_once_where_the_sector_allows(org, people, item) -> None:
    from fazhi.domains.enforcement.models import DepartmentSector

    case, _ = investigated(org, people, item)
    period = case.deadlines.get(key="penalty.decision")
    due_before = period.due
    ask = {"days": "30", "reason": "案情复杂，需调取外省证据"}
    by_clerk = refused(case, "extend_decision", people.alice, on=date(2024, 5, 6), data=ask)
    assert "负责人" in str(by_clerk)
    take(case, "extend_decision", people.henry, data=ask, on=date(2024, 5, 6))
    period.refresh_from_db()
    # 90 days from 2024-03-01 end on 05-30; 30 more end on Saturday 06-29, due on Monday 07-01.
    assert due_before == date(2024, 5, 30) and period.due == date(2024, 7, 1)
    assert period.extension_approved_by == people.henry
    extended = case.events.get(kind="deadline_extended")
    assert "三十日" in extended.data["basis"]
    twice = refused(case, "extend_decision", people.henry, on=date(2024, 5, 7), data=ask)
    assert "只能延长一次" in str(twice)
    # The Act allows no extension: a department whose sector's rules say nothing gets none.
    other, _ = investigated(org, people, item)
    DepartmentSector.objects.create(department=org.scjg, sector="ecology")
    none = refused(other, "extend_decision", people.henry, on=date(2024, 5, 6), data=ask)
    assert none.refusals[0].basis == "行政处罚法 第六十条"
