"""视为受理 by the lapse job, the 1999 law for applications received before 2024, 中止/恢复 of
the decision clock, termination grounds, and the switch from the simplified procedure."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from fazhi.core.casework.choices import DeadlineStatus
from fazhi.core.casework.deadlines import record_lapses
from fazhi.core.casework.models import Case
from fazhi.core.casework.workflow import StepRefused, TransitionError, take
from fazhi.core.clock import statutes
from fazhi.core.clock.calendar import get_calendar
from fazhi.core.clock.periods import Pause
from fazhi.domains.disputes.models import ReconsiderationCase

from .conftest import RECEIVED_ON, apply

pytestmark = pytest.mark.django_db

REVIEW = "reconsideration.acceptance_review"


def deadline(case: Case, key: str) -> Any:
    return case.deadlines.get(key=key)


def due(key: str, start: date, **kwargs: Any) -> date:
    result = statutes.compute_statutory(key, start, **kwargs)
    assert result.due is not None
    return result.due


def refusal_text(exc: pytest.ExceptionInfo[TransitionError]) -> str:
    return " ".join(str(r) for r in exc.value.refusals)


def rc(case: Case) -> ReconsiderationCase:
    return ReconsiderationCase.objects.get(case=case)


# -- 视为受理 ---------------------------------------------------------------------------------


def test_review_lapse_deems_the_application_accepted_on_the_lapse_day(
    org: Any, application: Case
) -> None:
    lapse_day = due(REVIEW, RECEIVED_ON)
    assert record_lapses(lapse_day, keys=[REVIEW]) == 0  # not yet lapsed on its last day
    assert record_lapses(date(2024, 3, 12), keys=[REVIEW]) == 1
    application.refresh_from_db()
    assert application.state == "accepted"
    assert application.number.startswith(f"{org.sfj.code}-FY-2024-")
    event = application.events.get(kind="deem_accept")
    assert (event.occurred_on, event.actor) == (lapse_day, None)
    assert "行政复议法 第三十条" in event.note
    assert rc(application).accepted_on == lapse_day
    assert deadline(application, REVIEW).status == DeadlineStatus.MET
    # The decision and copy clocks run from the day the law accepts the application.
    decision = deadline(application, "reconsideration.decision")
    assert decision.start == lapse_day
    assert decision.due == due("reconsideration.decision", lapse_day)
    assert deadline(application, "reconsideration.copy_to_respondent").start == lapse_day
    # Recorded once.
    assert record_lapses(date(2024, 4, 1), keys=[REVIEW]) == 0
    assert application.events.filter(kind="deem_accept").count() == 1


def test_deemed_acceptance_is_never_taken_by_a_person(fy_handler: Any, application: Case) -> None:
    with pytest.raises(StepRefused) as exc:
        take(application, "deem_accept", fy_handler, on=date(2024, 3, 12))
    assert "系统" in refusal_text(exc)


def test_no_deemed_acceptance_once_not_accepted(fy_handler: Any, application: Case) -> None:
    take(application, "not_accept", fy_handler, data={"reasons": "不属于复议范围"}, on=RECEIVED_ON)
    assert record_lapses(date(2024, 4, 1), keys=[REVIEW]) == 0
    application.refresh_from_db()
    assert application.state == "not_accepted"


def test_a_paused_review_does_not_lapse(fy_handler: Any, application: Case) -> None:
    take(application, "request_correction", fy_handler, data={"items": "身份证明"}, on=RECEIVED_ON)
    assert record_lapses(date(2024, 4, 1), keys=[REVIEW]) == 0
    application.refresh_from_db()
    assert application.state == "correction"


# -- the 1999 law -----------------------------------------------------------------------------


def test_an_application_of_2019_runs_under_the_1999_law(
    org: Any, people: Any, fy_handler: Any, fy_head: Any
) -> None:
    received = date(2019, 3, 4)
    case = apply(org, fy_handler, knew_on=date(2019, 2, 1), on=received)
    review = deadline(case, REVIEW)
    assert review.basis == "行政复议法（1999）第十七条" and review.unit == "workdays"
    take(case, "accept", fy_handler, on=date(2019, 3, 6))
    decision = deadline(case, "reconsideration.decision")
    assert decision.basis == "行政复议法（1999）第三十一条" and decision.amount == 60
    copy = deadline(case, "reconsideration.copy_to_respondent")
    assert copy.basis == "行政复议法（1999）第二十三条" and copy.unit == "workdays"
    take(case, "send_copy", fy_handler, on=date(2019, 3, 8))
    reply = deadline(case, "reconsideration.respondent_reply")
    assert (reply.amount, reply.unit) == (10, "days")  # 1999 第四十条: only 五日、七日 are workdays
    take(case, "reply", people.alice, on=date(2019, 3, 15))
    take(case, "extend", fy_head, data={"days": 30, "reasons": "案情复杂"}, on=date(2019, 4, 20))
    decision.refresh_from_db()
    assert decision.due == due("reconsideration.decision", date(2019, 3, 6), extended=True)
    with pytest.raises(TransitionError) as exc:
        take(case, "extend", fy_head, data={"days": 5, "reasons": "再延"}, on=date(2019, 4, 25))
    assert "行政复议法（1999）第三十一条" in refusal_text(exc)
    take(case, "decide", fy_head, data={"outcome": "uphold", "reasons": "事实清楚"},
         on=date(2019, 5, 20))  # fmt: skip
    assert case.state == "decided"


def test_1999_window_is_sixty_days_under_article_nine(org: Any, fy_handler: Any) -> None:
    late = apply(org, fy_handler, knew_on=date(2019, 1, 2), on=date(2019, 3, 15))
    with pytest.raises(TransitionError) as exc:
        take(late, "accept", fy_handler, on=date(2019, 3, 18))
    assert "行政复议法（1999）第九条" in refusal_text(exc)


def test_1999_deemed_acceptance_dates_from_receipt(org: Any, fy_handler: Any) -> None:
    received = date(2019, 3, 4)
    case = apply(org, fy_handler, knew_on=date(2019, 2, 1), on=received)
    assert record_lapses(date(2019, 3, 20), keys=[REVIEW]) == 1
    case.refresh_from_db()
    assert case.state == "accepted"
    # 1999 第十七条第二款: 自收到之日起即为受理.
    assert rc(case).accepted_on == received
    assert deadline(case, "reconsideration.decision").start == received
    assert "第十七条第二款" in case.events.get(kind="deem_accept").note


def test_no_simplified_procedure_before_2024(org: Any, fy_handler: Any) -> None:
    with pytest.raises(TransitionError) as exc:
        apply(org, fy_handler, knew_on=date(2019, 2, 1), on=date(2019, 3, 4),
              procedure="simplified")  # fmt: skip
    assert "未规定简易程序" in refusal_text(exc)
    with pytest.raises(statutes.NotInForce):
        statutes.compute_statutory("reconsideration.simplified_decision", date(2019, 3, 4))


# -- 中止 / 恢复 ------------------------------------------------------------------------------


def test_suspension_pauses_the_decision_clock_and_resumption_resumes_it(
    fy_handler: Any, fy_head: Any, application: Case
) -> None:
    take(application, "accept", fy_handler, on=RECEIVED_ON)
    before = deadline(application, "reconsideration.decision").due
    suspend_on, resume_on = date(2024, 3, 20), date(2024, 4, 9)
    take(application, "suspend", fy_head,
         data={"ground": "other_case", "reasons": "等待相关诉讼结果"}, on=suspend_on)  # fmt: skip
    decision = deadline(application, "reconsideration.decision")
    assert decision.status == DeadlineStatus.PAUSED and decision.due is None
    assert (rc(application).suspension_ground, rc(application).suspended_on) == (
        "other_case",
        suspend_on,
    )
    for name, data in (
        ("decide", {"outcome": "uphold", "reasons": "x"}),
        ("dismiss", {"reasons": "x"}),
        ("extend", {"days": 10, "reasons": "x"}),
    ):
        with pytest.raises(TransitionError) as exc:
            take(application, name, fy_head, data=data, on=date(2024, 3, 25))
        assert exc.value.refusals[0].missing_step == "resume"
        assert "行政复议法 第三十九条" in refusal_text(exc)
    with pytest.raises(TransitionError):
        take(application, "suspend", fy_head, data={"ground": "other"}, on=date(2024, 3, 25))
    take(application, "resume", fy_head, on=resume_on)
    decision.refresh_from_db()
    assert decision.status == DeadlineStatus.RUNNING
    assert decision.due == due(
        "reconsideration.decision",
        RECEIVED_ON,
        pauses=[Pause(suspend_on, resume_on)],
    )
    assert decision.due > before
    assert rc(application).suspended_on is None
    with pytest.raises(TransitionError):
        take(application, "resume", fy_head, on=resume_on)


def test_no_suspension_after_the_decision_clock_ran_out(
    fy_handler: Any, fy_head: Any, application: Case
) -> None:
    take(application, "accept", fy_handler, on=RECEIVED_ON)
    late = deadline(application, "reconsideration.decision").due
    with pytest.raises(TransitionError) as exc:
        take(application, "suspend", fy_head, data={"ground": "other"}, on=date(2024, 7, 1))
    assert late.isoformat() in refusal_text(exc)


def test_termination_for_an_unresumed_suspension_needs_its_ground_and_sixty_days(
    fy_handler: Any, fy_head: Any, application: Case
) -> None:
    take(application, "accept", fy_handler, on=RECEIVED_ON)
    data = {"reason": "suspension_unresumed"}
    with pytest.raises(TransitionError) as exc:
        take(application, "terminate", fy_head, data=data, on=date(2024, 3, 20))
    assert "第四十一条第一款第五项" in refusal_text(exc)
    take(application, "suspend", fy_head, data={"ground": "force_majeure"}, on=date(2024, 3, 8))
    with pytest.raises(TransitionError):  # force majeure is not one of the grounds
        take(application, "terminate", fy_head, data=data, on=date(2024, 6, 1))
    take(application, "resume", fy_head, on=date(2024, 3, 10))
    take(application, "suspend", fy_head, data={"ground": "applicant_died"}, on=date(2024, 3, 11))
    limit = due("reconsideration.suspension_limit", date(2024, 3, 11))
    assert limit == date(2024, 5, 10)  # sixty natural days, nothing moves
    with pytest.raises(TransitionError) as exc:
        take(application, "terminate", fy_head, data=data, on=limit)
    assert "2024-05-10" in refusal_text(exc)
    take(application, "terminate", fy_head, data=data, on=date(2024, 5, 11))
    rc_ = rc(application)
    assert (rc_.procedural_end, rc_.termination_reason) == ("terminated", "suspension_unresumed")
    assert rc_.suspended_on is None
    assert deadline(application, "reconsideration.decision").status == DeadlineStatus.CANCELLED


# -- 简易程序转为普通程序 -----------------------------------------------------------------------


def test_switch_to_ordinary_rebases_the_clocks_on_acceptance_and_copy(
    org: Any, fy_handler: Any, fy_head: Any
) -> None:
    case = apply(org, fy_handler, procedure="simplified")
    take(case, "accept", fy_handler, on=RECEIVED_ON)
    copy_on = date(2024, 3, 6)
    take(case, "send_copy", fy_handler, on=copy_on)
    with pytest.raises(StepRefused):
        take(case, "switch_to_ordinary", fy_handler, data={"reasons": "案情复杂"})
    take(case, "switch_to_ordinary", fy_head, data={"reasons": "案情复杂"}, on=date(2024, 3, 8))
    assert rc(case).procedure == "ordinary"
    assert deadline(case, "reconsideration.simplified_decision").status == "cancelled"
    assert deadline(case, "reconsideration.simplified_reply").status == "cancelled"
    assert deadline(case, "reconsideration.simplified_copy").status == "met"
    decision = deadline(case, "reconsideration.decision")
    assert decision.start == RECEIVED_ON  # 第六十二条: 自受理申请之日起
    assert decision.due == due("reconsideration.decision", RECEIVED_ON)
    reply = deadline(case, "reconsideration.respondent_reply")
    assert (reply.start, reply.amount, reply.org_unit) == (copy_on, 10, org.scjg)
    assert not case.deadlines.filter(key="reconsideration.copy_to_respondent").exists()
    # Ordinary now: one extension may be approved.
    take(case, "extend", fy_head, data={"days": 30, "reasons": "案情复杂"}, on=date(2024, 4, 1))
    with pytest.raises(TransitionError) as exc:
        take(case, "switch_to_ordinary", fy_head, data={"reasons": "x"}, on=date(2024, 4, 2))
    assert "行政复议法 第五十五条" in refusal_text(exc)


def test_no_switch_after_the_simplified_period_ran_out(
    org: Any, fy_handler: Any, fy_head: Any
) -> None:
    case = apply(org, fy_handler, procedure="simplified")
    take(case, "accept", fy_handler, on=RECEIVED_ON)
    late = deadline(case, "reconsideration.simplified_decision").due
    with pytest.raises(TransitionError) as exc:
        take(case, "switch_to_ordinary", fy_head, data={"reasons": "x"},
             on=get_calendar().add_workdays(late, 1))  # fmt: skip
    assert "行政复议法 第六十二条第二款" in refusal_text(exc)


def test_the_law_is_chosen_by_the_day_received(org: Any, fy_handler: Any) -> None:
    # Knew of the act under the 1999 law, applied under the 2023 law: the 2023 article is cited.
    late = apply(org, fy_handler, knew_on=date(2023, 10, 9), on=date(2024, 1, 10))
    with pytest.raises(TransitionError) as exc:
        take(late, "accept", fy_handler, on=date(2024, 1, 11))
    assert "行政复议法 第二十条" in refusal_text(exc) and "1999" not in refusal_text(exc)
