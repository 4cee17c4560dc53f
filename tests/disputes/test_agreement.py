"""调解 closes the case with the outcome ``mediate``; 和解 is recorded and the case then ends by
withdrawal and termination (行政复议法 第七十三条、第七十四条)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from fazhi.core.casework.choices import DeadlineStatus
from fazhi.core.casework.models import Case
from fazhi.core.casework.workflow import TransitionError, take
from fazhi.domains.disputes.choices import Outcome, ProceduralEnd
from fazhi.domains.disputes.models import ReconsiderationCase

from .conftest import RECEIVED_ON

pytestmark = pytest.mark.django_db
MEDIATION = {"terms": "被申请人减少罚款至二千元，申请人不再坚持撤销请求", "signed": True}


def test_mediation_closes_the_case_with_the_outcome_mediate(
    fy_handler: Any, fy_head: Any, application: Case
) -> None:
    with pytest.raises(TransitionError) as exc:
        take(application, "mediate", fy_head, data=MEDIATION, on=RECEIVED_ON)
    assert exc.value.refusals[0].missing_step == "accept"
    take(application, "accept", fy_handler, on=RECEIVED_ON)
    with pytest.raises(TransitionError):  # the 调解书 must be signed by every party
        take(application, "mediate", fy_head, data={**MEDIATION, "signed": False})
    take(application, "mediate", fy_head, data=MEDIATION, on=date(2024, 4, 2))
    rc = ReconsiderationCase.objects.get(case=application)
    assert (rc.outcome, rc.procedural_end, rc.ended_on) == ("mediate", "", date(2024, 4, 2))
    assert application.state == "mediated" and application.closed_on == date(2024, 4, 2)
    decision = application.deadlines.get(key="reconsideration.decision")
    assert (decision.status, decision.met_on) == (DeadlineStatus.MET, date(2024, 4, 2))


def test_mediation_concludes_a_case_suspended_for_it(
    fy_handler: Any, fy_head: Any, application: Case
) -> None:
    take(application, "accept", fy_handler, on=RECEIVED_ON)
    take(application, "suspend", fy_head, data={"ground": "mediation"}, on=date(2024, 3, 15))
    take(application, "mediate", fy_head, data=MEDIATION, on=date(2024, 4, 2))
    decision = application.deadlines.get(key="reconsideration.decision")
    assert decision.status == DeadlineStatus.MET
    assert decision.pauses[-1]["end"] == "2024-04-02"
    assert ReconsiderationCase.objects.get(case=application).suspended_on is None


def test_a_decision_cannot_carry_the_mediation_outcome(
    fy_handler: Any, fy_head: Any, application: Case
) -> None:
    take(application, "accept", fy_handler, on=RECEIVED_ON)
    with pytest.raises(TransitionError):
        take(application, "decide", fy_head, data={"outcome": "mediate", "reasons": "x"})
    assert "settle" not in Outcome.values  # 和解 ends by termination, not by an outcome


def test_settlement_then_withdrawal_terminates(
    fy_handler: Any, fy_head: Any, application: Case
) -> None:
    take(application, "accept", fy_handler, on=RECEIVED_ON)
    take(
        application, "settle", fy_handler, data={"terms": "被申请人退还罚款"}, on=date(2024, 3, 20)
    )
    with pytest.raises(TransitionError) as exc:
        take(application, "settle", fy_handler, data={"terms": "再次"}, on=date(2024, 3, 21))
    assert exc.value.refusals[0].missing_step == "terminate"
    assert "行政复议法 第七十四条" in str(exc.value.refusals[0])
    take(application, "terminate", fy_head, data={"reason": "withdrawn"}, on=date(2024, 3, 22))
    rc = ReconsiderationCase.objects.get(case=application)
    assert (rc.settled_on, rc.procedural_end, rc.termination_reason, rc.outcome) == (
        date(2024, 3, 20),
        ProceduralEnd.TERMINATED,
        "withdrawn",
        "",
    )
