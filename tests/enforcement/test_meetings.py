"""Case-review meetings (案审会): recorded by the department's head over its own enforcement
cases (collected ones included, which the meeting does not change), refused otherwise with the
article; seen by the department and the justice bureau, not by other departments."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client

from fazhi.core.casework.collection import CaseFields, CaseIn, collect
from fazhi.core.casework.models import Case, Event
from fazhi.core.org.choices import Role
from fazhi.core.org.models import RoleAssignment
from fazhi.core.org.scoping import scoped
from fazhi.domains.enforcement import meetings
from fazhi.domains.enforcement.models import EnforcementCase, Meeting, MeetingCase

PEOPLE = [
    meetings.Attendee("何建华", "chair", "局长"),
    meetings.Attendee("王立新", "member"),
    meetings.Attendee("陈志强", "member"),
    meetings.Attendee("周敏", "recorder"),
]


def collected(org, unit, n: int = 2) -> list[Case]:
    cases = [
        CaseIn(
            external_id=f"M-{unit.pk}-{i}",
            fields=CaseFields(title=f"案件{i}", opened_on=date(2019, 3, 1), state="decided"),
            detail={"outcome": "penalty", "decided_on": date(2019, 4, 1), "fine": Decimal(5000)},
        )
        for i in range(n)
    ]
    _, out = collect(cases, source_system="系统", owner=unit)
    assert out is not None
    return list(Case.objects.filter(pk__in=out.case_ids.values()).order_by("pk"))


@pytest.fixture
def head(org, people):
    RoleAssignment.objects.create(staff=people.bob, role=Role.DEPARTMENT_HEAD, org_unit=org.sthj)
    people.bob.__dict__.pop("_fazhi_role_rows", None)
    return people.bob


def items(cases: list[Case]) -> list[meetings.Item]:
    return [meetings.Item(c.pk, "事实清楚，同意处罚", "agree") for c in cases]


def test_a_head_records_a_meeting_over_collected_cases_without_changing_them(
    org, people, head
) -> None:
    cases = collected(org, org.sthj)
    before = [(c.state, Event.objects.filter(case=c).count()) for c in cases]
    meeting = meetings.record_meeting(
        department=org.sthj, held_on=date(2019, 3, 20), subject="2019年第1次案审会",
        attendance=PEOPLE, items=items(cases), actor=head,
    )  # fmt: skip
    assert meeting.attendance.count() == 4
    assert [i.case_id for i in MeetingCase.objects.filter(meeting=meeting)] == [c.pk for c in cases]
    after = [(Case.objects.get(pk=c.pk).state, Event.objects.filter(case=c).count()) for c in cases]
    assert after == before  # a supervision record, not a change of the case


@pytest.mark.parametrize(
    "change, message",
    [
        ({"actor": "alice"}, "负责人"),
        ({"attendance": PEOPLE[1:]}, "主持"),
        ({"attendance": PEOPLE[:2]}, "三名以上"),
        ({"held_on": date(2019, 2, 1)}, "尚未立案"),
        ({"other_department": True}, "本部门"),
    ],
)
def test_what_is_refused_names_the_article(org, people, head, change, message) -> None:
    cases = collected(org, org.scjg if change.get("other_department") else org.sthj)
    kwargs = {
        "department": org.sthj, "held_on": change.get("held_on", date(2019, 3, 20)),
        "subject": "案审会", "attendance": change.get("attendance", PEOPLE),
        "items": items(cases), "actor": people.alice if change.get("actor") else head,
    }  # fmt: skip
    with pytest.raises(meetings.MeetingRefused) as refused:
        meetings.record_meeting(**kwargs)
    assert message in refused.value.message and "第五十七条" in str(refused.value)
    assert not Meeting.objects.exists()


def test_the_back_office_records_and_shows_a_meeting(org, people, head) -> None:
    cases = collected(org, org.sthj)
    client = Client()
    client.force_login(head)
    assert client.get("/office/enforcement/meetings/new/").status_code == 200
    form = {
        "held_on": "2019-03-20", "subject": "第一次案审会", "place": "三楼会议室",
        "a-TOTAL_FORMS": "6", "a-INITIAL_FORMS": "0", "a-MIN_NUM_FORMS": "3",
        "a-MAX_NUM_FORMS": "1000",
        "c-TOTAL_FORMS": "4", "c-INITIAL_FORMS": "0", "c-MIN_NUM_FORMS": "1",
        "c-MAX_NUM_FORMS": "1000",
    }  # fmt: skip
    for n, a in enumerate(PEOPLE):
        form |= {f"a-{n}-name": a.name, f"a-{n}-title": a.title, f"a-{n}-role": a.role}
    form |= {"c-0-case": str(cases[0].pk), "c-0-opinion": "同意", "c-0-decision": "agree"}
    response = client.post("/office/enforcement/meetings/new/", form)
    ctx = response.context or {}
    assert response.status_code == 302, [
        (f.errors, f.non_field_errors()) for f in (ctx["form"],)
    ] + [ctx["people"].errors, ctx["items"].errors, ctx["people"].non_form_errors()]
    meeting = Meeting.objects.get()
    page = client.get(response["Location"]).content.decode()
    assert "第一次案审会" in page and "何建华" in page and "同意承办机构意见" in page

    # The justice bureau sees it; another department does not, and may not record.
    assert scoped(people.carol, Meeting).filter(pk=meeting.pk).exists()
    assert not scoped(people.alice, Meeting).exists()
    other = Client()
    other.force_login(people.alice)
    assert other.get(f"/office/enforcement/meetings/{meeting.pk}/").status_code == 404
    assert other.get("/office/enforcement/meetings/new/").status_code == 403


def test_a_meeting_covers_a_handled_case_too_and_its_detail_knows_its_owner(
    org, people, item
) -> None:
    from tests.enforcement.test_penalty_steps import lead

    case = lead(people, item)
    assert EnforcementCase.objects.get(case=case).owner == org.scjg  # copied from the owner
    RoleAssignment.objects.create(staff=people.alice, role=Role.DEPARTMENT_HEAD, org_unit=org.scjg)
    people.alice.__dict__.pop("_fazhi_role_rows", None)
    meeting = meetings.record_meeting(
        department=org.scjg, held_on=date(2024, 3, 5), subject="集体讨论",
        attendance=PEOPLE, items=items([case]), actor=people.alice,
    )  # fmt: skip
    assert meeting.items.get().case == case
