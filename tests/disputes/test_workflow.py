"""The reconsideration workflow: every step, every gate's refusal with its article, and the
deadlines each step starts and meets."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from fazhi.core.casework.choices import DeadlineStatus
from fazhi.core.casework.models import Case, CaseLink
from fazhi.core.casework.workflow import StepRefused, TransitionError, open_case, take
from fazhi.core.clock import statutes
from fazhi.domains.disputes.models import ReconsiderationCase

from .conftest import KNEW_ON, RECEIVED_ON, apply

pytestmark = pytest.mark.django_db


def deadline(case: Case, key: str) -> Any:
    return case.deadlines.get(key=key)


def due(key: str, start: date) -> date:
    result = statutes.compute_statutory(key, start)
    assert result.due is not None
    return result.due


def refusal_text(exc: pytest.ExceptionInfo[TransitionError]) -> str:
    return " ".join(str(r) for r in exc.value.refusals)


def test_application_registers_case_with_respondent_and_review_clock(
    org: Any, application: Case
) -> None:
    rc = ReconsiderationCase.objects.get(case=application)
    assert application.state == "received"
    assert application.number == ""  # numbered on acceptance
    assert rc.respondent() == org.scjg
    review = deadline(application, "reconsideration.acceptance_review")
    assert review.start == RECEIVED_ON
    assert review.due == due("reconsideration.acceptance_review", RECEIVED_ON)
    assert review.basis == "行政复议法 第三十条"


def test_application_links_the_enforcement_case_it_reviews(org: Any, fy_handler: Any) -> None:
    penalty = open_case("penalty", title="罚款", owner=org.scjg, opened_on=date(2024, 1, 5))
    case = apply(org, fy_handler, reviewed_case=penalty)
    link = CaseLink.objects.get(from_case=case, to_case=penalty)
    assert link.kind == "reviews"
    # The reconsideration body takes part in the reviewed case, so it sees it.
    assert penalty.participants.filter(org_unit=org.sfj, role="reviewer").exists()


def test_only_the_handler_registers(org: Any, people: Any) -> None:
    with pytest.raises(StepRefused):
        apply(org, people.june)


def test_ordinary_run_accept_copy_reply_decide(
    org: Any, people: Any, fy_handler: Any, fy_head: Any, application: Case
) -> None:
    accepted_on = date(2024, 3, 8)
    take(application, "accept", fy_handler, on=accepted_on)
    assert application.state == "accepted"
    assert application.number.startswith(f"{org.sfj.code}-FY-2024-")
    assert deadline(application, "reconsideration.acceptance_review").status == DeadlineStatus.MET
    decision = deadline(application, "reconsideration.decision")
    assert decision.start == accepted_on
    assert decision.due == due("reconsideration.decision", accepted_on)
    copy_sent = date(2024, 3, 11)
    take(application, "send_copy", fy_handler, on=copy_sent)
    assert deadline(application, "reconsideration.copy_to_respondent").status == "met"
    reply = deadline(application, "reconsideration.respondent_reply")
    # 第四十八条 with 第八十八条: ten working days, the respondent's own deadline.
    assert reply.unit == "workdays"
    assert reply.org_unit == org.scjg
    assert reply.due == due("reconsideration.respondent_reply", copy_sent)
    # The respondent's clerk answers, not the reconsideration body's handler.
    with pytest.raises(StepRefused):
        take(application, "reply", fy_handler, on=date(2024, 3, 15))
    take(application, "reply", people.alice, on=date(2024, 3, 15))
    assert deadline(application, "reconsideration.respondent_reply").status == "met"
    with pytest.raises(StepRefused):
        take(
            application,
            "decide",
            fy_handler,
            data={"outcome": "uphold", "reasons": "事实清楚"},
            on=date(2024, 4, 20),
        )
    take(
        application,
        "decide",
        fy_head,
        data={"outcome": "revoke", "reasons": "主要事实不清"},
        on=date(2024, 4, 20),
    )
    rc = ReconsiderationCase.objects.get(case=application)
    assert (rc.outcome, rc.procedural_end, rc.ended_on) == ("revoke", "", date(2024, 4, 20))
    assert application.state == "decided" and application.closed_on == date(2024, 4, 20)
    assert deadline(application, "reconsideration.decision").status == DeadlineStatus.MET
    assert not application.deadlines.filter(status__in=["running", "paused"]).exists()


def test_no_decision_before_acceptance(fy_head: Any, application: Case) -> None:
    with pytest.raises(TransitionError) as exc:
        take(application, "decide", fy_head, data={"outcome": "uphold", "reasons": "x"})
    assert "受理" in refusal_text(exc)
    assert "行政复议法 第三十条" in refusal_text(exc)
    assert exc.value.refusals[0].missing_step == "accept"


def test_acceptance_refused_outside_the_application_window(org: Any, fy_handler: Any) -> None:
    late = apply(org, fy_handler, knew_on=date(2024, 1, 2), on=date(2024, 3, 15))
    with pytest.raises(TransitionError) as exc:
        take(late, "accept", fy_handler, on=date(2024, 3, 18))
    assert "行政复议法 第二十条" in refusal_text(exc)
    assert "已超过期限" in refusal_text(exc)
    # … not accepted instead, with the reasons, and the review clock is met.
    take(late, "not_accept", fy_handler, data={"reasons": "超过申请期限"}, on=date(2024, 3, 18))
    rc = ReconsiderationCase.objects.get(case=late)
    assert (rc.procedural_end, rc.outcome) == ("not_accepted", "")
    assert rc.end_reasons == "超过申请期限"
    assert deadline(late, "reconsideration.acceptance_review").status == DeadlineStatus.MET


def test_not_accepted_needs_reasons(fy_handler: Any, application: Case) -> None:
    with pytest.raises(TransitionError):
        take(application, "not_accept", fy_handler, data={"reasons": ""})


def test_correction_once_and_the_review_restarts_on_receipt(
    fy_handler: Any, application: Case
) -> None:
    take(application, "request_correction", fy_handler, data={"items": "身份证明"}, on=RECEIVED_ON)
    assert application.state == "correction"
    review = deadline(application, "reconsideration.acceptance_review")
    assert review.status == DeadlineStatus.PAUSED
    correction = deadline(application, "reconsideration.correction")
    assert correction.due == due("reconsideration.correction", RECEIVED_ON)
    received = date(2024, 3, 12)
    take(application, "receive_correction", fy_handler, on=received)
    review.refresh_from_db()
    assert (review.status, review.start) == (DeadlineStatus.RUNNING, received)
    assert review.due == due("reconsideration.acceptance_review", received)
    assert deadline(application, "reconsideration.correction").status == DeadlineStatus.MET
    with pytest.raises(TransitionError) as exc:
        take(application, "request_correction", fy_handler, data={"items": "再补"}, on=received)
    assert "行政复议法 第三十一条" in refusal_text(exc)


def test_correction_refused_after_the_review_lapsed(fy_handler: Any, application: Case) -> None:
    review = deadline(application, "reconsideration.acceptance_review")
    with pytest.raises(TransitionError) as exc:
        take(
            application,
            "request_correction",
            fy_handler,
            data={"items": "身份证明"},
            on=date(2024, 4, 1),
        )
    assert review.due.isoformat() in refusal_text(exc)
    assert "行政复议法 第三十一条" in refusal_text(exc)


def test_extension_once_by_the_head_up_to_thirty_days(
    fy_handler: Any, fy_head: Any, application: Case
) -> None:
    take(application, "accept", fy_handler, on=RECEIVED_ON)
    decision = deadline(application, "reconsideration.decision")
    before = decision.due
    with pytest.raises(StepRefused):
        take(application, "extend", fy_handler, data={"days": 30, "reasons": "案情复杂"})
    with pytest.raises(TransitionError):
        take(application, "extend", fy_head, data={"days": 31, "reasons": "案情复杂"})
    take(application, "extend", fy_head, data={"days": 30, "reasons": "案情复杂"}, on=RECEIVED_ON)
    decision.refresh_from_db()
    assert decision.extension_amount == 30 and decision.extension_approved_by == fy_head
    assert decision.due > before
    with pytest.raises(TransitionError) as exc:
        take(application, "extend", fy_head, data={"days": 10, "reasons": "再延"})
    assert "行政复议法 第六十二条第一款" in refusal_text(exc)


def test_simplified_procedure_thirty_days_and_no_extension(
    org: Any, fy_handler: Any, fy_head: Any
) -> None:
    case = apply(org, fy_handler, procedure="simplified")
    take(case, "accept", fy_handler, on=RECEIVED_ON)
    decision = deadline(case, "reconsideration.simplified_decision")
    assert decision.due == due("reconsideration.simplified_decision", RECEIVED_ON)
    assert not case.deadlines.filter(key="reconsideration.decision").exists()
    take(case, "send_copy", fy_handler, on=RECEIVED_ON)
    assert deadline(case, "reconsideration.simplified_reply").amount == 5
    with pytest.raises(TransitionError) as exc:
        take(case, "extend", fy_head, data={"days": 10, "reasons": "案情复杂"})
    assert "行政复议法 第六十二条第二款" in refusal_text(exc)


def test_dismissal_only_after_acceptance(fy_handler: Any, fy_head: Any, application: Case) -> None:
    with pytest.raises(TransitionError) as exc:
        take(application, "dismiss", fy_head, data={"reasons": "不符合受理条件"})
    assert exc.value.refusals[0].missing_step == "accept"
    take(application, "accept", fy_handler, on=RECEIVED_ON)
    take(application, "dismiss", fy_head, data={"reasons": "不符合受理条件"}, on=date(2024, 3, 20))
    rc = ReconsiderationCase.objects.get(case=application)
    assert (rc.procedural_end, rc.outcome) == ("application_dismissed", "")
    assert application.state == "application_dismissed"
    decision = deadline(application, "reconsideration.decision")
    assert decision.status == DeadlineStatus.CANCELLED


def test_termination_on_withdrawal(fy_handler: Any, fy_head: Any, application: Case) -> None:
    take(application, "accept", fy_handler, on=RECEIVED_ON)
    take(application, "terminate", fy_head, data={"reason": "withdrawn"}, on=date(2024, 3, 25))
    rc = ReconsiderationCase.objects.get(case=application)
    assert (rc.procedural_end, rc.termination_reason) == ("terminated", "withdrawn")
    assert application.closed_on == date(2024, 3, 25)
    with pytest.raises(TransitionError):
        take(application, "decide", fy_head, data={"outcome": "uphold", "reasons": "x"})


def test_outcome_and_procedural_end_are_exclusive_in_the_database(application: Case) -> None:
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        ReconsiderationCase.objects.filter(case=application).update(
            outcome="uphold", procedural_end="terminated"
        )


def test_knew_on_fixture_is_within_the_window() -> None:
    assert due("reconsideration.application", KNEW_ON) >= RECEIVED_ON
