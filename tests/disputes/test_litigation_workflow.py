"""The lawsuit's steps: registration from the complaint copy with its defendants and their
fifteen-day defence clocks, hearings with who appeared, judgments, appeals, ends, retrial and
judicial suggestions — each refusal with its article."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from fazhi.core.casework.choices import DeadlineStatus
from fazhi.core.casework.models import Case, CaseLink
from fazhi.core.casework.workflow import StepRefused, TransitionError, open_case, take
from fazhi.core.clock import statutes
from fazhi.core.clock.periods import day_after
from fazhi.domains.disputes.models import (
    Appearance,
    CourtInstance,
    JudicialSuggestion,
    LawsuitCase,
    LawsuitDefendant,
    ReconsiderationCase,
)

from .litigation_helpers import SERVED, hearing, sue

pytestmark = pytest.mark.django_db


def refusal_text(exc: pytest.ExceptionInfo[TransitionError]) -> str:
    return " ".join(str(r) for r in exc.value.refusals)


def due(key: str, start: date) -> date:
    result = statutes.compute_statutory(key, start)
    assert result.due is not None
    return result.due


def test_it_registers_the_lawsuit_with_its_defence_clock(org: Any, people: Any) -> None:
    case = sue(org, people.alice)
    lawsuit = LawsuitCase.objects.get(case=case)
    assert case.state == "first_instance"
    assert case.number.startswith("420700-SCJG-YS-2019-")
    assert lawsuit.served_on == SERVED
    defence = case.deadlines.get(key="litigation.defence")
    # 行政诉讼法 第六十七条: fifteen days from the service of the complaint copy.
    assert defence.due == due("litigation.defence", SERVED) == date(2019, 3, 19)
    assert defence.basis == "行政诉讼法 第六十七条"
    assert defence.org_unit == org.scjg
    instance = CourtInstance.objects.get(lawsuit=lawsuit)
    assert (instance.level, instance.court_number) == ("first", "(2019)鄂0704行初18号")


def test_a_co_defendant_gets_its_own_clock_and_sees_the_case(org: Any, people: Any) -> None:
    case = sue(org, people.alice, reconsideration_body=org.city.pk)
    defendants = LawsuitDefendant.objects.filter(lawsuit__case=case)
    assert {(d.org_unit, d.capacity) for d in defendants} == {
        (org.scjg, "acting_body"),
        (org.city, "reconsideration_upheld"),
    }
    assert case.deadlines.filter(key="litigation.defence", org_unit=org.city).exists()
    assert case.participants.filter(org_unit=org.city, role="respondent").exists()


def _decided_reconsideration(org: Any, outcome: str) -> Case:
    recon = open_case(
        "reconsideration",
        title="不服罚款",
        owner=org.sfj,
        opened_on=date(2024, 3, 4),
        extra_participants=[(org.scjg, "respondent")],
    )
    ReconsiderationCase.objects.create(
        case=recon,
        act_complained="罚款",
        knew_on=date(2024, 2, 1),
        outcome=outcome,
        ended_on=date(2024, 4, 30),
    )
    return recon


def test_the_reconsideration_body_must_be_co_defendant_when_it_upheld(
    org: Any, people: Any
) -> None:
    recon = _decided_reconsideration(org, "uphold")
    with pytest.raises(TransitionError) as exc:
        sue(org, people.alice, served=date(2024, 6, 3), reconsideration_case=recon.pk)
    assert "共同被告" in refusal_text(exc)
    assert "行政诉讼法 第二十六条第二款" in refusal_text(exc)
    case = sue(
        org,
        people.alice,
        served=date(2024, 6, 3),
        reconsideration_case=recon.pk,
        reconsideration_body=org.city.pk,
    )
    link = CaseLink.objects.get(from_case=case, to_case=recon)
    assert link.kind == "litigates"


def test_a_changed_decision_makes_the_reconsideration_body_the_defendant(
    org: Any, people: Any
) -> None:
    recon = _decided_reconsideration(org, "revoke")
    with pytest.raises(TransitionError) as exc:
        sue(org, people.alice, served=date(2024, 6, 3), reconsideration_case=recon.pk)
    assert "复议机关改变原行政行为的，复议机关（鄂州市）是被告" in refusal_text(exc)


def test_the_lawsuit_links_the_enforcement_case(org: Any, people: Any) -> None:
    penalty = open_case("penalty", title="罚款", owner=org.scjg, opened_on=date(2019, 1, 5))
    case = sue(org, people.alice, enforcement_case=penalty.pk)
    assert CaseLink.objects.filter(from_case=case, to_case=penalty, kind="litigates").exists()


def test_only_a_clerk_registers(org: Any, people: Any) -> None:
    with pytest.raises(StepRefused):
        sue(org, people.carol)


def test_the_defence_meets_the_clock_and_late_evidence_is_marked(org: Any, people: Any) -> None:
    case = sue(org, people.alice, reconsideration_body=org.city.pk)
    evidence = {"evidence": "处罚决定书、调查笔录"}
    take(
        case,
        "file_defence",
        people.alice,
        data={"defendant": org.scjg.pk, **evidence},
        on=date(2019, 3, 15),
    )
    take(
        case,
        "file_defence",
        people.alice,
        data={"defendant": org.city.pk, **evidence},
        on=date(2019, 3, 20),
    )
    own = LawsuitDefendant.objects.get(lawsuit__case=case, org_unit=org.scjg)
    city = LawsuitDefendant.objects.get(lawsuit__case=case, org_unit=org.city)
    assert (own.defence_filed_on, own.defence_late) == (date(2019, 3, 15), False)
    assert (city.defence_filed_on, city.defence_late) == (date(2019, 3, 20), True)
    assert set(case.deadlines.values_list("status", flat=True)) == {DeadlineStatus.MET}
    with pytest.raises(TransitionError) as exc:
        take(
            case,
            "file_defence",
            people.alice,
            data={"defendant": org.scjg.pk, **evidence},
            on=date(2019, 3, 16),
        )
    assert "已于 2019-03-15 提交答辩状和证据" in refusal_text(exc)


def test_a_hearing_records_a_head_or_the_reason_why_not(org: Any, people: Any) -> None:
    case = sue(org, people.alice)
    hearing(case, people.alice, org.scjg, date(2019, 5, 7), "deputy", post="副局长")
    with pytest.raises(TransitionError) as exc:
        hearing(case, people.alice, org.scjg, date(2019, 6, 4), "staff", post="法规科科长")
    text = refusal_text(exc)
    assert "须选择不能出庭的理由" in text
    assert "第一百二十九条第三款" in text  # the rule in force in 2019
    hearing(
        case,
        people.alice,
        org.scjg,
        date(2019, 6, 4),
        "staff",
        post="法规科科长",
        absence_reason="irreplaceable_duty",
        absence_note="出席全省会议",
    )
    rows = list(Appearance.objects.filter(hearing__instance__lawsuit__case=case))
    assert [(a.appearer, a.head_appeared) for a in rows] == [("deputy", True), ("staff", False)]
    assert rows[1].absence_reason == "irreplaceable_duty"


def test_after_july_2020_the_reason_cites_the_2020_rule(org: Any, people: Any) -> None:
    case = sue(org, people.alice, served=date(2021, 3, 1))
    with pytest.raises(TransitionError) as exc:
        hearing(case, people.alice, org.scjg, date(2021, 5, 6), "nobody", name="")
    assert "负责人出庭应诉若干问题的规定 第八条" in refusal_text(exc)


def test_a_session_is_recorded_once_per_defendant(org: Any, people: Any) -> None:
    case = sue(org, people.alice)
    hearing(case, people.alice, org.scjg, date(2019, 5, 7), "principal")
    with pytest.raises(TransitionError) as exc:
        hearing(case, people.alice, org.scjg, date(2019, 5, 7), "principal")
    assert "出庭情况已经记录" in refusal_text(exc)


def test_another_departments_clerk_may_not_record(org: Any, people: Any) -> None:
    case = sue(org, people.alice)
    with pytest.raises(StepRefused):
        hearing(case, people.bob, org.scjg, date(2019, 5, 7), "principal")


def _judge(case: Case, actor: Any, on: date, kind: str = "judgment", outcome: str = "revoked"):
    return take(case, "judge", actor, data={"decision_type": kind, "outcome": outcome}, on=on)


def test_a_judgment_starts_fifteen_days_to_appeal_and_a_ruling_ten(org: Any, people: Any) -> None:
    case = sue(org, people.alice)
    _judge(case, people.alice, date(2019, 6, 4))
    appeal = case.deadlines.get(key="litigation.appeal_judgment")
    assert appeal.due == due("litigation.appeal_judgment", date(2019, 6, 4)) == date(2019, 6, 19)
    other = sue(org, people.alice, court_number="(2019)鄂0704行初19号")
    _judge(other, people.alice, date(2019, 6, 4), "ruling", "suit_dismissed")
    assert other.deadlines.get(key="litigation.appeal_ruling").due == date(2019, 6, 14)


def test_the_judgment_takes_effect_only_after_the_appeal_period(org: Any, people: Any) -> None:
    case = sue(org, people.alice)
    _judge(case, people.alice, date(2019, 6, 4))
    with pytest.raises(TransitionError) as exc:
        take(case, "take_effect", people.alice, on=date(2019, 6, 19))
    assert "上诉期限至 2019-06-19 届满" in refusal_text(exc)
    take(case, "take_effect", people.alice, on=day_after(date(2019, 6, 19)))
    lawsuit = LawsuitCase.objects.get(case=case)
    assert (case.state, lawsuit.outcome, lawsuit.lost) == ("closed", "revoked", True)
    assert lawsuit.ended_on == date(2019, 6, 20)


def test_an_appeal_opens_the_second_instance_within_the_period(org: Any, people: Any) -> None:
    case = sue(org, people.alice)
    _judge(case, people.alice, date(2019, 6, 4), outcome="claim_rejected")
    data = {
        "appellant": "plaintiff",
        "court": "鄂州市中级人民法院",
        "court_number": "(2019)鄂07行终1号",
    }
    with pytest.raises(TransitionError) as exc:
        take(case, "appeal", people.alice, data=data, on=date(2019, 6, 20))
    assert "上诉期限已于 2019-06-19 届满" in refusal_text(exc)
    take(case, "appeal", people.alice, data=data, on=date(2019, 6, 12))
    assert case.state == "second_instance"
    hearing(case, people.alice, org.scjg, date(2019, 8, 8), "leader_in_charge")
    take(
        case,
        "final_judgment",
        people.alice,
        data={"decision_type": "judgment", "outcome": "claim_rejected"},
        on=date(2019, 9, 10),
    )
    lawsuit = LawsuitCase.objects.get(case=case)
    assert [i.level for i in lawsuit.instances.all()] == ["first", "second"]
    assert (case.state, lawsuit.outcome, lawsuit.lost) == ("closed", "claim_rejected", False)
    second = Appearance.objects.get(hearing__instance__level="second")
    assert second.hearing.held_on == date(2019, 8, 8)


def test_withdrawal_and_mediation_end_the_case(org: Any, people: Any) -> None:
    case = sue(org, people.alice)
    take(case, "withdraw", people.alice, data={"note": "原告申请撤诉"}, on=date(2019, 5, 6))
    assert LawsuitCase.objects.get(case=case).outcome == "withdrawn"
    other = sue(org, people.alice, court_number="(2019)鄂0704行初19号")
    take(other, "mediate", people.alice, data={}, on=date(2019, 5, 6))
    assert LawsuitCase.objects.get(case=other).outcome == "mediated"
    assert other.state == "closed" and other.closed_on == date(2019, 5, 6)


def test_a_retrial_reopens_the_case(org: Any, people: Any) -> None:
    case = sue(org, people.alice)
    take(case, "withdraw", people.alice, data={}, on=date(2019, 5, 6))
    take(
        case,
        "retrial",
        people.alice,
        data={"court": "鄂州市中级人民法院", "court_number": "(2020)鄂07行再1号"},
        on=date(2020, 3, 2),
    )
    case.refresh_from_db()
    lawsuit = LawsuitCase.objects.get(case=case)
    assert (case.state, case.closed_on, lawsuit.outcome) == ("retrial", None, "")
    take(
        case,
        "final_judgment",
        people.alice,
        data={"decision_type": "judgment", "outcome": "varied"},
        on=date(2020, 6, 2),
    )
    lawsuit.refresh_from_db()
    assert (lawsuit.outcome, lawsuit.ended_on) == ("varied", date(2020, 6, 2))


def test_a_judicial_suggestion_before_2023_needs_the_due_date_it_names(
    org: Any, people: Any
) -> None:
    case = sue(org, people.alice)
    data = {"defendant": org.scjg.pk, "court": "鄂州市鄂城区人民法院", "content": "规范出庭应诉"}
    with pytest.raises(TransitionError) as exc:
        take(case, "receive_suggestion", people.alice, data=data, on=date(2019, 6, 3))
    assert "须填写建议书载明的答复期限" in refusal_text(exc)
    take(
        case,
        "receive_suggestion",
        people.alice,
        data={**data, "reply_due": date(2019, 7, 3)},
        on=date(2019, 6, 3),
    )
    s = JudicialSuggestion.objects.get(lawsuit__case=case)
    assert (s.reply_due, s.due_basis) == (date(2019, 7, 3), "司法建议书载明的答复期限")
    take(
        case,
        "reply_suggestion",
        people.alice,
        data={"suggestion": s.pk, "reply": "已整改"},
        on=date(2019, 7, 5),
    )
    s.refresh_from_db()
    assert (s.replied_on, s.replied_late) == (date(2019, 7, 5), True)


def test_from_2023_a_suggestion_without_a_date_gets_two_months(org: Any, people: Any) -> None:
    case = sue(org, people.alice, served=date(2024, 1, 8))
    data = {"defendant": org.scjg.pk, "court": "鄂州市鄂城区人民法院", "content": "规范执法"}
    take(case, "receive_suggestion", people.alice, data=data, on=date(2024, 3, 4))
    s = JudicialSuggestion.objects.get(lawsuit__case=case)
    assert s.reply_due == due("litigation.suggestion_reply", date(2024, 3, 4)) == date(2024, 5, 6)
    assert "第八条" in s.due_basis
    # The clock is the addressee's, and the case's end does not cancel it.
    take(case, "withdraw", people.alice, data={}, on=date(2024, 3, 5))
    clock = case.deadlines.get(key="litigation.suggestion_reply")
    assert (clock.org_unit, clock.due, clock.status) == (org.scjg, s.reply_due, "running")
    take(case, "reply_suggestion", people.alice, data={"suggestion": s.pk, "reply": "已采纳"},
         on=date(2024, 4, 1))  # fmt: skip
    clock.refresh_from_db()
    assert (clock.status, clock.met_on) == ("met", date(2024, 4, 1))


def test_an_incomplete_form_is_refused_by_its_fields_only(org: Any, people: Any) -> None:
    case = sue(org, people.alice)
    for name in ("file_defence", "record_hearing", "receive_suggestion", "reply_suggestion"):
        with pytest.raises(TransitionError) as exc:
            take(case, name, people.alice, data={}, on=date(2019, 5, 6))
        assert all("：" in str(r) for r in exc.value.refusals), name  # 字段：错误
