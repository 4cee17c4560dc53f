"""Publication of decisions through the gate (行政复议法 第七十九条: masked, never before service)
and the withdrawal of a revoked penalty decision's publication within 3 working days
(行政处罚法 第四十八条第二款), triggered by the reconsideration decision."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from fazhi.core.casework.models import Event
from fazhi.core.casework.workflow import TransitionError, take
from fazhi.core.disclosure.models import Publication
from fazhi.domains.disputes import decision_docs, publicity

from ..enforcement.test_publicity import _published
from .decided import APPLICANT, ID_NUMBER, decided_case, decision_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def power_item(org: Any) -> Any:
    """The market regulator's power item of the enforcement tests' penalty cases."""
    from fazhi.domains.lists import services
    from fazhi.domains.lists.models import PowerItem

    return services.create_item(
        PowerItem,
        department=org.scjg,
        valid_from=date(2019, 1, 1),
        fields={"name": "对销售不符合食品安全标准食品的处罚", "kind": "penalty"},
    )


def test_a_decision_is_published_masked_only_after_service(
    client: Any, org: Any, fy_handler: Any, fy_head: Any
) -> None:
    reasons = f"申请人{APPLICANT}（身份证号 {ID_NUMBER}，电话 13812345678）的请求有理。"
    case = decided_case(org, fy_handler, fy_head, "revoke", reasons=reasons)
    with pytest.raises(TransitionError, match="尚未制作"):
        publicity.publish_decision(case, actor=fy_handler)
    doc = decision_document(case, org, fy_head)
    with pytest.raises(TransitionError, match="尚未送达"):
        publicity.publish_decision(case, actor=fy_handler)
    assert client.get("/reconsideration/decisions/").content.decode().count("行政复议决定书（") == 0
    decision_docs.serve(
        doc, method="post", served_on=date(2024, 4, 17), actor=fy_handler, to_respondent=True,
        tracking_number="EMS1",
    )  # fmt: skip
    pub = publicity.publish_decision(case, actor=fy_handler, on=date(2024, 4, 22))
    assert pub.kind == "行政复议决定书" and doc.number in pub.title
    payload = str(pub.payload)
    assert pub.payload["申请人"] == "张某某"
    assert APPLICANT not in payload and ID_NUMBER not in payload and "13812345678" not in payload
    assert pub.payload["复议决定"] == "撤销" and pub.payload["送达日期"] == "2024-04-17"
    with pytest.raises(TransitionError, match="已经公开"):
        publicity.publish_decision(case, actor=fy_handler)
    page = client.get("/reconsideration/decisions/").content.decode()
    assert doc.number in page and APPLICANT not in page
    detail = client.get(f"/publications/{pub.pk}/").content.decode()
    assert "张某某" in detail and ID_NUMBER not in detail


def test_the_body_publishes_from_the_decision_page(
    client: Any, org: Any, people: Any, fy_handler: Any, fy_head: Any
) -> None:
    case = decided_case(org, fy_handler, fy_head, "uphold")
    doc = decision_document(case, org, fy_head)
    client.force_login(fy_handler)
    url = f"/office/disputes/decisions/cases/{case.pk}/"
    page = client.post(url, {"action": "publish"}).content.decode()
    assert "尚未送达" in page and not Publication.objects.filter(case=case).exists()
    client.post(
        url,
        {
            "action": "serve",
            "s-document": doc.pk,
            "s-to_respondent": "on",
            "s-method": "post",
            "s-served_on": "2024-04-17",
            "s-tracking_number": "EMS9",
        },
    )
    assert decision_docs.served_on(case) == date(2024, 4, 17)
    client.post(url, {"action": "publish"})
    assert Publication.objects.filter(case=case, kind="行政复议决定书").count() == 1
    # The respondent's clerk may not publish the body's decision.
    client.force_login(people.alice)
    assert client.post(url, {"action": "publish"}).status_code == 403


def test_a_revoked_penalty_s_publication_is_withdrawn_on_time(
    org: Any,
    people: Any,
    power_item: Any,
    fy_handler: Any,
    fy_head: Any,
) -> None:
    penalty = _published(org, people, power_item)
    assert Publication.objects.filter(case=penalty, withdrawal__isnull=True).exists()
    case = decided_case(
        org, fy_handler, fy_head, "revoke", reviewed_case=penalty,
        knew_on=date(2024, 3, 25), received_on=date(2024, 4, 1), decided_on=date(2024, 4, 30),
    )  # fmt: skip
    change = Event.objects.get(case=penalty, kind="change_decision")
    assert change.data["change"] == "revoked" and change.data["document_no"] == case.number
    assert change.occurred_on == date(2024, 4, 30)
    window = penalty.deadlines.get(key="penalty.publicity_withdrawal")
    assert window.org_unit == org.scjg
    assert window.due == date(2024, 5, 8)  # 3 working days past the May Day holidays
    take(
        penalty, "withdraw_publication", people.alice,
        data={"reason": "原处罚决定已被行政复议决定撤销"}, on=date(2024, 5, 6),
    )  # fmt: skip
    window.refresh_from_db()
    assert window.status == "met" and window.met_on <= window.due
    assert publicity.withdrawals_owed(2024) == {"owed": 1, "met": 1, "late": 0}


def test_a_late_withdrawal_is_measured(
    org: Any,
    people: Any,
    power_item: Any,
    fy_handler: Any,
    fy_head: Any,
) -> None:
    penalty = _published(org, people, power_item)
    decided_case(
        org, fy_handler, fy_head, "declare_unlawful", reviewed_case=penalty,
        knew_on=date(2024, 3, 25), received_on=date(2024, 4, 1), decided_on=date(2024, 5, 6),
    )  # fmt: skip
    take(
        penalty, "withdraw_publication", people.alice,
        data={"reason": "原处罚决定已被确认违法"}, on=date(2024, 5, 10),
    )  # fmt: skip
    assert publicity.withdrawals_owed(2024) == {"owed": 1, "met": 1, "late": 1}


def test_an_upheld_penalty_keeps_its_publication(
    org: Any,
    people: Any,
    power_item: Any,
    fy_handler: Any,
    fy_head: Any,
) -> None:
    penalty = _published(org, people, power_item)
    decided_case(
        org, fy_handler, fy_head, "uphold", reviewed_case=penalty,
        knew_on=date(2024, 3, 25), received_on=date(2024, 4, 1), decided_on=date(2024, 4, 30),
    )  # fmt: skip
    assert not Event.objects.filter(case=penalty, kind="change_decision").exists()
    assert not penalty.deadlines.filter(key="penalty.publicity_withdrawal").exists()
