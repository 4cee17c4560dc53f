"""The disclosure gate builds public records from structured fields and masks them."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command

from fazhi.core.disclosure.gate import DisclosureRefused, publish, withdraw
from fazhi.core.disclosure.models import OutboxMessage, Publication
from fazhi.core.disclosure.outbox import deliver_pending

pytestmark = pytest.mark.django_db

ID = "420704199001011231"  # a resident ID number with a valid GB 11643 check digit


def decision(org, **extra):  # type: ignore[no-untyped-def]
    fields = {
        "当事人": "鄂州市某某商贸有限公司",
        "违法事实": f"经查，证人张三丰（身份证 {ID}，电话 13871234567）证实该公司销售过期食品。",
        "住所": "湖北省鄂州市鄂城区滨湖南路25号",
        "罚款": 5000,
        "决定日期": date(2019, 10, 8),
    }
    return publish(
        kind="行政处罚决定",
        title="鄂州市某某商贸有限公司行政处罚决定",
        org_unit=org.scjg,
        fields=fields,
        address_fields=["住所"],
        known_names=["张三丰"],
        party_names=["鄂州市某某商贸有限公司"],
        statutory_deadline=date(2099, 1, 1),
        **extra,
    )


def test_it_publishes_a_masked_record_built_from_fields(org) -> None:
    pub = decision(org)
    text = pub.payload["违法事实"]
    assert ID not in text and "13871234567" not in text
    assert "张某某" in text and "张三丰" not in text
    assert pub.payload["住所"] == "湖北省鄂州市鄂城区"
    assert pub.payload["当事人"] == "鄂州市某某商贸有限公司"
    assert pub.payload["罚款"] == 5000 and pub.payload["决定日期"] == "2019-10-08"
    assert pub.on_time is True and len(pub.sha256) == 64


def test_it_refuses_a_decision_whose_party_is_a_minor(org) -> None:
    with pytest.raises(DisclosureRefused):
        decision(org, party_is_minor=True)
    assert not Publication.objects.exists()


def test_a_withdrawal_keeps_the_record_and_shows_the_reason(org, client) -> None:
    pub = decision(org)
    withdraw(pub, reason="复议决定撤销原处罚决定")
    assert not Publication.objects.current().filter(pk=pub.pk).exists()
    page = client.get(f"/publications/{pub.pk}/")
    assert page.status_code == 200
    assert "已于" in page.content.decode() and "复议决定撤销原处罚决定" in page.content.decode()
    with pytest.raises(ValueError):
        withdraw(decision(org), reason=" ")


def test_the_outbox_writes_the_targets_file_and_keeps_failures(org, settings) -> None:
    decision(org, outbox_targets=["credit_china"])
    assert deliver_pending() == 1
    message = OutboxMessage.objects.get()
    path = Path(message.result)
    body = json.loads(path.read_text(encoding="utf-8"))
    assert body["target"] == "credit_china" and ID not in path.read_text(encoding="utf-8")
    assert message.status == "delivered" and message.attempts == 1


def test_the_preview_command_prints_exactly_what_would_be_published(monkeypatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(f"证人李四，手机 138-7123-4567，身份证号 {ID}。"))
    out = io.StringIO()
    call_command("fazhi_disclosure", "preview", "--name", "李四", stdout=out)
    shown = out.getvalue()
    assert "李某" in shown and "4567" not in shown and ID not in shown


def test_numbers_and_nested_values_are_masked_at_any_depth(org) -> None:
    pub = publish(
        kind="测试",
        title="嵌套字段",
        org_unit=org.scjg,
        address_fields=["住址"],
        known_names=["张三丰"],
        fields={
            "电话": 13871234567,
            "罚款": 5000,
            "证人": {"姓名": "张三丰", "证件": ID},
            "人员": [{"证件": ID, "住址": "湖北省鄂州市鄂城区滨湖南路25号"}],
            "嵌套": [[ID]],
        },
    )
    text = json.dumps(pub.payload, ensure_ascii=False)
    assert ID not in text and "13871234567" not in text and "张三丰" not in text
    assert "滨湖南路" not in text and pub.payload["罚款"] == 5000


def test_an_unstructured_value_is_refused(org) -> None:
    with pytest.raises(DisclosureRefused):
        publish(kind="测试", title="x", org_unit=org.scjg, fields={"对象": org.scjg})


def test_a_case_whose_party_is_a_minor_is_refused_without_the_caller_saying_so(org) -> None:
    from fazhi.core.casework.models import Party
    from fazhi.core.casework.workflow import open_case
    from fazhi.core.org.models import Person

    from ..casework import kinds  # noqa: F401

    case = open_case("test", number="M-1", title="未成年人案件", owner=org.scjg)
    minor = Person.objects.create(name="小明", birth_date=date(2012, 5, 1), owner_unit=org.scjg)
    Party.objects.create(case=case, role="party", person=minor)
    with pytest.raises(DisclosureRefused):
        publish(kind="行政处罚决定", title="决定", org_unit=org.scjg, fields={"a": 1}, case=case)


def test_a_withdrawn_record_is_never_sent_and_a_sent_one_is_withdrawn_at_the_target(org) -> None:
    unsent = decision(org, outbox_targets=["gsxt"])
    withdraw(unsent, reason="决定被撤销")
    sent = decision(org, outbox_targets=["gsxt"])
    deliver_pending()
    withdraw(sent, reason="决定被撤销")
    deliver_pending()
    statuses = list(
        OutboxMessage.objects.filter(publication=unsent).values_list("status", flat=True)
    )
    assert sorted(statuses) == ["cancelled", "delivered"]  # the record cancelled, the notice sent
    notices = OutboxMessage.objects.filter(publication=sent, payload__action="withdraw")
    assert notices.get().status == "delivered"


def test_expired_and_withdrawn_records_show_no_content(org, client) -> None:
    expired = decision(org, publish_until=date(2000, 1, 1))
    page = client.get(f"/publications/{expired.pk}/").content.decode()
    assert "届满" in page and "违法事实" not in page
    from rest_framework.test import APIClient

    api = APIClient()
    assert expired.pk not in {p["id"] for p in api.get("/api/publications/").json()["results"]}
    assert api.get(f"/api/publications/{expired.pk}/").json()["payload"] is None
