"""Incidental review from the rulemaking side: a request recorded on a reconsideration case is
linked to the normative document and its provision, answered by the handling body within the
clock, and the link is seen from both sides."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from fazhi.core.casework.choices import DeadlineStatus
from fazhi.core.casework.workflow import StepRefused, TransitionError, open_case, take
from fazhi.core.org.choices import Role
from fazhi.core.org.models import RoleAssignment
from fazhi.core.org.scoping import scoped
from fazhi.domains.disputes.models import IncidentalReview
from fazhi.domains.disputes.party_choices import IncidentalState
from fazhi.domains.rulemaking import incidental
from fazhi.domains.rulemaking.models import IncidentalLink

from . import filing_fixtures as fx

pytestmark = pytest.mark.django_db


@pytest.fixture
def department_document(org: Any) -> Any:
    return fx.department_document(org)


@pytest.fixture
def handler(org, people):  # type: ignore[no-untyped-def]
    RoleAssignment.objects.create(
        staff=people.june, role=Role.RECONSIDERATION_HANDLER, org_unit=org.sfj
    )
    return people.june


@pytest.fixture
def case(org, handler):  # type: ignore[no-untyped-def]
    c = open_case(
        "reconsideration",
        number="FY-2019-1",
        title="某公司不服处罚决定",
        owner=org.sfj,
        opened_on=date(2019, 6, 3),
        extra_participants=[(org.scjg, "respondent")],
    )
    c.state = "accepted"
    c.save(update_fields=["state"])
    return c


def request(case, handler, *, competent=True, routed_to=None):  # type: ignore[no-untyped-def]
    data = {
        "document_title": "关于规范农贸市场管理的实施意见",
        "document_number": "鄂市监规〔2019〕1号",
        "level": "local_government",
        "maker": "鄂州市市场监督管理局",
        "clauses": "第三条",
        "competent": competent,
    }
    if routed_to is not None:
        data["routed_to"] = routed_to.pk
    take(case, "incidental_review", handler, on=date(2019, 6, 10), data=data)
    return IncidentalReview.objects.get(case=case)


def test_a_request_is_linked_to_the_document_and_its_provision(
    case, handler, department_document
) -> None:
    review = request(case, handler)
    link = IncidentalLink.objects.get(review=review)
    assert link.version == department_document
    assert list(link.provisions.values_list("path", flat=True)) == ["第三条"]


def test_the_handling_body_answers_and_the_clock_is_met(
    case, handler, department_document, people, org
) -> None:
    review = request(case, handler)
    with pytest.raises(StepRefused) as err:
        incidental.answer(
            review, conclusion="lawful", answer_text="合法", on=date(2019, 7, 1), actor=people.bob
        )
    assert "行政复议法 第五十九条" in str(err.value)
    with pytest.raises(TransitionError) as err2:
        incidental.answer(
            review, conclusion="unlawful", answer_text="第三条违法", on=date(2019, 7, 1),
            actor=people.june,
        )  # fmt: skip
    assert "须写明对该文件的处理" in str(err2.value)
    link = incidental.answer(
        review, conclusion="unlawful", answer_text="第三条超越权限", on=date(2019, 7, 1),
        actor=people.june, handling="责令制定机关停止执行第三条并予以修改",
    )  # fmt: skip
    review.refresh_from_db()
    assert (review.state, review.conclusion) == (IncidentalState.ANSWERED, "unlawful")
    assert link.handling.startswith("责令")
    clock = case.deadlines.get(key="reconsideration.incidental_handle")
    assert (clock.status, clock.met_on) == (DeadlineStatus.MET, date(2019, 7, 1))


def test_a_transferred_request_is_seen_and_answered_by_the_receiving_body(
    case, handler, department_document, people, org
) -> None:
    review = request(case, handler, competent=False, routed_to=org.sthj)
    assert not scoped(people.bob, IncidentalReview).exists()
    take(case, "transfer_incidental", handler, on=date(2019, 6, 14), data={"review": review.pk})
    assert scoped(people.bob, IncidentalReview).get() == review
    incidental.answer(
        review, conclusion="lawful", answer_text="合法", on=date(2019, 7, 20), actor=people.bob
    )
    clock = case.deadlines.get(key="reconsideration.incidental_transfer_reply")
    assert clock.status == DeadlineStatus.MET


def test_the_link_is_shown_both_ways(client, case, handler, department_document, people) -> None:
    request(case, handler)
    client.force_login(people.june)
    inbox = client.get("/office/rulemaking/incidental/")
    assert inbox.status_code == 200 and "关于规范农贸市场管理的实施意见" in inbox.content.decode()
    from_case = client.get(f"/office/rulemaking/cases/{case.pk}/documents/").content.decode()
    assert "第三条" in from_case and "关于规范农贸市场管理的实施意见" in from_case
    case_page = client.get(f"/office/cases/{case.pk}/").content.decode()
    assert f"/office/rulemaking/cases/{case.pk}/documents/" in case_page
    from_document = client.get(
        f"/office/rulemaking/versions/{department_document.pk}/incidental/"
    ).content.decode()
    assert "FY-2019-1" in from_document
    response = client.post(
        f"/office/rulemaking/incidental/{IncidentalReview.objects.get().pk}/answer/",
        {"conclusion": "lawful", "answer": "合法", "on": "2019-07-01"},
    )
    assert response.status_code == 302
    assert IncidentalReview.objects.get().state == IncidentalState.ANSWERED
    # Another department, not taking part, sees neither side.
    client.force_login(people.bob)
    assert (
        "FY-2019-1"
        not in client.get(
            f"/office/rulemaking/versions/{department_document.pk}/incidental/"
        ).content.decode()
    )
