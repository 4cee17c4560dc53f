"""行政执法监督意见书/决定书 (drafted by the bureau's clerk, issued by its head, answered by the
department's head by the declared period) and special campaigns (counts; exposure through the
disclosure gate)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from fazhi.core.casework.workflow import StepRefused, TransitionError, register_case, take
from fazhi.core.clock import statutes
from fazhi.core.disclosure.models import Publication
from fazhi.core.org.scoping import scoped
from fazhi.domains.enforcement import campaigns, supervision
from fazhi.domains.enforcement.models import CampaignProblem, SupervisionOpinion

pytestmark = pytest.mark.django_db
BASIS = "行政执法监督条例（国务院令第825号）"


def opinion_data(org: Any) -> dict[str, Any]:
    return {
        "kind": "opinion",
        "department": org.scjg.pk,
        "title": "关于规范行政处罚案件送达工作的监督意见",
        "findings": "部分案件送达回证缺少签收日期。",
        "requirements": "逐案核查送达程序并补正。",
    }


def test_the_opinion_is_drafted_issued_answered_and_closed_by_persons_in_roles(
    org: Any, people: Any
) -> None:
    # Only a justice bureau drafts one: the market regulator's clerk is refused with the basis.
    with pytest.raises(StepRefused) as foreign:
        register_case("supervision", people.alice, opinion_data(org), on=date(2019, 10, 8))
    assert "部门经办人" in foreign.value.refusals[0].message
    assert supervision.WORKFLOW.creating_units(people.alice) == []
    assert supervision.WORKFLOW.creating_units(people.june) == [org.sfj]
    # Even called directly, the drafting refuses a department that is not a justice bureau.
    with pytest.raises(StepRefused) as direct:
        supervision.draft(people.alice, org.scjg, {"department": org.sthj}, date(2019, 10, 8))
    assert direct.value.refusals[0].basis == BASIS
    case = register_case("supervision", people.june, opinion_data(org), on=date(2019, 10, 8))
    assert case.state == "draft" and case.owner_unit() == org.sfj
    # The clerk drafts but does not issue; the head issues.
    with pytest.raises(StepRefused) as clerk:
        take(case, "issue", people.june, on=date(2019, 10, 9))
    assert (
        "部门负责人" in clerk.value.refusals[0].message and clerk.value.refusals[0].basis == BASIS
    )
    # No reply before the issue: the refusal names the missing step.
    with pytest.raises(TransitionError) as early:
        take(case, "reply", people.henry, data={"reply": "x"}, on=date(2019, 10, 9))
    assert early.value.refusals[0].missing_step == "issue"
    take(case, "issue", people.jack, on=date(2019, 10, 9))
    case.refresh_from_db()
    assert case.number.startswith("420700-SFJ-JD-2019-")
    deadline = case.deadlines.get(key="enforcement.supervision_reply")
    # The period is a declared setting naming the regulation, not a bare number of days.
    assert deadline.org_unit == org.scjg and BASIS in deadline.basis
    assert statutes.get("enforcement.supervision_reply").versions[-1].period.basis == deadline.basis
    assert deadline.due == date(2019, 11, 8)
    # The department's head answers; its clerk and another department's staff may not.
    for outsider in (people.alice, people.bob, people.jack):
        with pytest.raises(StepRefused) as refused:
            take(case, "reply", outsider, data={"reply": "x"}, on=date(2019, 10, 20))
        assert refused.value.refusals[0].basis == BASIS
    with pytest.raises(TransitionError) as empty:
        take(case, "reply", people.henry, data={"reply": ""}, on=date(2019, 10, 20))
    assert empty.value.refusals[0].message.startswith("整改回复")
    take(case, "reply", people.henry, data={"reply": "已逐案补正"}, on=date(2019, 10, 20))
    deadline.refresh_from_db()
    assert deadline.status == "met" and deadline.met_on == date(2019, 10, 20)
    take(case, "close", people.june, data={"note": "整改到位"}, on=date(2019, 10, 25))
    opinion = SupervisionOpinion.objects.get(case=case)
    assert opinion.reply == "已逐案补正" and case.events.filter(kind="close").exists()
    # The bureau and the department see it; another department does not.
    assert scoped(people.alice, SupervisionOpinion).count() == 1
    assert scoped(people.bob, SupervisionOpinion).count() == 0


def test_a_campaign_counts_what_it_rectified_dealt_with_and_exposed_through_the_gate(
    org: Any, people: Any
) -> None:
    campaign = campaigns.start_campaign(
        organiser=org.scjg,
        topic='执业药师"挂证"专项整治',
        field="药品",
        started_on=date(2019, 3, 15),
        ended_on=date(2019, 6, 30),
    )
    first = campaigns.add_problem(
        campaign,
        matter="执业药师不在岗",
        description="某药房执业药师李明长期不在岗，联系电话13871234567",
        found_on=date(2019, 4, 2),
        department=org.scjg,
    )
    campaigns.add_problem(
        campaign, matter="处方留存", description="未留存处方", found_on=date(2019, 4, 9)
    )
    campaigns.rectify(first, date(2019, 5, 6), persons_dealt_with=2)
    exposed = campaigns.expose(first, on=date(2019, 5, 10), actor=people.alice)
    pub = Publication.objects.get(pk=exposed.publication_id)
    assert "13871234567" not in str(pub.payload) and "专项治理" in str(pub.payload)
    with pytest.raises(ValueError, match="已曝光"):
        campaigns.expose(first, on=date(2019, 5, 11))
    counts = campaigns.counts([campaign])
    assert counts == campaigns.Counts(problems=2, rectified=1, persons_dealt_with=2, exposed=1)
    assert campaigns.pharmacy_campaigns_2019() == 1
    assert scoped(people.alice, CampaignProblem).count() == 2
    assert scoped(people.bob, CampaignProblem).count() == 0
