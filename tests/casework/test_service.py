"""送达: method, date, recipient and proof; electronic service only with recorded consent;
periods that run from service start on the service date."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from fazhi.core.casework.files import store_document
from fazhi.core.casework.models import Document, Party
from fazhi.core.casework.service import ServiceError, record_consent, record_service
from fazhi.core.casework.workflow import open_case

from ..conftest import make_entity
from . import kinds  # noqa: F401

pytestmark = pytest.mark.django_db

SERVED = date(2021, 9, 1)
EMAIL = "fawu@jiayi.example.cn"


@pytest.fixture
def case(org):  # type: ignore[no-untyped-def]
    return open_case("test", number="CF-1", title="行政处罚案件", owner=org.scjg)


@pytest.fixture
def party(case, org) -> Party:
    return Party.objects.create(case=case, role="party", entity=make_entity(org))


def evidence(case: Any, org: Any, kind: str, **fields: Any) -> Document:
    return store_document(
        f"{kind}（扫描件）".encode(),
        "scan.pdf",
        owner_unit=org.scjg,
        kind=kind,
        title=kind,
        case=case,
        **fields,
    )


@pytest.fixture
def decision(case, org) -> Document:
    return evidence(
        case, org, "行政处罚决定书", number="鄂市监罚字〔2021〕12号", issued_on=date(2021, 8, 30)
    )


@pytest.fixture
def consent(case, org, party, people):  # type: ignore[no-untyped-def]
    return record_consent(
        party,
        channel="email",
        address=EMAIL,
        consent_document=evidence(case, org, "送达地址确认书"),
        consented_on=date(2021, 8, 25),
        actor=people.alice,
    )


def serve(decision: Document, people: Any, **kwargs: Any) -> Any:
    fields: dict[str, Any] = {"served_on": SERVED, "actor": people.alice}
    return record_service(decision, **{**fields, **kwargs})


def delivered(at: str = "2021-09-01T10:30:00+08:00", address: str = EMAIL) -> dict[str, str]:
    return {"address": address, "delivered_at": at, "message_id": "<a1@fazhi>"}


# --- Proof by method ----------------------------------------------------------------------


def test_in_person_service_without_a_signed_receipt_is_refused(decision, party, people) -> None:
    with pytest.raises(ServiceError, match="民事诉讼法 第八十七条"):
        serve(decision, people, method="in_person", party=party)


def test_in_person_service_with_its_receipt_is_recorded_on_the_timeline(
    case, org, decision, party, people
) -> None:
    receipt = evidence(case, org, "送达回证")
    s = serve(decision, people, method="in_person", party=party, receipt=receipt)
    assert (s.method, s.served_on, s.recipient, s.receipt) == (
        "in_person",
        SERVED,
        "鄂州市甲乙有限公司",
        receipt,
    )
    event = case.events.get(kind="served")
    assert event.document_ids == [decision.pk, receipt.pk] and event.actor == people.alice


def test_service_left_at_the_address_needs_the_witnessed_receipt(decision, party, people) -> None:
    with pytest.raises(ServiceError, match="第八十九条"):
        serve(decision, people, method="left", party=party)


def test_postal_service_records_its_tracking_number(decision, party, people) -> None:
    s = serve(decision, people, method="post", party=party, tracking_number=" 1151234567890 ")
    assert s.tracking_number == "1151234567890"


def test_postal_service_without_tracking_number_or_receipt_is_refused(
    decision, party, people
) -> None:
    with pytest.raises(ServiceError, match="第九十一条"):
        serve(decision, people, method="post", party=party)


def test_service_by_public_notice_needs_its_reasons_in_the_file(
    case, org, decision, people
) -> None:
    notice = evidence(case, org, "公告")
    with pytest.raises(ServiceError, match="第九十五条第二款"):
        serve(decision, people, method="notice", recipient="鄂州市甲乙有限公司", receipt=notice)


# --- Electronic service -------------------------------------------------------------------


def test_electronic_service_without_consent_is_refused_naming_the_article(
    decision, party, people
) -> None:
    with pytest.raises(ServiceError) as exc:
        serve(decision, people, method="electronic", party=party, delivery_record=delivered())
    assert "行政处罚法 第六十一条第二款" in exc.value.message
    assert "民事诉讼法 第九十条" in exc.value.message


def test_electronic_service_with_consent_keeps_the_delivery_record(
    decision, party, consent, people
) -> None:
    s = serve(decision, people, method="electronic", party=party, delivery_record=delivered())
    assert s.consent == consent and s.address == EMAIL
    assert s.delivery_record["message_id"] == "<a1@fazhi>"
    assert s.delivery_record["channel"] == "email"


def test_electronic_service_to_an_address_not_consented_is_refused(
    decision, party, consent, people
) -> None:
    record = delivered(address="other@example.cn")
    with pytest.raises(ServiceError, match=r"不是.*确认的地址"):
        serve(decision, people, method="electronic", party=party, delivery_record=record)


def test_electronic_service_before_the_consent_is_refused(
    case, org, decision, party, people
) -> None:
    record_consent(
        party,
        channel="email",
        address=EMAIL,
        consent_document=evidence(case, org, "送达地址确认书"),
        consented_on=date(2021, 9, 2),
    )
    with pytest.raises(ServiceError, match="才签订确认书"):
        serve(decision, people, method="electronic", party=party, delivery_record=delivered())


def test_electronic_service_is_dated_when_it_reached_the_recipients_system(
    decision, party, consent, people
) -> None:
    record = delivered(at="2021-09-02T08:00:00+08:00")
    with pytest.raises(ServiceError, match="第九十条第二款"):
        serve(decision, people, method="electronic", party=party, delivery_record=record)


def test_consent_needs_a_valid_email_address(case, org, party) -> None:
    with pytest.raises(ServiceError, match="电子邮件地址格式不正确"):
        record_consent(
            party,
            channel="email",
            address="不是地址",
            consent_document=evidence(case, org, "送达地址确认书"),
            consented_on=date(2021, 8, 25),
        )


def test_consent_is_on_the_timeline(case, consent) -> None:
    event = case.events.get(kind="service_consent")
    assert event.document_ids == [consent.consent_document_id]


# --- Dates and periods --------------------------------------------------------------------


def test_periods_start_on_the_service_date_not_on_the_day_it_is_recorded(
    case, org, decision, party, people
) -> None:
    receipt = evidence(case, org, "送达回证")
    serve(
        decision,
        people,
        method="in_person",
        party=party,
        receipt=receipt,
        starts=["penalty.payment"],
    )
    d = case.deadlines.get(key="penalty.payment")
    # 行政处罚法 第六十七条: 十五日 from receipt; the start day is not counted.
    assert d.start == SERVED and d.due == date(2021, 9, 16)


def test_service_before_the_document_was_issued_is_refused(case, org, decision, people) -> None:
    receipt = evidence(case, org, "送达回证")
    with pytest.raises(ServiceError, match="不能早于文书的成文日期"):
        serve(
            decision,
            people,
            method="in_person",
            recipient="张三",
            receipt=receipt,
            served_on=date(2021, 8, 29),
        )


def test_a_document_outside_any_case_cannot_be_served(org, people) -> None:
    loose = store_document(b"x", "x.pdf", owner_unit=org.scjg, kind="通知", title="通知")
    with pytest.raises(ServiceError, match="未关联案件"):
        serve(loose, people, method="post", recipient="张三", tracking_number="1")


def test_bob_cannot_record_service_on_the_market_regulators_case(decision, party, people) -> None:
    with pytest.raises(PermissionDenied):
        serve(decision, people, actor=people.bob, method="post", party=party, tracking_number="1")


def test_a_party_of_another_case_is_not_a_recipient(org, decision, people) -> None:
    other = open_case("test", number="CF-2", title="另一案件", owner=org.scjg)
    stranger = Party.objects.create(case=other, role="party", entity=make_entity(org))
    with pytest.raises(ServiceError, match="不是本案的当事人"):
        serve(decision, people, method="post", party=stranger, tracking_number="1")


def test_a_consent_is_shown_in_the_admin_only_to_the_units_of_its_case(
    client, consent, people
) -> None:
    from django.contrib.auth.models import Permission

    seen = {}
    for name in ("alice", "bob"):
        user = getattr(people, name)
        user.is_staff = True
        user.save()
        user.user_permissions.add(Permission.objects.get(codename="view_serviceconsent"))
        client.force_login(user)
        response = client.get("/admin/casework/serviceconsent/")
        seen[name] = {o.pk for o in response.context["cl"].result_list}
    assert seen == {"alice": {consent.pk}, "bob": set()}
