"""听取意见 (第四十九条), 听证 (第五十条、第五十一条) with its panel and the five-working-day
notice, and the committee (第五十二条): the external member sees only the cases assigned to them."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from rest_framework.test import APIClient

from fazhi.core.casework.models import Case, Document
from fazhi.core.casework.workflow import StepRefused, TransitionError, take
from fazhi.core.clock import statutes
from fazhi.core.org.choices import Role
from fazhi.domains.disputes.models import CommitteeOpinion, Hearing
from tests.conftest import make_staff

from .conftest import apply
from .parties_helpers import ACCEPTED_ON, accepted_with_copy

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel(org: Any, fy_handler: Any, fy_head: Any) -> dict[str, Any]:
    h2 = make_staff("fy_handler2", (Role.RECONSIDERATION_HANDLER, org.sfj))
    clerk = make_staff("fy_clerk", (Role.CLERK, org.sfj))
    return {"host": fy_head, "member_1": fy_handler, "member_2": h2, "recorder": clerk}


def schedule(case: Case, actor: Any, panel: dict[str, Any], served: date, held: date) -> Any:
    data = {
        "ground": "requested",
        "hearing_on": held,
        "place": "市司法局听证室",
        "matters": "罚款数额是否适当",
        "notice_served_on": served,
        **{k: v.pk for k, v in panel.items()},
    }
    return take(case, "schedule_hearing", actor, data=data, on=served)


def test_views_are_heard_and_recorded(org: Any, fy_handler: Any, application: Case) -> None:
    take(application, "accept", fy_handler, on=ACCEPTED_ON)
    event = take(
        application,
        "hear_views",
        fy_handler,
        data={"method": "phone", "heard": "申请人张三", "summary": "认为罚款过重"},
    )
    assert (
        event.data["summary"] == "认为罚款过重" and event.data["basis"] == "行政复议法 第四十九条"
    )


def test_a_hearing_needs_its_panel_and_five_working_days_notice(
    org: Any, fy_handler: Any, panel: dict[str, Any], application: Case
) -> None:
    accepted_with_copy(application, fy_handler)
    served = date(2024, 3, 15)  # a Friday
    earliest = statutes.compute_statutory("reconsideration.hearing_notice", served).due
    assert earliest == date(2024, 3, 22)
    with pytest.raises(TransitionError) as exc:
        schedule(application, fy_handler, panel, served, date(2024, 3, 21))
    assert "第五十一条第一款" in str(exc.value.refusals[0]) and "2024-03-22" in str(exc.value)
    one_member = {k: v for k, v in panel.items() if k != "member_2"}
    with pytest.raises(TransitionError) as exc:
        schedule(application, fy_handler, one_member, served, earliest)
    assert "听证员须两名以上（行政复议法 第五十条第三款）" in str(exc.value)
    clerk_member = {**panel, "member_2": panel["recorder"]}
    with pytest.raises(TransitionError) as exc:
        schedule(application, fy_handler, clerk_member, served, earliest)
    assert "行政复议人员担任（行政复议法 第五十条第三款）" in str(exc.value)
    twice = {**panel, "recorder": panel["member_1"]}
    with pytest.raises(TransitionError) as exc:
        schedule(application, fy_handler, twice, served, earliest)
    assert "不同人员" in str(exc.value)
    schedule(application, fy_handler, panel, served, earliest)
    hearing = Hearing.objects.get(case=application)
    assert hearing.members.count() == 2 and hearing.state == "scheduled"
    with pytest.raises(TransitionError) as exc:
        take(
            application,
            "hold_hearing",
            fy_handler,
            data={"held_on": earliest, "respondent_attendee": "张科长", "record": "笔录"},
        )
    assert "第五十一条第三款" in str(exc.value)  # the head did not attend and gave no reason
    take(
        application,
        "hold_hearing",
        fy_handler,
        on=earliest,
        data={
            "held_on": earliest,
            "applicant_attended": "on",
            "respondent_head_attended": "on",
            "respondent_attendee": "市场监管局副局长",
            "record": "双方陈述意见，质证。",
        },
    )
    hearing.refresh_from_db()
    assert hearing.state == "held" and hearing.record.startswith("双方陈述")


def test_no_hearing_is_held_before_one_is_scheduled(fy_handler: Any, application: Case) -> None:
    take(application, "accept", fy_handler, on=ACCEPTED_ON)
    with pytest.raises(TransitionError) as exc:
        take(
            application,
            "hold_hearing",
            fy_handler,
            data={"held_on": ACCEPTED_ON, "respondent_attendee": "x", "record": "x"},
        )
    assert exc.value.refusals[0].missing_step == "schedule_hearing"


def test_the_committee_member_sees_only_the_assigned_case(
    client: Any, org: Any, fy_handler: Any, fy_head: Any
) -> None:
    member = make_staff("fy_member", (Role.COMMITTEE_MEMBER, org.sfj))
    assigned = apply(org, fy_handler)
    other = apply(org, fy_handler)
    for case in (assigned, other):
        take(case, "accept", fy_handler, on=ACCEPTED_ON)
    Document.objects.create(
        case=other,
        owner_unit=org.sfj,
        kind="x",
        title="他案材料",
        file="o.docx",
        sha256="0" * 64,
        size=1,
    )
    with pytest.raises(StepRefused):  # only the head refers
        take(assigned, "refer_committee", fy_handler, data={"ground": "major", "questions": "?"})
    take(
        assigned,
        "refer_committee",
        fy_head,
        data={"ground": "major", "questions": "罚款是否畸重", "member_1": member.pk},
    )
    client.force_login(member)
    assert client.get(f"/office/cases/{assigned.pk}/").status_code == 200
    assert client.get(f"/office/cases/{other.pk}/").status_code == 404
    assert client.get(f"/office/disputes/parties/cases/{other.pk}/").status_code == 404
    doc = other.documents.get()
    assert client.get(f"/office/cases/{other.pk}/files/{doc.pk}/").status_code == 404
    listing = client.get("/office/r/reconsideration-cases/").content.decode()
    assert assigned.number in listing and other.number not in listing
    api = APIClient()
    api.force_authenticate(member)
    ids = {row["id"] for row in api.get("/api/cases/").json()["results"]}
    assert assigned.pk in ids and other.pk not in ids
    assert api.get(f"/api/cases/{other.pk}/").status_code == 404
    # The member gives the opinion on their case, and cannot on the other.
    take(assigned, "committee_opinion", member, data={"opinion": "建议变更为罚款三千元"})
    with pytest.raises(StepRefused):
        take(other, "committee_opinion", member, data={"opinion": "x"})
    with pytest.raises(TransitionError):  # one opinion per member per referral
        take(assigned, "committee_opinion", member, data={"opinion": "再议"})
    assert CommitteeOpinion.objects.get(case=assigned).member == member
    # The decision-maker sees the opinion on the case's reconsideration page.
    client.force_login(fy_head)
    page = client.get(f"/office/disputes/parties/cases/{assigned.pk}/").content.decode()
    assert "建议变更为罚款三千元" in page and "重要参考依据" in page


def test_the_hearings_list_exports_to_excel(
    client: Any, people: Any, fy_handler: Any, panel: dict[str, Any], application: Case
) -> None:
    import io

    from openpyxl import load_workbook

    accepted_with_copy(application, fy_handler)
    schedule(application, fy_handler, panel, date(2024, 3, 15), date(2024, 3, 25))
    client.force_login(fy_handler)
    response = client.get("/office/r/reconsideration-hearings/export/")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    values = [str(c.value) for row in sheet.iter_rows() for c in row]
    assert "市司法局听证室" in values
    client.force_login(people.bob)  # a department with no part in the case
    response = client.get("/office/r/reconsideration-hearings/export/")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows())  # type: ignore[union-attr]
    assert len(rows) == 1  # the header only
