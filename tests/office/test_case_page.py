"""The worked example: a 减证便民 complaint registered, accepted, verified and replied to on the
case page and through the API, each step by the persona in its role, every refusal named with
its article; the workbench shows its deadline approaching, then overdue."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine
from rest_framework.test import APIClient

from fazhi.core.casework.models import Case, Notification
from fazhi.core.casework.workbench import notify_deadlines, workbench
from fazhi.domains.lists.models import ProofRequirement
from tests.lists.factories import cancelled_proof

pytestmark = pytest.mark.django_db


@pytest.fixture
def proof(org: Any) -> ProofRequirement:
    return cancelled_proof(org.scjg)


def api(user: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def register(client: Any, people: Any, proof: Any) -> Case:
    client.force_login(people.june)
    response = client.post(
        "/office/cases/new/proof_complaint/",
        {"proof": proof.pk, "demanded_by": "某培训机构", "description": "仍要求社区开具"},
    )
    assert response.status_code == 302, response.content.decode()
    return Case.objects.get(kind="proof_complaint")


@time_machine.travel(date(2019, 8, 1))
def test_the_justice_bureau_handler_registers_and_accepts_on_the_case_page(
    client, people, proof
) -> None:
    case = register(client, people, proof)
    assert case.number == "" and case.state == "registered"
    page = client.get(f"/office/cases/{case.pk}/").content.decode()
    assert "受理" in page and "仍要求社区开具" in page
    response = client.post(f"/office/cases/{case.pk}/steps/accept/", {"step-note": "符合受理条件"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == "accepted" and case.number == "420700-SFJ-JZ-2019-0001"
    page = client.get(f"/office/cases/{case.pk}/").content.decode()
    assert "投诉办结" in page and "2019-09-30" in page and "信访工作条例 第三十四条" in page


@time_machine.travel(date(2019, 8, 5))
def test_every_refusal_on_the_case_page_names_what_is_missing(client, people, proof) -> None:
    case = register(client, people, proof)
    client.post(f"/office/cases/{case.pk}/steps/accept/", {})
    # The head may not reply before the verification.
    client.force_login(people.jack)
    response = client.post(f"/office/cases/{case.pk}/steps/reply/", {"f-reply": "已改正"})
    assert response.status_code == 400
    assert "须先完成“核查”" in response.content.decode()
    # The respondent department's handler records what verification found.
    client.force_login(people.alice)
    response = client.post(f"/office/cases/{case.pk}/steps/verify/", {"f-findings": ""})
    assert response.status_code == 400 and "核查情况" in response.content.decode()
    response = client.post(f"/office/cases/{case.pk}/steps/verify/", {"f-findings": "确有此事"})
    assert response.status_code == 302
    # The handler of the same unit may not sign the reply: the head does.
    client.force_login(people.june)
    response = client.post(f"/office/cases/{case.pk}/steps/reply/", {"f-reply": "已改正"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "须由本案承办机关的部门负责人办理" in body and "信访工作条例 第三十四条" in body
    client.force_login(people.jack)
    page = client.get(f"/office/cases/{case.pk}/").content.decode()
    assert f'action="/office/cases/{case.pk}/steps/reply/"' in page
    response = client.post(f"/office/cases/{case.pk}/steps/reply/", {"f-reply": "已督促改正"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == "replied" and case.closed_on == date(2019, 8, 5)


@time_machine.travel(date(2019, 8, 5))
def test_the_api_takes_the_same_steps_with_the_same_refusals(people, proof) -> None:
    created = api(people.june).post(
        "/api/cases/",
        {
            "kind": "proof_complaint",
            "data": {"proof": proof.pk, "demanded_by": "某培训机构", "description": "仍要求"},
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    listed = api(people.june).get(f"/api/cases/{pk}/steps/").json()
    assert [(s["name"], s["allowed"]) for s in listed] == [("accept", True)]
    assert api(people.june).post(f"/api/cases/{pk}/steps/accept/", {}, format="json").json()[
        "number"
    ] == ("420700-SFJ-JZ-2019-0001")
    early = api(people.jack).post(
        f"/api/cases/{pk}/steps/reply/", {"data": {"reply": "好"}}, format="json"
    )
    assert early.status_code == 400
    assert early.json()["refusals"][0]["missing_step"] == "verify"
    wrong = api(people.june).post(
        f"/api/cases/{pk}/steps/verify/", {"data": {"findings": "属实"}}, format="json"
    )
    assert wrong.status_code == 200  # june is the owner unit's handler: she may verify
    role = api(people.june).post(
        f"/api/cases/{pk}/steps/reply/", {"data": {"reply": "好"}}, format="json"
    )
    assert role.status_code == 403
    assert role.json()["refusals"][0]["basis"] == "信访工作条例 第三十四条"
    empty = api(people.jack).post(
        f"/api/cases/{pk}/steps/reply/", {"data": {"reply": ""}}, format="json"
    )
    assert empty.status_code == 400 and "答复内容" in empty.json()["detail"]
    done = api(people.jack).post(
        f"/api/cases/{pk}/steps/reply/", {"data": {"reply": "已督促改正"}}, format="json"
    )
    assert done.status_code == 200 and done.json()["state"] == "replied"
    # A unit that takes no part sees nothing: the same answer as for no case at all.
    assert api(people.bob).get(f"/api/cases/{pk}/steps/").status_code == 404
    assert api(people.bob).post(f"/api/cases/{pk}/steps/reply/", {}).status_code == 404


def test_the_schema_lists_each_kinds_steps(people) -> None:
    schema = api(people.june).get("/api/schema/", {"format": "json"}).json()
    operation = schema["paths"]["/api/cases/{id}/steps/{name}/"]["post"]
    assert "proof_complaint（减证便民投诉）" in operation["description"]
    names = next(p for p in operation["parameters"] if p["name"] == "name")["schema"]["enum"]
    assert {"accept", "verify", "reply"} <= set(names)


def test_the_workbench_shows_the_deadline_approaching_then_overdue(client, people, proof) -> None:
    with time_machine.travel(date(2019, 8, 1)):
        case = register(client, people, proof)
        client.post(f"/office/cases/{case.pk}/steps/accept/", {})
        bench = workbench(people.june, date(2019, 8, 1))
        assert bench.awaiting == [case]  # accepted: june, the owner's handler, may verify
        assert bench.approaching == [] and bench.overdue == []
    # Three working days before the end (2019-09-30; 09-29 is a make-up working day).
    with time_machine.travel(date(2019, 9, 26)):
        bench = workbench(people.june, date(2019, 9, 26))
        assert [d.case_id for d in bench.approaching] == [case.pk]
        assert notify_deadlines(date(2019, 9, 26)) == 2  # june and jack of the justice bureau
        assert notify_deadlines(date(2019, 9, 26)) == 0  # once per person and due date
        client.logout()  # weeks later: the idle session has ended; june signs in again
        client.force_login(people.june)
        page = client.get("/office/").content.decode()
        assert "即将届满" in page and "2019-09-30" in page
    with time_machine.travel(date(2019, 10, 8)):
        bench = workbench(people.june, date(2019, 10, 8))
        assert bench.approaching == [] and [d.case_id for d in bench.overdue] == [case.pk]
        notify_deadlines(date(2019, 10, 8))
        kinds = set(
            Notification.objects.filter(recipient=people.june).values_list("kind", flat=True)
        )
        assert kinds == {"approaching", "overdue"}
        client.logout()
        client.force_login(people.june)
        page = client.get("/office/").content.decode()
        assert 'class="overdue"' in page and "2 条未读" in page
        client.post("/office/notifications/read/", {})
        assert not Notification.objects.filter(recipient=people.june, read_at=None).exists()
        # bob's workbench knows nothing of it, and his notifications are his own.
        assert workbench(people.bob, date(2019, 10, 8)).overdue == []


def test_the_timeline_keeps_2019_dates_for_deadline_events_too(org, people, proof) -> None:
    """History recorded years later keeps its business dates: started and met on the days of
    the steps, not on the day the rows were written."""
    with time_machine.travel(date(2026, 12, 6)):
        from fazhi.domains.lists import complaints

        c = complaints.receive(
            handler=org.sfj,
            proof=proof,
            demanded_by="某单位",
            description="仍要求",
            received_on=date(2019, 8, 1),
            actor=people.june,
        )
        complaints.accept(c, actor=people.june, on=date(2019, 8, 1))
        complaints.verify(c, "属实", actor=people.june, on=date(2019, 8, 2))
        complaints.reply(c, "已改正", actor=people.jack, on=date(2019, 8, 3))
        dates = dict(c.case.events.values_list("kind", "occurred_on"))
    assert dates["deadline_started"] == date(2019, 8, 1)
    assert dates["deadline_met"] == date(2019, 8, 3)
    assert all(d.year == 2019 for d in dates.values())
